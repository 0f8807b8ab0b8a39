import { type FollowupRule, type FollowupRuleInput, type FollowupRulePatch, LEAD_STATUSES } from '@telehub/shared';
import { Plus } from 'lucide-react';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Checkbox } from '../../../components/ui/Checkbox';
import { Dialog, DialogActions } from '../../../components/ui/Dialog';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { NONE, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { SwitchRow } from '../../../components/ui/SwitchRow';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { isApiError } from '../../../lib/errors';
import { useDispositions } from '../../calls';
import { useCampaigns } from '../../campaigns';
import { useSaveFollowupRule, useTemplateChoices } from '../hooks/useFollowups';
import { StepEditor } from './StepEditor';
import { newStep, type StepForm, stepProblems, toStepForm, toSteps } from './stepForm';

type Form = { name: string; active: boolean; campaignId: string; triggerKind: 'disposition' | 'status'; triggerValues: string[]; steps: StepForm[] };

const toForm = (r?: FollowupRule): Form => ({
  name: r?.name ?? '',
  active: r?.active ?? true,
  campaignId: r?.campaignId ?? '',
  triggerKind: r?.triggerKind ?? 'disposition',
  triggerValues: r?.triggerValues ?? [],
  steps: r ? r.steps.map(toStepForm) : [newStep()],
});

export function FollowupRuleDialog({ rule, onClose }: { rule?: FollowupRule; onClose: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const campaigns = useCampaigns();
  const dispositions = useDispositions();
  const templates = useTemplateChoices();
  const save = useSaveFollowupRule();
  const formId = useId();
  const [form, setForm] = useState<Form>(() => toForm(rule));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));

  const templateNames = (channel: 'whatsapp' | 'email'): string[] | null => {
    const d = templates.data;
    if (!d) return null;
    const names = channel === 'whatsapp' ? d.whatsapp.items.filter((i) => i.sendable).map((i) => i.name) : d.email.items.map((i) => i.name);
    return [...new Set(names)];
  };

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    if (!form.name.trim()) e.name = t('followups.form.nameRequired');
    if (form.triggerValues.length === 0) e.triggerValues = t('followups.form.triggerRequired');
    if (form.steps.length === 0) e.steps = t('followups.form.stepsRequired');
    for (const [path, problem] of Object.entries(stepProblems(form.steps))) e[path] = t(`followups.form.${problem}`);
    return e;
  }

  function onError(err: Error) {
    if (isApiError(err) && err.details.length > 0) {
      setErrors(Object.fromEntries(err.details.map((d) => [d.path, d.message])));
      return;
    }
    setFormError(message(err));
  }

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const body = {
      name: form.name.trim(),
      active: form.active,
      campaignId: form.campaignId || null,
      triggerKind: form.triggerKind,
      triggerValues: form.triggerValues,
      steps: toSteps(form.steps),
    } satisfies FollowupRuleInput & FollowupRulePatch;
    if (rule) {
      save.mutate({ id: rule.id, update: body }, { onSuccess: onClose, onError });
    } else save.mutate({ create: body }, { onSuccess: onClose, onError });
  }

  const campaignOptions = [
    { value: NONE, label: t('followups.rule.anyCampaign') },
    ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  const choices =
    form.triggerKind === 'disposition'
      ? (dispositions.data?.items ?? []).map((d) => ({ value: d.code, label: d.label }))
      : LEAD_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }));
  const toggle = (value: string, on: boolean) =>
    set('triggerValues', on ? [...new Set([...form.triggerValues, value])] : form.triggerValues.filter((v) => v !== value));

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={rule ? t('followups.form.editTitle', { name: rule.name }) : t('followups.form.createTitle')}
      description={t('followups.form.description')}
      className="max-w-2xl"
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <Field label={t('followups.form.name')} error={errors.name}>
          {(p) => <Input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={120} autoComplete="off" />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('followups.form.triggerKind')}>
            {(p) => (
              <Select
                {...p}
                value={form.triggerKind}
                onValueChange={(v) => setForm((f) => ({ ...f, triggerKind: v === 'status' ? 'status' : 'disposition', triggerValues: [] }))}
                options={[
                  { value: 'disposition', label: t('followups.form.triggerKinds.disposition') },
                  { value: 'status', label: t('followups.form.triggerKinds.status') },
                ]}
              />
            )}
          </Field>
          <Field label={t('followups.form.campaign')} error={errors.campaignId}>
            {(p) => <Select {...p} value={form.campaignId || NONE} onValueChange={(v) => set('campaignId', v === NONE ? '' : v)} options={campaignOptions} />}
          </Field>
        </div>
        <fieldset aria-describedby={errors.triggerValues ? `${formId}-trigger-error` : undefined}>
          <legend className="text-sm font-medium text-gray-800">
            {form.triggerKind === 'disposition' ? t('followups.form.dispositions') : t('followups.form.statuses')}
          </legend>
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {choices.map((c) => (
              <div key={c.value} className="flex items-center gap-2 text-sm text-gray-800">
                <Checkbox id={`${formId}-${c.value}`} checked={form.triggerValues.includes(c.value)} onChange={(e) => toggle(c.value, e.target.checked)} />
                <label htmlFor={`${formId}-${c.value}`}>{c.label}</label>
              </div>
            ))}
          </div>
          {errors.triggerValues && (
            <p id={`${formId}-trigger-error`} className="mt-1 text-sm text-red-700">
              {errors.triggerValues}
            </p>
          )}
        </fieldset>
        <div className="space-y-3">
          <h3 className="text-sm font-semibold text-gray-900">{t('followups.form.steps')}</h3>
          {form.steps.map((s, i) => (
            <StepEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: steps are edited in place; their order is their identity
              key={i}
              step={s}
              index={i}
              templates={templateNames(s.channel)}
              errors={errors}
              onChange={(next) =>
                set(
                  'steps',
                  form.steps.map((x, k) => (k === i ? next : x)),
                )
              }
              onRemove={
                form.steps.length > 1
                  ? () =>
                      set(
                        'steps',
                        form.steps.filter((_, k) => k !== i),
                      )
                  : undefined
              }
            />
          ))}
          {errors.steps && <p className="text-sm text-red-700">{errors.steps}</p>}
          {form.steps.length < 10 && (
            <Button size="sm" onClick={() => set('steps', [...form.steps, newStep()])}>
              <Plus aria-hidden className="size-4" />
              {t('followups.form.addStep')}
            </Button>
          )}
        </div>
        <SwitchRow label={t('followups.form.active')} hint={t('followups.form.activeHint')} checked={form.active} onCheckedChange={(v) => set('active', v)} />
        {formError && <Alert className="mt-2">{formError}</Alert>}
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending && <Spinner />}
            {save.isPending ? t('common.saving') : rule ? t('common.save') : t('followups.form.submitCreate')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
