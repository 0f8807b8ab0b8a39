import type { DialMode } from '@telehub/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../../components/ui/Alert';
import { Field } from '../../../../components/ui/Field';
import { Input } from '../../../../components/ui/Input';
import { Skeleton } from '../../../../components/ui/Skeleton';
import { SwitchRow } from '../../../../components/ui/SwitchRow';
import { useLocale } from '../../../../hooks/useLocale';
import { cn } from '../../../../lib/cn';
import { dispositionLabel, useDispositions } from '../../../calls';
import { CheckList } from './CheckList';
import { Section, type SectionProps } from './Section';

/**
 * How the dialer places calls: the modes the telephony provider can run (the one saved stays on
 * offer, marked, if the provider has since lost it), the power ratio, the abandon cap, wrap-up
 * time and the outcomes agents may choose.
 */
export function DialingSection({ form, set, err, disabled, modes, running }: SectionProps & { modes: DialMode[] | undefined; running: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const name = useId();
  const dispositions = useDispositions();
  const offered = modes ? (modes.includes(form.dialMode) ? modes : [...modes, form.dialMode]) : [];

  return (
    <Section id="campaign-dialing" title={t('campaigns.form.dialing')} hint={running ? t('campaigns.form.dialingRunning') : undefined}>
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-gray-800">{t('campaigns.form.dialMode')}</legend>
        {!modes ? (
          <Skeleton className="h-20 w-full" />
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {offered.map((m) => {
              const unsupported = !modes.includes(m);
              return (
                <label
                  key={m}
                  className={cn(
                    'flex cursor-pointer gap-2.5 rounded-md p-3 ring-1 ring-inset has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600',
                    form.dialMode === m ? 'bg-indigo-50 ring-indigo-500' : 'bg-white ring-gray-300 hover:bg-gray-50',
                  )}
                >
                  <input
                    type="radio"
                    name={name}
                    value={m}
                    checked={form.dialMode === m}
                    onChange={() => set('dialMode', m)}
                    disabled={disabled}
                    className="mt-0.5 size-4 accent-indigo-600"
                  />
                  <span className="min-w-0">
                    <span className="block text-sm font-medium text-gray-900">{t(`campaigns.mode.${m}`)}</span>
                    <span className="block text-xs text-gray-600">{t(`campaigns.modeHint.${m}`)}</span>
                    {unsupported && <span className="mt-1 block text-xs font-medium text-red-700">{t('campaigns.form.modeUnsupported')}</span>}
                  </span>
                </label>
              );
            })}
          </div>
        )}
        {modes && modes.length === 0 && <Alert className="mt-2">{t('campaigns.form.noModes')}</Alert>}
        {err('dialMode') && <p className="mt-1.5 text-sm text-red-700">{err('dialMode')}</p>}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-3">
        {form.dialMode === 'power' && (
          <Field label={t('campaigns.form.ratio')} hint={t('campaigns.form.ratioHint')} error={err('ratio')}>
            {(p) => <Input {...p} inputMode="decimal" value={form.ratio} onChange={(e) => set('ratio', e.target.value)} disabled={disabled} />}
          </Field>
        )}
        <Field label={t('campaigns.form.maxAbandon')} hint={t('campaigns.form.maxAbandonHint')} error={err('maxAbandonPercent') ?? err('maxAbandonRate')}>
          {(p) => (
            <div className="relative">
              <Input
                {...p}
                inputMode="decimal"
                value={form.maxAbandonPercent}
                onChange={(e) => set('maxAbandonPercent', e.target.value)}
                className="pr-8"
                disabled={disabled}
              />
              <span aria-hidden className="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-sm text-gray-500">
                %
              </span>
            </div>
          )}
        </Field>
        <Field label={t('campaigns.form.wrapUpSeconds')} hint={t('campaigns.form.wrapUpHint')} error={err('wrapUpSeconds')}>
          {(p) => <Input {...p} inputMode="numeric" value={form.wrapUpSeconds} onChange={(e) => set('wrapUpSeconds', e.target.value)} disabled={disabled} />}
        </Field>
      </div>
      <SwitchRow
        label={t('campaigns.form.allDispositions')}
        hint={t('campaigns.form.allDispositionsHint')}
        checked={form.allDispositions}
        onCheckedChange={(v) => set('allDispositions', v)}
      />
      {!form.allDispositions && (
        <CheckList
          legend={t('campaigns.form.dispositions')}
          options={(dispositions.data?.items ?? []).map((d) => ({ value: d.code, label: dispositionLabel(d, lng), hint: d.key.toUpperCase() }))}
          value={form.dispositions}
          onChange={(v) => set('dispositions', v)}
          loading={dispositions.isPending}
          emptyText={t('campaigns.form.noDispositions')}
          error={err('dispositions')}
        />
      )}
    </Section>
  );
}
