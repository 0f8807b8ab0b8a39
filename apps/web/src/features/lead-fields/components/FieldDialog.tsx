import { LEAD_FIELD_TYPES, type LeadFieldDefinition, type LeadFieldType, RESERVED_LEAD_FIELD_KEYS } from '@telehub/shared';
import { Plus, Trash2 } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { SwitchRow } from '../../../components/ui/SwitchRow';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { useSaveLeadField } from '../hooks/useLeadFields';
import { fieldLabel } from './fieldValues';

type OptionRow = { value: string; labelEn: string; labelHi: string };
type Form = { key: string; labelEn: string; labelHi: string; type: LeadFieldType; visible: boolean; options: OptionRow[] };
type Errors = Partial<Record<'key' | 'labelEn' | 'labelHi' | 'options', string>>;

/** A new definition's start: a key found in the data comes with a readable label and a type that fits its values. */
export type FieldDraft = { key: string; labelEn: string; type: LeadFieldType };

const EMPTY_OPTION: OptionRow = { value: '', labelEn: '', labelHi: '' };

function toForm(field: LeadFieldDefinition | undefined, draft: FieldDraft | undefined): Form {
  if (field) {
    return {
      key: field.key,
      labelEn: field.labelEn,
      labelHi: field.labelHi ?? '',
      type: field.type,
      visible: field.visible,
      options: field.options.map((o) => ({ value: o.value, labelEn: o.labelEn, labelHi: o.labelHi ?? '' })),
    };
  }
  return { key: draft?.key ?? '', labelEn: draft?.labelEn ?? '', labelHi: '', type: draft?.type ?? 'text', visible: true, options: [] };
}

/** Add a definition (from scratch or for a key found in the data), or edit one; the key is fixed once saved. */
export function FieldDialog({ field, draft, onClose }: { field?: LeadFieldDefinition; draft?: FieldDraft; onClose: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const save = useSaveLeadField();
  const [form, setForm] = useState<Form>(() => toForm(field, draft));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setOption = (i: number, key: keyof OptionRow, value: string) =>
    setForm((f) => ({ ...f, options: f.options.map((o, j) => (j === i ? { ...o, [key]: value } : o)) }));

  const options = form.type === 'choice' ? form.options.filter((o) => o.value.trim() || o.labelEn.trim() || o.labelHi.trim()) : [];

  function validate(): Errors {
    const e: Errors = {};
    const key = form.key.trim();
    if (!key) e.key = t('leadFields.dialog.keyRequired');
    else if ((RESERVED_LEAD_FIELD_KEYS as readonly string[]).includes(key)) e.key = t('leadFields.dialog.keyReserved');
    if (!form.labelEn.trim()) e.labelEn = t('leadFields.dialog.labelRequired');
    if (form.type === 'choice') {
      if (options.length === 0 || options.some((o) => !o.value.trim() || !o.labelEn.trim())) e.options = t('leadFields.dialog.optionsRequired');
      else if (new Set(options.map((o) => o.value.trim())).size !== options.length) e.options = t('leadFields.dialog.optionsDuplicate');
    }
    return e;
  }

  function onSubmit(ev: FormEvent) {
    ev.preventDefault();
    const found = validate();
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    const body = {
      labelEn: form.labelEn.trim(),
      labelHi: form.labelHi.trim() || null,
      type: form.type,
      visible: form.visible,
      options: options.map((o) => ({ value: o.value.trim(), labelEn: o.labelEn.trim(), labelHi: o.labelHi.trim() || null })),
    };
    save.mutate(field ? { id: field.id, update: body } : { create: { key: form.key.trim(), ...body } }, {
      onSuccess: onClose,
      onError: (err) => {
        if (isApiError(err) && err.code === 'LEAD_FIELD_KEY_TAKEN') return setErrors({ key: t('leadFields.dialog.keyTaken') });
        if (isApiError(err) && err.code === 'LEAD_FIELDS_TOO_MANY') return setFormError(t('leadFields.dialog.tooMany'));
        if (isApiError(err) && err.details.length > 0) {
          const fieldErrors: Errors = {};
          for (const k of ['key', 'labelEn', 'labelHi', 'options'] as const) {
            const detail = err.detailFor(k);
            if (detail) fieldErrors[k] = detail;
          }
          if (Object.keys(fieldErrors).length > 0) return setErrors(fieldErrors);
        }
        setFormError(message(err));
      },
    });
  }

  const typeOptions = LEAD_FIELD_TYPES.map((type) => ({ value: type, label: t(`leadFields.types.${type}`), hint: t(`leadFields.typeHints.${type}`) }));
  const title = field ? t('leadFields.dialog.editTitle', { label: fieldLabel(field, lng) }) : t('leadFields.dialog.createTitle');

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={title} description={field ? undefined : t('leadFields.dialog.description')}>
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label={title}>
        <Field label={t('leadFields.dialog.key')} hint={field ? undefined : t('leadFields.dialog.keyHint')} error={errors.key}>
          {(p) => (
            <Input
              {...p}
              value={form.key}
              onChange={(e) => set('key', e.target.value)}
              maxLength={100}
              autoComplete="off"
              spellCheck={false}
              disabled={Boolean(field)}
              className="font-mono"
            />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('leadFields.dialog.labelEn')} error={errors.labelEn}>
            {(p) => <Input {...p} lang="en" value={form.labelEn} onChange={(e) => set('labelEn', e.target.value)} maxLength={100} autoComplete="off" />}
          </Field>
          <Field label={t('leadFields.dialog.labelHi')} hint={t('leadFields.dialog.labelHiHint')} error={errors.labelHi} optional={t('common.optional')}>
            {(p) => <Input {...p} lang="hi" value={form.labelHi} onChange={(e) => set('labelHi', e.target.value)} maxLength={100} autoComplete="off" />}
          </Field>
        </div>
        <Field label={t('leadFields.dialog.type')} hint={field && form.type !== field.type ? t('leadFields.dialog.typeChange') : undefined}>
          {(p) => (
            <Select
              {...p}
              value={form.type}
              onValueChange={(v) => {
                const type = LEAD_FIELD_TYPES.find((x) => x === v) ?? 'text';
                setForm((f) => ({ ...f, type, options: type === 'choice' && f.options.length === 0 ? [{ ...EMPTY_OPTION }] : f.options }));
              }}
              options={typeOptions}
            />
          )}
        </Field>
        {form.type === 'choice' && (
          <fieldset className="space-y-2" aria-describedby="lead-field-options-hint">
            <legend className="text-sm font-medium text-gray-800">{t('leadFields.dialog.options')}</legend>
            <p id="lead-field-options-hint" className="text-xs text-gray-600">
              {t('leadFields.dialog.optionsHint')}
            </p>
            <ol className="space-y-2">
              {form.options.map((o, i) => {
                const n = i + 1;
                return (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; a value being typed is no stable key.
                  <li key={i} className="grid grid-cols-[1fr_auto] gap-2 rounded-md bg-gray-50 p-2 ring-1 ring-gray-200 sm:grid-cols-[1fr_1fr_1fr_auto]">
                    <Input
                      aria-label={`${t('leadFields.dialog.optionN', { n })}: ${t('leadFields.dialog.optionValue')}`}
                      placeholder={t('leadFields.dialog.optionValue')}
                      value={o.value}
                      onChange={(e) => setOption(i, 'value', e.target.value)}
                      maxLength={100}
                      className="col-span-1 font-mono"
                    />
                    <Button
                      variant="ghost"
                      size="sm"
                      className="sm:order-last"
                      aria-label={t('leadFields.dialog.removeOption', { n })}
                      onClick={() =>
                        set(
                          'options',
                          form.options.filter((_, j) => j !== i),
                        )
                      }
                    >
                      <Trash2 aria-hidden className="size-4" />
                    </Button>
                    <Input
                      aria-label={`${t('leadFields.dialog.optionN', { n })}: ${t('leadFields.dialog.optionLabelEn')}`}
                      placeholder={t('leadFields.dialog.optionLabelEn')}
                      lang="en"
                      value={o.labelEn}
                      onChange={(e) => setOption(i, 'labelEn', e.target.value)}
                      maxLength={100}
                      className="col-span-2 sm:col-span-1"
                    />
                    <Input
                      aria-label={`${t('leadFields.dialog.optionN', { n })}: ${t('leadFields.dialog.optionLabelHi')}`}
                      placeholder={t('leadFields.dialog.optionLabelHi')}
                      lang="hi"
                      value={o.labelHi}
                      onChange={(e) => setOption(i, 'labelHi', e.target.value)}
                      maxLength={100}
                      className="col-span-2 sm:col-span-1"
                    />
                  </li>
                );
              })}
            </ol>
            {errors.options && <p className="text-sm text-red-700">{errors.options}</p>}
            <Button size="sm" onClick={() => set('options', [...form.options, { ...EMPTY_OPTION }])}>
              <Plus aria-hidden className="size-4" />
              {t('leadFields.dialog.addOption')}
            </Button>
          </fieldset>
        )}
        <SwitchRow
          label={t('leadFields.dialog.visible')}
          hint={t('leadFields.dialog.visibleHint')}
          checked={form.visible}
          onCheckedChange={(v) => set('visible', v)}
        />
        {formError && <Alert>{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {save.isPending ? t('common.saving') : field ? t('leadFields.dialog.submitEdit') : t('leadFields.dialog.submitCreate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
