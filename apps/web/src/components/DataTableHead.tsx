import type { ReactNode } from 'react';
import { cn } from '../lib/cn';

export type Column = {
  label: string;
  className?: string;
  /** Read by screen readers only (e.g. an actions column). */
  hidden?: boolean;
  /** A control in place of the label (e.g. "select all"); it carries its own accessible name. */
  content?: ReactNode;
};

export const tableHeadCell = 'px-3 py-2 text-left text-xs font-medium whitespace-nowrap text-gray-600';
export const tableCell = 'px-3 py-2.5 align-middle';

/** The header row every data table shares. */
export function DataTableHead({ columns }: { columns: Column[] }) {
  return (
    <thead className="border-b border-gray-200 bg-gray-50/80">
      <tr>
        {columns.map((c) => (
          <th key={c.label} scope="col" className={cn(tableHeadCell, c.className)}>
            {c.content ?? (c.hidden ? <span className="sr-only">{c.label}</span> : c.label)}
          </th>
        ))}
      </tr>
    </thead>
  );
}
