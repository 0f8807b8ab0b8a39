import { RETRY_OUTCOMES } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { Input } from '../../../../components/ui/Input';
import { Section, type SectionProps } from './Section';

/** For each way a call can fail: how long to wait before the next try, and how many tries end that way before the lead is set aside. */
export function RetrySection({ form, set, err, disabled }: SectionProps) {
  const { t } = useTranslation();
  const th = 'px-2 py-1.5 text-left text-xs font-medium text-gray-600';
  const put = (o: (typeof RETRY_OUTCOMES)[number], field: 'delayMinutes' | 'maxAttempts', v: string) =>
    set('retry', { ...form.retry, [o]: { ...form.retry[o], [field]: v } });
  return (
    <Section id="campaign-retry" title={t('campaigns.form.retry')} hint={t('campaigns.form.retryHint')}>
      <table className="w-full text-sm">
        <thead>
          <tr>
            <th scope="col" className={th}>
              {t('campaigns.form.retryOutcome')}
            </th>
            <th scope="col" className={th}>
              {t('campaigns.form.retryDelay')}
            </th>
            <th scope="col" className={th}>
              {t('campaigns.form.retryAttempts')}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {RETRY_OUTCOMES.map((o) => {
            const delayErr = err(`retry.${o}.delayMinutes`);
            const attemptsErr = err(`retry.${o}.maxAttempts`);
            const label = t(`campaigns.retry.${o}`);
            return (
              <tr key={o} className="align-top">
                <th scope="row" className="px-2 py-2 text-left font-medium text-gray-800">
                  {label}
                </th>
                <td className="px-2 py-1.5">
                  <Input
                    inputMode="numeric"
                    aria-label={t('campaigns.form.retryDelayOf', { outcome: label })}
                    aria-invalid={delayErr ? true : undefined}
                    value={form.retry[o].delayMinutes}
                    onChange={(e) => put(o, 'delayMinutes', e.target.value)}
                    disabled={disabled}
                  />
                  {delayErr && <p className="mt-1 text-xs text-red-700">{delayErr}</p>}
                </td>
                <td className="px-2 py-1.5">
                  <Input
                    inputMode="numeric"
                    aria-label={t('campaigns.form.retryAttemptsOf', { outcome: label })}
                    aria-invalid={attemptsErr ? true : undefined}
                    value={form.retry[o].maxAttempts}
                    onChange={(e) => put(o, 'maxAttempts', e.target.value)}
                    disabled={disabled}
                  />
                  {attemptsErr && <p className="mt-1 text-xs text-red-700">{attemptsErr}</p>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Section>
  );
}
