import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatClock, formatNumber, formatPercent } from '../../../lib/format';
import type { Performance, TrendPoint } from '../api/floorApi';
import { Sparkline } from './Sparkline';

/** Logged-in time the team needs before per-hour rates are shown. */
const MIN_LOGGED_IN_SECONDS = 15 * 60;

type Kpi = { key: string; label: string; value: number | null; format: (v: number) => string; series: (p: Performance) => number | null };

/**
 * The team's numbers today, live from the floor, each with the last seven days (today last) as a
 * small line, so a manager sees at a glance whether today runs above or below the week. Each card
 * says in words which period its figure and its line cover.
 */
export function KpiCards({ today, trend, wall }: { today: Performance | null; trend: TrendPoint[] | undefined; wall?: boolean }) {
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
    <section aria-labelledby="kpi-title">
      <h2 id="kpi-title" className="mb-1.5 text-xs font-semibold tracking-wide text-gray-700 uppercase">
        {t('commandCenter.kpi.title')}
      </h2>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-5">
        {kpis.map((k) => (
          <div key={k.key} data-kpi={k.key} className="min-w-0 rounded-lg bg-white p-3 shadow-sm ring-1 ring-gray-200">
            <div className="flex items-start justify-between gap-1.5">
              <p className={cn('min-w-0 truncate font-medium text-gray-700', wall ? 'text-sm' : 'text-xs')} title={k.label}>
                {k.label}
              </p>
              <span className="shrink-0 rounded bg-indigo-50 px-1.5 text-[11px] font-medium text-indigo-800" data-period>
                {t('commandCenter.period.today')}
              </span>
            </div>
            <div className="mt-1 flex items-end justify-between gap-2">
              <p className={cn('font-semibold text-gray-900 tabular-nums', wall ? 'text-3xl' : 'text-xl')} data-value>
                {k.value === null ? t('commandCenter.kpi.none') : k.format(k.value)}
              </p>
              <div className="flex shrink-0 flex-col items-end">
                <Sparkline className="h-7 w-16 text-indigo-600 sm:w-20" values={(trend ?? []).map(k.series)} />
                <span className="text-[11px] text-gray-600">{t('commandCenter.kpi.trend')}</span>
              </div>
            </div>
          </div>
        ))}
      </div>
    </section>
  );
}
