import { labelIndexes, linePath, niceAxis, scaleLinear } from './scale';
import { useChartWidth } from './useChartWidth';

export type LineSeries = { name: string; color: string; values: (number | null)[]; dashed?: boolean };

/**
 * Series over the days of the period on one axis (counts, or rates from 0 to 1): round ticks on
 * the left, as many day labels as fit below, a dot on each day while the days are few enough to
 * tell apart.
 */
export function LineChart({
  categories,
  series,
  format,
  summary,
  height = 220,
  axis: kind = 'count',
}: {
  categories: string[];
  series: LineSeries[];
  format: (v: number) => string;
  summary: string;
  height?: number;
  /** `count`: whole numbers from 0; `rate`: shares, the axis at least 0 to 5 %. */
  axis?: 'count' | 'rate';
}) {
  const { ref, width } = useChartWidth(640);
  const box = { top: 10, right: 12, bottom: 24, left: 44 };
  const plotW = width - box.left - box.right;
  const bottom = height - box.bottom;
  const max = Math.max(0, ...series.flatMap((s) => s.values.map((v) => v ?? 0)));
  const axis = niceAxis(max, kind === 'rate' ? { minTop: 0.05 } : { integer: true });
  const x = scaleLinear(0, Math.max(1, categories.length - 1), box.left, width - box.right);
  const xAt = (i: number) => (categories.length === 1 ? box.left + plotW / 2 : x(i));
  const y = scaleLinear(0, axis.top, bottom, box.top);
  const labels = labelIndexes(categories.length, plotW, 64);
  const dots = categories.length <= plotW / 12;
  return (
    <div ref={ref} className="w-full">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="block max-w-full">
        {axis.ticks.map((tick) => (
          <g key={tick}>
            <line x1={box.left} x2={width - box.right} y1={y(tick)} y2={y(tick)} className="stroke-gray-200" />
            <text x={box.left - 6} y={y(tick)} dy="0.32em" textAnchor="end" className="fill-gray-600 text-[11px] tabular-nums">
              {format(tick)}
            </text>
          </g>
        ))}
        <line x1={box.left} x2={width - box.right} y1={bottom} y2={bottom} className="stroke-gray-400" />
        {labels.map((i) => (
          <text
            key={i}
            x={xAt(i)}
            y={bottom + 16}
            textAnchor={categories.length === 1 ? 'middle' : i === 0 ? 'start' : i === categories.length - 1 ? 'end' : 'middle'}
            className="fill-gray-600 text-[11px]"
          >
            {categories[i]}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <path
              d={linePath(s.values.map((v, i) => ({ x: xAt(i), y: v === null ? null : y(v) })))}
              fill="none"
              stroke={s.color}
              strokeWidth={2.25}
              strokeLinejoin="round"
              strokeDasharray={s.dashed ? '6 4' : undefined}
            />
            {(dots || categories.length === 1) &&
              s.values.map((v, i) => (v === null ? null : <circle key={categories[i] ?? i} cx={xAt(i)} cy={y(v)} r={2.75} fill={s.color} />))}
          </g>
        ))}
      </svg>
    </div>
  );
}

/** A small line of a series by day, for a table cell: the shape only, its figures in the label. */
export function Sparkline({
  values,
  label,
  color,
  width = 96,
  height = 28,
}: {
  values: number[];
  label: string;
  color: string;
  width?: number;
  height?: number;
}) {
  const max = Math.max(0, ...values);
  const x = scaleLinear(0, Math.max(1, values.length - 1), 2, width - 2);
  const y = scaleLinear(0, max || 1, height - 3, 3);
  const last = values.length - 1;
  return (
    <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={label} className="block shrink-0">
      <line x1={2} x2={width - 2} y1={height - 3} y2={height - 3} className="stroke-gray-200" />
      {values.length > 1 && (
        <path d={linePath(values.map((v, i) => ({ x: x(i), y: y(v) })))} fill="none" stroke={color} strokeWidth={1.75} strokeLinejoin="round" />
      )}
      {last >= 0 && <circle cx={values.length === 1 ? width / 2 : x(last)} cy={y(values[last] ?? 0)} r={2.25} fill={color} />}
    </svg>
  );
}
