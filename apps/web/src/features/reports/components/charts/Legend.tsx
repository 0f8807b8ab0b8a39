import { cn } from '../../../../lib/cn';

export type LegendItem = { label: string; color: string; dashed?: boolean; shape?: 'line' | 'box' };

/** The key of a chart's series; hidden from screen readers, which read the chart's summary and table instead. */
export function Legend({ items, className }: { items: LegendItem[]; className?: string }) {
  return (
    <ul aria-hidden className={cn('flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700', className)}>
      {items.map((item) => (
        <li key={item.label} className="flex items-center gap-1.5">
          {item.shape === 'box' ? (
            <span className="inline-block size-3 rounded-sm" style={{ backgroundColor: item.color }} />
          ) : (
            <svg width="18" height="8" className="shrink-0" role="presentation">
              <line x1="1" x2="17" y1="4" y2="4" stroke={item.color} strokeWidth="2.5" strokeDasharray={item.dashed ? '4 3' : undefined} />
            </svg>
          )}
          {item.label}
        </li>
      ))}
    </ul>
  );
}
