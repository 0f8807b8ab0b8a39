import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { formatClock, formatNumber, formatPercent } from '../../../lib/format';
import type { Performance, TrendPoint } from '../api/floorApi';
import { Sparkline } from './Sparkline';

/** Logged-in time the team needs before per-hour rates are shown. */
const MIN_LOGGED_IN_SECONDS = 15 * 60;

type Kpi = { key: string; label: string; value: number | null; format: (v: number) => string; series: (p: Performance) => number | null };

/**
 * The team's numbers today, live from the floor, each with the last seven days (today last) as a
 * small line, so a manager sees at a glance whether today runs above or below the week.
 */
export function KpiCards({ today, trend }: { today: Performance | null; trend: TrendPoint[] | undefined }) {
  const { t } = useTranslation();
  const lng = useLocale();
  // Per-hour rates over the first minutes of the day mislead (one call in a minute is 60 an hour).
  const settled = (today?.loggedInSeconds ?? 0) >= MIN_LOGGED_IN_SECONDS;
  const oneDecimal = (v: number) => new Intl.NumberFormat(lng === 'hi' ? 'hi-IN' : 'en-IN', { maximumFractionDigits: 1 }).format(v);
  const kpis: Kpi[] = [
    {
      key: 'callsPerHour',
      label: t('commandCenter.kpi.callsPerHour'),
      value: settled ? (today?.callsPerHour ?? null) : null,
      format: oneDecimal,
      series: (p) => p.callsPerHour,
    },
    {
      key: 'connectRate',
      label: t('commandCenter.kpi.connectRate'),
      value: today?.connectRate ?? null,
      format: (v) => formatPercent(v * 100, lng),
      series: (p) => p.connectRate,
    },
    { key: 'aht', label: t('commandCenter.kpi.aht'), value: today?.averageHandleSeconds ?? null, format: formatClock, series: (p) => p.averageHandleSeconds },
    {
      key: 'talkPerHour',
      label: t('commandCenter.kpi.talkPerHour'),
      value: settled ? (today?.talkMinutesPerHour ?? null) : null,
      format: oneDecimal,
      series: (p) => p.talkMinutesPerHour,
    },
    {
      key: 'conversions',
      label: t('commandCenter.kpi.conversions'),
      value: today?.conversions ?? null,
      format: (v) => formatNumber(v, lng),
      series: (p) => p.conversions,
    },
  ];
  return (
    <section aria-label={t('commandCenter.kpi.title')} className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
      {kpis.map((k) => (
        <div key={k.key} data-kpi={k.key} className="rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-200">
          <p className="truncate text-xs font-medium text-gray-600" title={k.label}>
            {k.label}
          </p>
          <div className="mt-1 flex items-end justify-between gap-2">
            <p className="text-xl font-semibold text-gray-900 tabular-nums" data-value>
              {k.value === null ? t('commandCenter.kpi.none') : k.format(k.value)}
            </p>
            <Sparkline className="h-7 w-20 text-indigo-500" values={(trend ?? []).map(k.series)} />
          </div>
          <p className="sr-only">{t('commandCenter.kpi.trend')}</p>
        </div>
      ))}
    </section>
  );
}
