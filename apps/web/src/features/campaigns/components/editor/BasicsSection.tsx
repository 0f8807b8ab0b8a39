import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DateInput } from '../../../../components/ui/DateInput';
import { Field } from '../../../../components/ui/Field';
import { Input, Textarea } from '../../../../components/ui/Input';
import { SwitchRow } from '../../../../components/ui/SwitchRow';
import { TimeSelect } from '../../../../components/ui/TimeSelect';
import { Section, type SectionProps } from './Section';

/** The browser's list of zones for the time-zone box (typing any IANA name works too). */
const ZONES: string[] = (() => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Kolkata', 'Asia/Dubai', 'Asia/Singapore', 'Europe/London', 'America/New_York'];
  }
})();

/** Name, dates, time zone, calling hours, priority, what it cost and the compliance switches. */
export function BasicsSection({ form, set, err, disabled }: SectionProps) {
  const { t } = useTranslation();
  const zones = useId();
  return (
    <Section id="campaign-basics" title={t('campaigns.form.basics')}>
      <Field label={t('campaigns.form.name')} error={err('name')}>
        {(p) => <Input {...p} value={form.name} onChange={(e) => set('name', e.target.value)} maxLength={120} autoComplete="off" disabled={disabled} />}
      </Field>
      <Field label={t('campaigns.form.description')} optional={t('common.optional')} error={err('description')}>
        {(p) => <Textarea {...p} rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} maxLength={2000} disabled={disabled} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('campaigns.form.startDate')} optional={t('common.optional')} error={err('startDate')}>
          {(p) => <DateInput {...p} value={form.startDate} onChange={(v) => set('startDate', v)} disabled={disabled} />}
        </Field>
        <Field label={t('campaigns.form.endDate')} optional={t('common.optional')} error={err('endDate')}>
          {(p) => <DateInput {...p} value={form.endDate} min={form.startDate || undefined} onChange={(v) => set('endDate', v)} disabled={disabled} />}
        </Field>
      </div>
      <Field label={t('campaigns.form.timezone')} hint={t('campaigns.form.timezoneHint')} error={err('timezone')}>
        {(p) => (
          <>
            <Input
              {...p}
              list={zones}
              value={form.timezone}
              onChange={(e) => set('timezone', e.target.value)}
              autoComplete="off"
              spellCheck={false}
              disabled={disabled}
            />
            <datalist id={zones}>
              {ZONES.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        )}
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-gray-800">
          {t('campaigns.form.callingHours')} <span className="font-normal text-gray-500">({t('common.optional')})</span>
        </legend>
        <div className="grid grid-cols-2 gap-4">
          <Field label={<span className="text-xs font-normal text-gray-700">{t('campaigns.form.hoursFrom')}</span>} error={err('hoursFrom')}>
            {(p) => <TimeSelect {...p} value={form.hoursFrom} onChange={(v) => set('hoursFrom', v)} disabled={disabled} />}
          </Field>
          <Field label={<span className="text-xs font-normal text-gray-700">{t('campaigns.form.hoursTo')}</span>} error={err('hoursTo') ?? err('callingHours')}>
            {(p) => <TimeSelect {...p} value={form.hoursTo} endOfDay onChange={(v) => set('hoursTo', v)} disabled={disabled} />}
          </Field>
        </div>
        <p className="text-xs text-gray-600">{t('campaigns.form.callingHoursHint')}</p>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('campaigns.form.priority')} hint={t('campaigns.form.priorityHint')} error={err('priority')}>
          {(p) => <Input {...p} inputMode="numeric" value={form.priority} onChange={(e) => set('priority', e.target.value)} disabled={disabled} />}
        </Field>
        <Field
          label={t('campaigns.form.maxAttemptsPerDay')}
          optional={t('common.optional')}
          hint={t('campaigns.form.maxAttemptsPerDayHint')}
          error={err('maxAttemptsPerDay')}
        >
          {(p) => (
            <Input {...p} inputMode="numeric" value={form.maxAttemptsPerDay} onChange={(e) => set('maxAttemptsPerDay', e.target.value)} disabled={disabled} />
          )}
        </Field>
      </div>
      <Field
        label={t('campaigns.form.cost')}
        optional={t('common.optional')}
        hint={t('campaigns.form.costHint')}
        error={err('cost')}
        className="sm:max-w-[calc(50%-0.5rem)]"
      >
        {(p) => (
          <div className="relative">
            <span aria-hidden className="pointer-events-none absolute inset-y-0 left-3 flex items-center text-sm text-gray-500">
              ₹
            </span>
            <Input
              {...p}
              inputMode="decimal"
              className="pl-7"
              value={form.cost}
              onChange={(e) => set('cost', e.target.value)}
              autoComplete="off"
              disabled={disabled}
            />
          </div>
        )}
      </Field>
      <SwitchRow
        label={t('campaigns.form.requiresConsent')}
        hint={t('campaigns.form.requiresConsentHint')}
        checked={form.requiresConsent}
        onCheckedChange={(v) => set('requiresConsent', v)}
      />
    </Section>
  );
}
