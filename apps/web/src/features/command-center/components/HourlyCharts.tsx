import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { intlLocale } from '../../../i18n';
import { niceStep, scaleLinear } from '../../../lib/chart';
import { cn } from '../../../lib/cn';
import { clockOptions, formatNumber } from '../../../lib/format';
import type { Performance } from '../api/floorApi';
import { useTeamHours } from '../hooks/useFloor';
import { type HourFigures, liveHours, workingHours } from './hours';

/** Okabe–Ito blue, bluish green and vermilion: told apart with colour-vision deficiencies, each 3:1 or more on white. */
const COLORS = { calls: '#0072B2', connects: '#009E73', talk: '#D55E00' } as const;
type Measure = keyof typeof COLORS;

/** The width the chart gets, so its labels stay readable on a phone instead of shrinking with a scaled viewBox. */
function useWidth(fallback = 320) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(Math.max(200, Math.floor(el.getBoundingClientRect().width)));
    const observer = new ResizeObserver(([entry]) => entry && setWidth(Math.max(200, Math.floor(entry.contentRect.width))));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/** Columns per hour with a round axis; the hour now running is drawn lighter, as it is not over yet. */
function HourColumns({
  hours,
  values,
  color,
  format,
  summary,
  large,
}: {
  hours: string[];
  values: number[];
  color: string;
  format: (v: number) => string;
  summary: string;
  large?: boolean;
}) {
  const { ref, width } = useWidth();
  const height = large ? 160 : 112;
  const box = { top: 8, right: 4, bottom: 20, left: 34 };
  const bottom = height - box.bottom;
  const step = Math.max(1, niceStep(Math.max(1, ...values) / 3));
  const top = Math.ceil(Math.max(1, ...values) / step) * step;
  const ticks = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const y = scaleLinear(0, top, bottom, box.top);
  const band = (width - box.left - box.right) / Math.max(1, values.length);
  // Every hour's label when there is room, else every second or third.
  const every = Math.max(1, Math.ceil(28 / band));
  const text = large ? 'text-[13px]' : 'text-[11px]';
  return (
    <div ref={ref} className="w-full">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="block max-w-full">
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={box.left} x2={width - box.right} y1={y(tick)} y2={y(tick)} className="stroke-gray-200" />
            <text x={box.left - 5} y={y(tick)} dy="0.32em" textAnchor="end" className={cn('fill-gray-600 tabular-nums', text)}>
              {format(tick)}
            </text>
          </g>
        ))}
        {values.map((v, i) => (
          <rect
            key={hours[i] ?? i}
            x={box.left + i * band + band * 0.15}
            width={Math.max(1, band * 0.7)}
            y={y(v)}
            height={Math.max(0, bottom - y(v))}
            fill={color}
            fillOpacity={i === values.length - 1 ? 0.6 : 1}
            rx={1}
          >
            <title>{`${hours[i] ?? ''}: ${format(v)}`}</title>
          </rect>
        ))}
        <line x1={box.left} x2={width - box.right} y1={bottom} y2={bottom} className="stroke-gray-400" />
        {values.map((_, i) =>
          i % every === 0 ? (
            <text key={hours[i] ?? i} x={box.left + i * band + band / 2} y={bottom + 14} textAnchor="middle" className={cn('fill-gray-600 tabular-nums', text)}>
              {hours[i]}
            </text>
          ) : null,
        )}
      </svg>
    </div>
  );
}

/**
 * Today's calls, connects and talk minutes per hour for the team in view, each with its total
 * today and this hour written out; the hour now running moves with the live floor.
 */
export function HourlyCharts({ teamId, today, wall }: { teamId: string | null; today: Performance | null; wall?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const query = useTeamHours(teamId);
  if (query.isPending) return <Skeleton className="m-4 h-32" />;
  if (query.isError) return <ErrorState title={t('commandCenter.hours.error')} error={query.error} onRetry={() => void query.refetch()} />;
  const hours: HourFigures[] = workingHours(liveHours(query.data, today, Date.now()));
  const hourLabel = new Intl.DateTimeFormat(intlLocale(lng), clockOptions(lng, false));
  const labels = hours.map((h) => hourLabel.format(new Date(h.from)));
  const n = (v: number) => formatNumber(v, lng);
  const measures: { key: Measure; label: string; values: number[] }[] = [
    { key: 'calls', label: t('commandCenter.hours.calls'), values: hours.map((h) => h.calls) },
    { key: 'connects', label: t('commandCenter.hours.connects'), values: hours.map((h) => h.connects) },
    { key: 'talk', label: t('commandCenter.hours.talk'), values: hours.map((h) => Math.round(h.talkSeconds / 60)) },
  ];
  return (
    <div className="grid gap-4 p-4 md:grid-cols-3" data-hourly>
      {measures.map((m) => {
        const total = m.values.reduce((a, b) => a + b, 0);
        const peak = m.values.reduce((best, v, i) => (v > (m.values[best] ?? 0) ? i : best), 0);
        const summary = t('commandCenter.hours.summary', {
          measure: m.label,
          from: labels[0] ?? '',
          to: labels.at(-1) ?? '',
          peak: labels[peak] ?? '',
          value: n(m.values[peak] ?? 0),
        });
        return (
          <figure key={m.key} className="min-w-0" data-hourly-measure={m.key}>
            <figcaption className="mb-1 flex flex-wrap items-baseline justify-between gap-x-2">
              <span className={cn('flex items-center gap-1.5 font-medium text-gray-900', wall ? 'text-base' : 'text-sm')}>
                <span aria-hidden className="inline-block size-2.5 rounded-sm" style={{ backgroundColor: COLORS[m.key] }} />
                {m.label}
              </span>
              <span className="text-xs text-gray-700 tabular-nums">
                {t('commandCenter.hours.total', { value: n(total) })} · {t('commandCenter.hours.thisHour', { value: n(m.values.at(-1) ?? 0) })}
              </span>
            </figcaption>
            <HourColumns hours={labels} values={m.values} color={COLORS[m.key]} format={n} summary={summary} large={wall} />
          </figure>
        );
      })}
      <details className="text-xs md:col-span-3">
        <summary className="cursor-pointer font-medium text-gray-700">{t('commandCenter.hours.table')}</summary>
        <div className="mt-1 overflow-x-auto">
          <table className="w-full tabular-nums">
            <thead>
              <tr className="text-gray-600">
                <th scope="col" className="py-0.5 text-left font-medium">
                  {t('commandCenter.hours.hour')}
                </th>
                {measures.map((m) => (
                  <th key={m.key} scope="col" className="py-0.5 text-right font-medium">
                    {m.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {hours.map((h, i) => (
                <tr key={h.from} data-hour={h.from}>
                  <th scope="row" className="py-0.5 text-left font-normal text-gray-800">
                    {labels[i]}
                  </th>
                  {measures.map((m) => (
                    <td key={m.key} className="py-0.5 text-right text-gray-900">
                      {n(m.values[i] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
