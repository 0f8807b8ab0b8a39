import type { CampaignStats } from '@telehub/shared';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../../hooks/useLocale';
import { formatRate, formatTime } from '../../../../lib/format';
import { type Box, chartLayout, fromFirstActivity } from '../chartScale';
import { overCap } from '../rates';

const HEIGHT = 220;
const box = (width: number): Box => ({ width, height: HEIGHT, top: 12, right: 48, bottom: 28, left: 44 });

/** The chart is drawn at the width it gets, so its labels stay readable on a phone instead of shrinking with it. */
function useWidth(fallback: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(280, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

/**
 * Today by the half-hour, from when work began: agent occupancy (left axis) and the abandon rate (right axis) with the
 * cap as a dashed line. The same numbers are in a table for screen readers.
 */
export function DayChart({ timeline: day, cap }: { timeline: CampaignStats['timeline']; cap: number }) {
  const { t } = useTranslation();
  const timeline = fromFirstActivity(day);
  const lng = useLocale();
  const titleId = useId();
  const { ref, width } = useWidth(640);
  const BOX = box(width);
  const c = chartLayout(timeline, cap, BOX);
  const bottom = BOX.height - BOX.bottom;
  // About one time label per 100 px.
  const times = c.timeTicks.length > 0 ? c.timeTicks.filter((_, k) => k % Math.max(1, Math.ceil((c.timeTicks.length * 100) / width)) === 0) : [];
  const worst = Math.max(0, ...timeline.filter((p) => p.dialed > 0).map((p) => p.abandonRate));

  return (
    <section aria-labelledby={titleId} className="rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-gray-200 px-4 py-3">
        <h2 id={titleId} className="text-sm font-semibold text-gray-900">
          {t('campaigns.chart.title')}
        </h2>
        <ul aria-hidden className="flex flex-wrap gap-3 text-xs text-gray-700">
          <li className="flex items-center gap-1.5">
            <span className="h-0.5 w-4 bg-indigo-500" />
            {t('campaigns.chart.occupancy')}
          </li>
          <li className="flex items-center gap-1.5">
            <span className="h-0.5 w-4 bg-rose-500" />
            {t('campaigns.chart.abandonRate')}
          </li>
          <li className="flex items-center gap-1.5">
            <span className="w-4 border-t-2 border-dashed border-red-700" />
            {t('campaigns.chart.cap', { cap: formatRate(cap, lng) })}
          </li>
        </ul>
      </div>
      {timeline.length === 0 ? (
        <p className="px-4 py-8 text-center text-sm text-gray-600">{t('campaigns.chart.empty')}</p>
      ) : (
        <div ref={ref} className="p-2 sm:p-4">
          <svg
            viewBox={`0 0 ${BOX.width} ${BOX.height}`}
            width={BOX.width}
            height={BOX.height}
            className="block max-w-full"
            role="img"
            aria-label={t('campaigns.chart.summary', { worst: formatRate(worst, lng), cap: formatRate(cap, lng) })}
            data-over-cap={overCap(worst, cap) || undefined}
          >
            {c.occupancyTicks.map((tick) => (
              <g key={`o${tick.value}`}>
                <line x1={BOX.left} x2={BOX.width - BOX.right} y1={tick.y} y2={tick.y} className="stroke-gray-200" strokeWidth="1" />
                <text x={BOX.left - 6} y={tick.y} dy="0.32em" textAnchor="end" className="fill-indigo-700 text-[11px]">
                  {formatRate(tick.value, lng)}
                </text>
              </g>
            ))}
            {c.rateTicks.map((tick) => (
              <text key={`r${tick.value}`} x={BOX.width - BOX.right + 6} y={tick.y} dy="0.32em" className="fill-rose-700 text-[11px]">
                {formatRate(tick.value, lng)}
              </text>
            ))}
            {times.map((i) => {
              const p = timeline[i];
              const x = c.xs[i];
              return p && x !== undefined ? (
                <text key={p.at} x={x} y={bottom + 18} textAnchor="middle" className="fill-gray-600 text-[11px]">
                  {formatTime(p.at, lng)}
                </text>
              ) : null;
            })}
            <line x1={BOX.left} x2={BOX.width - BOX.right} y1={c.capY} y2={c.capY} className="stroke-red-700" strokeWidth="1.5" strokeDasharray="5 4" />
            <path d={c.occupancyPath} fill="none" className="stroke-indigo-500" strokeWidth="2" strokeLinejoin="round" />
            <path d={c.ratePath} fill="none" className="stroke-rose-500" strokeWidth="2" strokeLinejoin="round" />
            {timeline.map((p, i) => {
              const at = c.ratePoints[i];
              return at?.y != null && overCap(p.abandonRate, cap) ? <circle key={p.at} cx={at.x} cy={at.y} r="3.5" className="fill-red-600" /> : null;
            })}
          </svg>
          {/* A table ignores overflow, so the hidden copy sits in a div that clips it. */}
          <div className="sr-only">
            <table>
              <caption>{t('campaigns.chart.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.chart.time')}</th>
                  <th scope="col">{t('campaigns.live.dialed')}</th>
                  <th scope="col">{t('campaigns.chart.abandonRate')}</th>
                  <th scope="col">{t('campaigns.chart.occupancy')}</th>
                </tr>
              </thead>
              <tbody>
                {timeline.map((p) => (
                  <tr key={p.at}>
                    <th scope="row">{formatTime(p.at, lng)}</th>
                    <td>{p.dialed}</td>
                    <td>{p.dialed > 0 ? formatRate(p.abandonRate, lng) : '—'}</td>
                    <td>{formatRate(p.occupancy, lng)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
