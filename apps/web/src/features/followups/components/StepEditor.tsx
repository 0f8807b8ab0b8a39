import { FOLLOWUP_CHANNELS, FOLLOWUP_UNITS, FOLLOWUP_VARIABLE_SOURCES, type FollowupVariableSource } from '@telehub/shared';
import { Plus, Trash2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';
import { Field } from '../../../components/ui/Field';
import { Input } from '../../../components/ui/Input';
import { type Option, Select } from '../../../components/ui/Select';
import { needsValue, type StepForm } from './stepForm';

const isSource = (v: string): v is FollowupVariableSource => (FOLLOWUP_VARIABLE_SOURCES as readonly string[]).includes(v);

/** One step: its channel, template, time and the template's variables. */
export function StepEditor({
  step,
  index,
  templates,
  errors,
  onChange,
  onRemove,
}: {
  step: StepForm;
  index: number;
  /** Template names messaging offers for the step's channel; null: none listed, type one. */
  templates: string[] | null;
  errors: Record<string, string>;
  onChange: (next: StepForm) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const n = index + 1;
  const at = (path: string) => errors[`steps.${index}.${path}`];
  const set = <K extends keyof StepForm>(key: K, value: StepForm[K]) => onChange({ ...step, [key]: value });
  const setVariable = (j: number, patch: Partial<StepForm['variables'][number]>) =>
    set(
      'variables',
      step.variables.map((v, k) => (k === j ? { ...v, ...patch } : v)),
    );

  const channelOptions: Option[] = FOLLOWUP_CHANNELS.map((c) => ({ value: c, label: t(`followups.channels.${c}`) }));
  const timingOptions: Option[] = (['now', 'after', 'before_callback'] as const).map((k) => ({ value: k, label: t(`followups.form.timingKinds.${k}`) }));
  const unitOptions: Option[] = FOLLOWUP_UNITS.map((u) => ({ value: u, label: t(`followups.units.${u}`) }));
  const sourceOptions: Option[] = FOLLOWUP_VARIABLE_SOURCES.map((s) => ({ value: s, label: t(`followups.form.sources.${s}`) }));
  const templateOptions: Option[] | null =
    templates && templates.length > 0
      ? [...new Set([...templates, ...(step.template && !templates.includes(step.template) ? [step.template] : [])])].map((name) => ({
          value: name,
          label: name,
        }))
      : null;

  return (
    <fieldset className="space-y-3 rounded-md p-3 ring-1 ring-gray-200">
      <legend className="flex items-center gap-2 px-1 text-sm font-medium text-gray-800">{t('followups.form.step', { n })}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t('followups.form.channel')}>
          {(p) => <Select {...p} value={step.channel} onValueChange={(v) => set('channel', v === 'email' ? 'email' : 'whatsapp')} options={channelOptions} />}
        </Field>
        <Field
          label={templateOptions ? t('followups.form.template') : t('followups.form.templateFree')}
          hint={templateOptions ? undefined : t('followups.form.templateNote')}
          error={at('template')}
        >
          {(p) =>
            templateOptions ? (
              <Select
                {...p}
                value={step.template}
                placeholder={t('followups.form.templatePick')}
                onValueChange={(v) => set('template', v)}
                options={templateOptions}
              />
            ) : (
              <Input {...p} value={step.template} onChange={(e) => set('template', e.target.value)} maxLength={200} autoComplete="off" />
            )
          }
        </Field>
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t('followups.form.timing')}>
          {(p) => (
            <Select
              {...p}
              value={step.timing}
              onValueChange={(v) => set('timing', v === 'after' || v === 'before_callback' ? v : 'now')}
              options={timingOptions}
            />
          )}
        </Field>
        {step.timing === 'after' && (
          <>
            <Field label={t('followups.form.amount')} error={at('timing')}>
              {(p) => <Input {...p} inputMode="numeric" value={step.amount} onChange={(e) => set('amount', e.target.value)} />}
            </Field>
            <Field label={t('followups.form.unit')}>
              {(p) => (
                <Select {...p} value={step.unit} onValueChange={(v) => set('unit', v === 'minutes' || v === 'hours' ? v : 'days')} options={unitOptions} />
              )}
            </Field>
          </>
        )}
        {step.timing === 'before_callback' && (
          <Field label={t('followups.form.hours')} error={at('timing')}>
            {(p) => <Input {...p} inputMode="numeric" value={step.hours} onChange={(e) => set('hours', e.target.value)} />}
          </Field>
        )}
      </div>
      <div className="space-y-2">
        <p className="text-sm font-medium text-gray-800">{t('followups.form.variables')}</p>
        <p className="text-xs text-gray-600">{t('followups.form.variablesHint')}</p>
        {step.variables.map((v, j) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the key is what is edited
          <div key={j} className="grid grid-cols-[1fr_auto] items-end gap-2 sm:grid-cols-[6rem_1fr_1fr_auto]">
            <Field label={t('followups.form.variableKey')} error={at(`variables.${j}.key`)}>
              {(p) => <Input {...p} value={v.key} onChange={(e) => setVariable(j, { key: e.target.value })} maxLength={40} autoComplete="off" />}
            </Field>
            <Field label={t('followups.form.variableSource')} className="col-span-2 sm:col-span-1">
              {(p) => <Select {...p} value={v.source} onValueChange={(s) => isSource(s) && setVariable(j, { source: s })} options={sourceOptions} />}
            </Field>
            {needsValue(v.source) ? (
              <Field label={v.source === 'lead.field' ? t('followups.form.fieldKey') : t('followups.form.variableValue')} error={at(`variables.${j}.value`)}>
                {(p) => <Input {...p} value={v.value} onChange={(e) => setVariable(j, { value: e.target.value })} maxLength={500} autoComplete="off" />}
              </Field>
            ) : (
              <span className="hidden sm:block" />
            )}
            <Button
              variant="ghost"
              size="sm"
              aria-label={t('followups.form.removeVariable', { key: v.key || j + 1 })}
              onClick={() =>
                set(
                  'variables',
                  step.variables.filter((_, k) => k !== j),
                )
              }
            >
              <Trash2 aria-hidden className="size-4" />
            </Button>
          </div>
        ))}
        <div className="flex flex-wrap justify-between gap-2">
          <Button
            size="sm"
            onClick={() => set('variables', [...step.variables, { key: String(step.variables.length + 1), source: 'lead.first_name', value: '' }])}
          >
            <Plus aria-hidden className="size-4" />
            {t('followups.form.addVariable')}
          </Button>
          {onRemove && (
            <Button size="sm" variant="ghost" onClick={onRemove}>
              <Trash2 aria-hidden className="size-4" />
              {t('followups.form.removeStep', { n })}
            </Button>
          )}
        </div>
      </div>
    </fieldset>
  );
}
