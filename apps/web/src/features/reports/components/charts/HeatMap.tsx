import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { heatColor, heatTextLight, labelIndexes } from './scale';
import { useChartWidth } from './useChartWidth';

export type HeatCell = {
  /** Where the value sits on the colour ramp (0..1); null: nothing measured, drawn empty. */
  t: number | null;
  /** What the cell says to a screen reader and in its tooltip. */
  label: string;
  /** Drawn inside the cell when it is wide enough (a figure, so colour is not the only cue). */
  text?: string;
};

const LABEL_W = 44;
const MIN_CELL = 11;

/**
 * A grid of rows by columns (weekdays by hours) coloured by value. Each cell is a focusable
 * button: Tab reaches the grid once, the arrow keys (and Home/End) move between cells, Enter or
 * Space opens what is behind a cell. Empty cells are hatched, not merely pale.
 */
export function HeatMap({
  rows,
  columns,
  cell,
  onSelect,
  summary,
  hintId,
}: {
  rows: string[];
  columns: string[];
  cell: (row: number, col: number) => HeatCell;
  onSelect?: (row: number, col: number) => void;
  summary: string;
  /** The id of the words explaining the keys. */
  hintId?: string;
}) {
  const { ref, width } = useChartWidth(720, LABEL_W + MIN_CELL * 24);
  const hatch = useId();
  const cellW = Math.max(MIN_CELL, (width - LABEL_W) / Math.max(1, columns.length));
  const cellH = cellW >= 30 ? 28 : 24;
  const head = 20;
  const svgW = LABEL_W + cellW * columns.length;
  const height = head + cellH * rows.length;
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const nodes = useRef(new Map<string, SVGRectElement>());
  const colLabels = new Set(labelIndexes(columns.length, cellW * (columns.length - 1), 24));

  function move(r: number, c: number) {
    const row = Math.min(rows.length - 1, Math.max(0, r));
    const col = Math.min(columns.length - 1, Math.max(0, c));
    setActive([row, col]);
    nodes.current.get(`${row}:${col}`)?.focus();
  }

  function onKeyDown(e: KeyboardEvent, r: number, c: number) {
    switch (e.key) {
      case 'ArrowRight':
        move(r, c + 1);
        break;
      case 'ArrowLeft':
        move(r, c - 1);
        break;
      case 'ArrowDown':
        move(r + 1, c);
        break;
      case 'ArrowUp':
        move(r - 1, c);
        break;
      case 'Home':
        move(e.ctrlKey ? 0 : r, 0);
        break;
      case 'End':
        move(e.ctrlKey ? rows.length - 1 : r, columns.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (cell(r, c).t !== null) onSelect?.(r, c);
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  return (
    <div ref={ref} className="relative w-full overflow-x-auto">
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a fieldset; the group names the grid of cells. */}
      <svg width={svgW} height={height} viewBox={`0 0 ${svgW} ${height}`} role="group" aria-label={summary} aria-describedby={hintId} className="block">
        <defs>
          <pattern id={hatch} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#c9ccd1" strokeWidth="1.5" />
          </pattern>
        </defs>
        {columns.map((label, c) =>
          colLabels.has(c) ? (
            <text key={label} x={LABEL_W + c * cellW + cellW / 2} y={13} textAnchor="middle" aria-hidden className="fill-gray-600 text-[10px] tabular-nums">
              {label}
            </text>
          ) : null,
        )}
        {rows.map((rowLabel, r) => (
          <g key={rowLabel}>
            <text x={LABEL_W - 6} y={head + r * cellH + cellH / 2} dy="0.35em" textAnchor="end" aria-hidden className="fill-gray-700 text-[11px] font-medium">
              {rowLabel}
            </text>
            {columns.map((colLabel, c) => {
              const v = cell(r, c);
              const x = LABEL_W + c * cellW;
              const y = head + r * cellH;
              const isActive = active[0] === r && active[1] === c;
              return (
                <g key={colLabel}>
                  {/* biome-ignore lint/a11y/useSemanticElements: a cell of an SVG drawing cannot be an HTML button; it takes focus and Enter/Space like one. */}
                  <rect
                    ref={(el) => {
                      if (el) nodes.current.set(`${r}:${c}`, el);
                      else nodes.current.delete(`${r}:${c}`);
                    }}
                    x={x + 1}
                    y={y + 1}
                    width={cellW - 2}
                    height={cellH - 2}
                    rx={2}
                    role="button"
                    tabIndex={isActive ? 0 : -1}
                    aria-label={v.label}
                    aria-disabled={v.t === null || !onSelect ? true : undefined}
                    data-cell={`${r}-${c}`}
                    fill={v.t === null ? `url(#${hatch})` : heatColor(v.t)}
                    className="cursor-pointer stroke-transparent outline-none hover:stroke-gray-500 focus-visible:stroke-gray-900 aria-disabled:cursor-default"
                    strokeWidth={2}
                    onFocus={() => setActive([r, c])}
                    onClick={() => v.t !== null && onSelect?.(r, c)}
                    onKeyDown={(e) => onKeyDown(e, r, c)}
                  >
                    <title>{v.label}</title>
                  </rect>
                  {v.text && v.t !== null && cellW >= 30 && (
                    <text
                      x={x + cellW / 2}
                      y={y + cellH / 2}
                      dy="0.35em"
                      textAnchor="middle"
                      aria-hidden
                      pointerEvents="none"
                      className="text-[10px] tabular-nums"
                      fill={heatTextLight(v.t) ? '#ffffff' : '#1f2937'}
                    >
                      {v.text}
                    </text>
                  )}
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}

/** The ramp as steps with their figures, and the empty cell, for beside the map. */
export function HeatLegend({ steps, emptyLabel, title }: { steps: { t: number; label: string }[]; emptyLabel: string; title: string }) {
  return (
    <div aria-hidden className="flex flex-wrap items-center gap-x-4 gap-y-2 text-xs text-gray-700">
      <span className="font-medium">{title}</span>
      <span className="flex items-center gap-1">
        {steps.map((s) => (
          <span key={s.label} className="flex flex-col items-center gap-0.5">
            <span className="block h-3 w-8 rounded-sm" style={{ backgroundColor: heatColor(s.t) }} />
            <span className="tabular-nums">{s.label}</span>
          </span>
        ))}
      </span>
      <span className="flex items-center gap-1.5">
        <span
          className="block h-3 w-5 rounded-sm ring-1 ring-gray-300"
          style={{ backgroundImage: 'repeating-linear-gradient(45deg, #c9ccd1 0 1.5px, #ffffff 1.5px 5px)' }}
        />
        {emptyLabel}
      </span>
    </div>
  );
}
