import { type AssignmentRule, type AssignmentRulePatch, LANGUAGES, type Language } from '@telehub/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { SwitchRow } from '../../../components/ui/SwitchRow';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { languageName } from '../../../lib/format';
import { useCampaigns } from '../../campaigns';
import { useTeams } from '../../users';
import type { RuleInput } from '../api/assignmentApi';
import { useSaveRule } from '../hooks/useAssignment';

type Form = {
  name: string;
  priority: string;
  active: boolean;
  campaignId: string;
  language: string;
  tags: string;
  teamId: string;
  matchLanguage: boolean;
  maxOpenLeads: string;
};
type Errors = Partial<Record<'name' | 'priority' | 'tags' | 'teamId' | 'maxOpenLeads' | 'campaignId', string>>;

const isLanguage = (v: string): v is Language => (LANGUAGES as readonly string[]).includes(v);
const splitTags = (s: string) => [
  ...new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];
const wholeIn = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && Number(v) >= min && Number(v) <= max;

const toForm = (r?: AssignmentRule, nextPriority = 100): Form => ({
  name: r?.name ?? '',
  priority: String(r?.priority ?? nextPriority),
  active: r?.active ?? true,
  campaignId: r?.campaignId ?? '',
  language: r?.language ?? '',
  tags: r?.tags.join(', ') ?? '',
  teamId: r?.teamId ?? '',
  matchLanguage: r?.matchLanguage ?? false,
  maxOpenLeads: String(r?.maxOpenLeads ?? 200),
});

function toBody(f: Form): RuleInput {
  return {
    name: f.name.trim(),
    priority: Number(f.priority),
    active: f.active,
    campaignId: f.campaignId || null,
    language: isLanguage(f.language) ? f.language : null,
    tags: splitTags(f.tags),
    teamId: f.teamId,
    matchLanguage: f.matchLanguage,
    maxOpenLeads: Number(f.maxOpenLeads),
  };
}

/** Only what changed goes in a PATCH. */
function changes(rule: AssignmentRule, body: RuleInput): AssignmentRulePatch {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (JSON.stringify(value) !== JSON.stringify(rule[key as keyof AssignmentRule])) patch[key] = value;
  }
  return patch as AssignmentRulePatch;
}

export function RuleDialog({ rule, nextPriority, onClose }: { rule?: AssignmentRule; nextPriority: number; onClose: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const teams = useTeams();
  const campaigns = useCampaigns();
  const save = useSaveRule();
  const [form, setForm] = useState<Form>(() => toForm(rule, nextPriority));
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  function validate(): Errors {
    const e: Errors = {};
    if (!form.name.trim()) e.name = t('assignment.form.nameRequired');
    if (!wholeIn(form.priority, 0, 10_000)) e.priority = t('assignment.form.priorityRange');
    if (!form.teamId) e.teamId = t('assignment.form.teamRequired');
    if (!wholeIn(form.maxOpenLeads, 1, 100_000)) e.maxOpenLeads = t('assignment.form.maxRange');
    const tags = splitTags(form.tags);
    if (tags.length > 20 || tags.some((tag) => tag.length > 40)) e.tags = t('lead.edit.tagsInvalid');
    return e;
  }

  function onError(err: Error) {
    if (isApiError(err) && err.code === 'RULE_REFERENCE_UNKNOWN') return setErrors({ teamId: message(err) });
    if (isApiError(err) && err.details.length > 0) {
      const found: Errors = {};
      for (const key of ['name', 'priority', 'tags', 'teamId', 'maxOpenLeads', 'campaignId'] as const) {
        const detail = err.detailFor(key);
        if (detail) found[key] = detail;
      }
      if (Object.keys(found).length > 0) return setErrors(found);
    }
    setFormError(message(err));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = toBody(form);
    if (rule) {
      const update = changes(rule, body);
      if (Object.keys(update).length === 0) return onClose();
      save.mutate({ id: rule.id, update }, { onSuccess: onClose, onError });
    } else save.mutate({ create: body }, { onSuccess: onClose, onError });
  }

  const teamOptions = (teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }));
  const campaignOptions = [{ value: NONE, label: t('assignment.any.campaign') }, ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))];
  const languageOptions = [{ value: NONE, label: t('assignment.any.language') }, ...LANGUAGES.map((l) => ({ value: l, label: languageName(l, lng) }))];

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={rule ? t('assignment.form.editTitle', { name: rule.name }) : t('assignment.form.createTitle')}
      description={t('assignment.form.description')}
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label={t('assignment.form.name')} error={errors.name}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={120} autoComplete="off" />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('assignment.form.priority')} hint={t('assignment.form.priorityHint')} error={errors.priority}>
            {(p) => <Input {...p} inputMode="numeric" value={form.priority} onChange={(e) => set('priority', e.target.value)} />}
          </Field>
          <Field label={t('assignment.form.team')} hint={t('assignment.form.teamHint')} error={errors.teamId}>
            {(p) => (
              <Select {...p} value={form.teamId} placeholder={t('assignment.form.teamPick')} onValueChange={(v) => set('teamId', v)} options={teamOptions} />
            )}
          </Field>
        </div>
        <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-gray-200">
          <legend className="px-1 text-sm font-medium text-gray-800">{t('assignment.form.matches')}</legend>
          <div className="grid gap-4 sm:grid-cols-2">
            <Field label={t('assignment.form.campaign')} error={errors.campaignId}>
              {(p) => <Select {...p} value={form.campaignId || NONE} onValueChange={(v) => set('campaignId', v === NONE ? '' : v)} options={campaignOptions} />}
            </Field>
            <Field label={t('assignment.form.language')}>
              {(p) => <Select {...p} value={form.language || NONE} onValueChange={(v) => set('language', v === NONE ? '' : v)} options={languageOptions} />}
            </Field>
          </div>
          <Field label={t('assignment.form.tags')} hint={t('assignment.form.tagsHint')} error={errors.tags} optional={t('common.optional')}>
            {(p) => <Input {...p} value={form.tags} onChange={(e) => set('tags', e.target.value)} autoComplete="off" />}
          </Field>
        </fieldset>
        <Field label={t('assignment.form.maxOpenLeads')} hint={t('assignment.form.maxHint')} error={errors.maxOpenLeads}>
          {(p) => <Input {...p} inputMode="numeric" value={form.maxOpenLeads} onChange={(e) => set('maxOpenLeads', e.target.value)} />}
        </Field>
        <SwitchRow
          label={t('assignment.form.matchLanguage')}
          hint={t('assignment.form.matchLanguageHint')}
          checked={form.matchLanguage}
          onCheckedChange={(v) => set('matchLanguage', v)}
        />
        <SwitchRow label={t('assignment.form.active')} hint={t('assignment.form.activeHint')} checked={form.active} onCheckedChange={(v) => set('active', v)} />
        {formError && <Alert className="mt-2">{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {save.isPending ? t('common.saving') : rule ? t('common.save') : t('assignment.form.submitCreate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
