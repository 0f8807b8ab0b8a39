import { clip, labelIndexes, niceAxis, scaleLinear } from './scale';
import { useChartWidth } from './useChartWidth';

export type BarSeries = { name: string; color: string; values: (number | null)[] };

const CHAR_PX = 6.6;
const VALUE_ROOM = 64;

/**
 * Categories down the page, each with one bar per series across: the category's name has a line
 * of its own above its bars, so long names (and Hindi) keep their full size on a phone. Each
 * bar carries its figure; a missing value is a dash.
 */
export function GroupedBarChart({
  categories,
  series,
  top,
  format,
  summary,
}: {
  /** Each category's key (unique) and name. */
  categories: { key: string; label: string }[];
  series: BarSeries[];
  /** The value a full-width bar stands for (1 for rates). */
  top: number;
  format: (v: number) => string;
  summary: string;
}) {
  const { ref, width } = useChartWidth(640);
  const BAR = 13;
  const GAP = 3;
  const LABEL = 18;
  const GROUP_GAP = 14;
  const group = LABEL + series.length * (BAR + GAP) + GROUP_GAP;
  const height = Math.max(1, categories.length * group - GROUP_GAP + 4);
  const barMax = width - VALUE_ROOM;
  const x = scaleLinear(0, top || 1, 0, barMax);
  return (
    <div ref={ref} className="w-full">
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} className="block max-w-full">
        {categories.map(({ key, label: name }, ci) => {
          const y0 = ci * group;
          return (
            <g key={key} transform={`translate(0 ${y0})`}>
              <text x={0} y={12} className="fill-gray-800 text-[12px] font-medium">
                <title>{name}</title>
                {clip(name, Math.floor(width / CHAR_PX))}
              </text>
              <line x1={0} x2={0} y1={LABEL - 2} y2={LABEL + series.length * (BAR + GAP) - GAP + 2} className="stroke-gray-300" />
              {series.map((s, si) => {
                const v = s.values[ci] ?? null;
                const y = LABEL + si * (BAR + GAP);
                const w = v === null ? 0 : Math.max(v > 0 ? 1.5 : 0, Math.min(barMax, x(v)));
                return (
                  <g key={s.name}>
                    <rect x={0} y={y} width={w} height={BAR} fill={s.color} rx={1.5} />
                    <text x={w + 4} y={y + BAR / 2} dy="0.35em" className="fill-gray-700 text-[11px] tabular-nums">
                      {v === null ? '—' : format(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </div>
  );
}

/**
 * Columns along an axis (the hours of a day): a value axis on the left with round ticks, and as
 * many category labels below as fit.
 */
export function ColumnChart({
  categories,
  values,
  color,
  format,
  summary,
  minTop = 0.1,
  height = 200,
}: {
  categories: string[];
  values: (number | null)[];
  color: string;
  format: (v: number) => string;
  summary: string;
  minTop?: number;
  height?: number;
}) {
  const { ref, width } = useChartWidth(640);
  const box = { top: 10, right: 8, bottom: 24, left: 44 };
  const plotW = width - box.left - box.right;
  const bottom = height - box.bottom;
  const axis = niceAxis(Math.max(0, ...values.map((v) => v ?? 0)), { minTop });
  const y = scaleLinear(0, axis.top, bottom, box.top);
  const band = plotW / Math.max(1, categories.length);
  const labels = labelIndexes(categories.length, plotW - band, 30);
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
        {values.map((v, i) =>
          v === null ? null : (
            <rect
              key={categories[i] ?? i}
              x={box.left + i * band + band * 0.15}
              width={band * 0.7}
              y={y(Math.min(v, axis.top))}
              height={Math.max(0, bottom - y(Math.min(v, axis.top)))}
              fill={color}
              rx={1}
            >
              <title>{`${categories[i] ?? ''}: ${format(v)}`}</title>
            </rect>
          ),
        )}
        <line x1={box.left} x2={width - box.right} y1={bottom} y2={bottom} className="stroke-gray-400" />
        {labels.map((i) => (
          <text key={i} x={box.left + i * band + band / 2} y={bottom + 16} textAnchor="middle" className="fill-gray-600 text-[11px] tabular-nums">
            {categories[i]}
          </text>
        ))}
      </svg>
    </div>
  );
}
