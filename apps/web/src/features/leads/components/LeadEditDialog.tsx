import { LANGUAGES, type Language, type Lead, type UpdateLeadBody } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { formatPhone, languageName } from '../../../lib/format';
import { fieldLabel, fromInputText, LeadFieldInput, toInputText, useLeadFields } from '../../lead-fields';
import { useUpdateLead } from '../hooks/useUpdateLead';

type Form = { name: string; phone: string; email: string; city: string; language: string; score: string; tags: string };
type Errors = Partial<Record<keyof Form, string>>;

const emailSchema = z.email();
const isLanguage = (v: string): v is Language => (LANGUAGES as readonly string[]).includes(v);

const toForm = (lead: Lead): Form => ({
  name: lead.name,
  phone: formatPhone(lead.phone),
  email: lead.email ?? '',
  city: lead.city ?? '',
  language: lead.language ?? '',
  score: lead.score === null ? '' : String(lead.score),
  tags: lead.tags.join(', '),
});

const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

/** Mount it when opening, so each opening starts from the lead as it is now. */
export function LeadEditDialog({ lead, open, onOpenChange }: { lead: Lead; open: boolean; onOpenChange: (open: boolean) => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const update = useUpdateLead(lead.id);
  const [form, setForm] = useState<Form>(() => toForm(lead));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [existingLeadId, setExistingLeadId] = useState<string | null>(null);
  // Defined extra fields (visible ones), each with the input its type calls for; only edited ones are sent.
  const definitions = (useLeadFields().data?.items ?? []).filter((d) => d.visible);
  const [extraEdits, setExtraEdits] = useState<Record<string, string>>({});
  const [extraErrors, setExtraErrors] = useState<Record<string, string>>({});
  const extraBefore = (key: string) => {
    const def = definitions.find((d) => d.key === key);
    return def ? toInputText(def, lead.metadata[key]) : '';
  };
  const extraValue = (key: string) => extraEdits[key] ?? extraBefore(key);
  const editedExtras = definitions.filter((d) => extraEdits[d.key] !== undefined && extraEdits[d.key] !== extraBefore(d.key));

  const set = (key: keyof Form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  function validate(): Errors {
    const e: Errors = {};
    if (!form.name.trim()) e.name = t('lead.edit.nameRequired');
    if (!form.phone.trim()) e.phone = t('lead.edit.phoneRequired');
    if (form.email.trim() && !emailSchema.safeParse(form.email.trim()).success) e.email = t('lead.edit.emailInvalid');
    if (form.score.trim()) {
      const n = Number(form.score);
      if (!Number.isInteger(n) || n < 0 || n > 100) e.score = t('lead.edit.scoreRange');
    }
    const tags = splitTags(form.tags);
    if (tags.length > 20 || tags.some((tag) => tag.length > 40)) e.tags = t('lead.edit.tagsInvalid');
    return e;
  }

  function validateExtras(): Record<string, string> {
    const e: Record<string, string> = {};
    for (const d of editedExtras) if (fromInputText(d, extraValue(d.key)) === 'invalid') e[d.key] = t(`leadFields.invalid.${d.type}`);
    return e;
  }

  /** Only the fields that changed go to the server (and into the timeline). */
  function changes(): UpdateLeadBody {
    const before = toForm(lead);
    const body: UpdateLeadBody = {};
    if (form.name.trim() !== before.name) body.name = form.name.trim();
    // Shown with spaces; only a different number counts as a change.
    if (form.phone.replace(/[^\d+]/g, '') !== lead.phone) body.phone = form.phone.trim();
    if (form.email.trim() !== before.email) body.email = form.email.trim() || null;
    if (form.city.trim() !== before.city) body.city = form.city.trim() || null;
    if (form.language !== before.language) body.language = isLanguage(form.language) ? form.language : null;
    if (form.score.trim() !== before.score) body.score = form.score.trim() ? Number(form.score) : null;
    if (splitTags(form.tags).join(',') !== lead.tags.join(',')) body.tags = splitTags(form.tags);
    if (editedExtras.length > 0) {
      const metadata = { ...lead.metadata };
      for (const d of editedExtras) {
        const r = fromInputText(d, extraValue(d.key));
        if (r === 'invalid') continue;
        if (r.value === null) delete metadata[d.key];
        else metadata[d.key] = r.value;
      }
      body.metadata = metadata;
    }
    return body;
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const found = validate();
    const foundExtra = validateExtras();
    setErrors(found);
    setExtraErrors(foundExtra);
    setFormError(null);
    setExistingLeadId(null);
    if (Object.keys(found).length > 0 || Object.keys(foundExtra).length > 0) return;
    const body = changes();
    if (Object.keys(body).length === 0) {
      onOpenChange(false);
      return;
    }
    update.mutate(body, {
      onSuccess: () => onOpenChange(false),
      onError: (err) => {
        if (isApiError(err) && (err.code === 'LEAD_PHONE_EXISTS' || err.code === 'LEAD_PHONE_INVALID')) {
          setErrors({ phone: message(err) });
          const existing = err.extra.existingLeadId;
          if (typeof existing === 'string' && existing !== lead.id) setExistingLeadId(existing);
          return;
        }
        // A defined field's value the server refused: said in the reader's language, by the field.
        const refused = isApiError(err) && err.code === 'LEAD_FIELD_INVALID' ? definitions.find((d) => d.key === err.extra.field) : undefined;
        if (refused) {
          setExtraErrors({ [refused.key]: t(`leadFields.invalid.${refused.type}`) });
          return;
        }
        if (isApiError(err) && err.details.length > 0) {
          const fieldErrors: Errors = {};
          for (const key of Object.keys(form) as (keyof Form)[]) {
            const detail = err.detailFor(key);
            if (detail) fieldErrors[key] = detail;
          }
          setErrors(fieldErrors);
          if (Object.keys(fieldErrors).length > 0) return;
        }
        setFormError(message(err));
      },
    });
  }

  const languageOptions = [{ value: NONE, label: t('lead.edit.languageNone') }, ...LANGUAGES.map((l) => ({ value: l, label: languageName(l, lng) }))];

  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t('lead.edit.title')} description={t('lead.edit.description')}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label={t('lead.fields.name')} error={errors.name}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => set('name')(e.target.value)} maxLength={200} autoComplete="off" />}
        </Field>
        <Field label={t('lead.fields.phone')} error={errors.phone}>
          {(p) => <Input {...p} type="tel" value={form.phone} onChange={(e) => set('phone')(e.target.value)} maxLength={32} autoComplete="off" />}
        </Field>
        {existingLeadId && (
          <Link
            to={`/leads/${existingLeadId}`}
            onClick={() => onOpenChange(false)}
            className="-mt-2 inline-block text-sm font-medium text-indigo-700 hover:underline"
          >
            {t('errors.openExisting')}
          </Link>
        )}
        <Field label={t('lead.fields.email')} error={errors.email} optional={t('common.optional')}>
          {(p) => <Input {...p} type="email" value={form.email} onChange={(e) => set('email')(e.target.value)} maxLength={254} autoComplete="off" />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('lead.fields.city')} error={errors.city} optional={t('common.optional')}>
            {(p) => <Input {...p} value={form.city} onChange={(e) => set('city')(e.target.value)} maxLength={100} />}
          </Field>
          <Field label={t('lead.fields.language')} error={errors.language}>
            {(p) => <Select {...p} value={form.language || NONE} onValueChange={(v) => set('language')(v === NONE ? '' : v)} options={languageOptions} />}
          </Field>
        </div>
        <Field label={t('lead.fields.score')} hint={t('lead.edit.scoreHint')} error={errors.score} optional={t('common.optional')}>
          {(p) => <Input {...p} inputMode="numeric" value={form.score} onChange={(e) => set('score')(e.target.value)} className="w-32" />}
        </Field>
        <Field label={t('lead.fields.tags')} hint={t('lead.edit.tagsHint')} error={errors.tags} optional={t('common.optional')}>
          {(p) => <Input {...p} value={form.tags} onChange={(e) => set('tags')(e.target.value)} />}
        </Field>
        {definitions.length > 0 && (
          <fieldset className="space-y-4 border-t border-gray-100 pt-4">
            <legend className="float-left mb-4 w-full text-xs font-semibold tracking-wide text-gray-600 uppercase">{t('lead.fields.metadata')}</legend>
            {definitions.map((d) => (
              <Field key={d.key} label={fieldLabel(d, lng)} error={extraErrors[d.key]} optional={t('common.optional')} className="clear-left">
                {(p) => <LeadFieldInput def={d} value={extraValue(d.key)} onChange={(v) => setExtraEdits((x) => ({ ...x, [d.key]: v }))} control={p} />}
              </Field>
            ))}
          </fieldset>
        )}
        {formError && <Alert className="mt-2">{formError}</Alert>}
        <DialogActions>
          <Button onClick={() => onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={update.isPending}>
            {update.isPending && <Spinner />}
            {update.isPending ? t('common.saving') : t('lead.edit.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
