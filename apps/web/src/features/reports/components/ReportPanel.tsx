import { type ReactNode, useId } from 'react';
import { cn } from '../../../lib/cn';

/** A titled box of a report (a chart, a table). */
export function ReportPanel({
  title,
  hint,
  actions,
  children,
  className,
  flush,
}: {
  title: string;
  hint?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** No padding around the content (a table that runs to the edges). */
  flush?: boolean;
}) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn('min-w-0 rounded-lg border border-gray-200 bg-white shadow-xs', className)}>
      <header className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1 border-b border-gray-200 px-4 py-3">
        <div className="min-w-0">
          <h2 id={id} className="text-sm font-semibold text-gray-900">
            {title}
          </h2>
          {hint && <p className="mt-0.5 text-xs text-gray-600">{hint}</p>}
        </div>
        {actions}
      </header>
      <div className={cn(!flush && 'p-4')}>{children}</div>
    </section>
  );
}

/** The figures behind a chart, folded under it: the chart's text alternative for everyone, not only screen readers. */
export function FiguresTable({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="group mt-3 rounded-md border border-gray-200">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-indigo-700 select-none hover:bg-gray-50">{summary}</summary>
      <div className="relative max-h-80 overflow-auto border-t border-gray-200">{children}</div>
    </details>
  );
}
