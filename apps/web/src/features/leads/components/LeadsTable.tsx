import type { Lead } from '@telehub/shared';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { DataTableHead } from '../../../components/DataTableHead';
import { Checkbox } from '../../../components/ui/Checkbox';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatPhone, formatRelative, languageName } from '../../../lib/format';
import { DndTag } from '../../compliance';
import { StatusBadge } from './StatusBadge';

/** Row checkboxes for bulk actions: the ids ticked on this page. */
export type Selection = { selected: ReadonlySet<string>; toggle: (id: string, on: boolean) => void; toggleAll: (on: boolean) => void };

const td = 'px-3 py-2.5 align-middle';
const wide = 'hidden md:table-cell';
const wider = 'hidden lg:table-cell';

function When({ iso, empty }: { iso: string | null; empty: string }) {
  const lng = useLocale();
  if (!iso) return <span className="text-gray-500">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso, lng)}>
      {formatRelative(iso, lng)}
    </time>
  );
}

export function LeadsTable({
  leads,
  showOwner,
  ownerName,
  dimmed,
  selection,
}: {
  leads: Lead[];
  showOwner: boolean;
  ownerName: (id: string | null) => string;
  dimmed?: boolean;
  selection?: Selection;
}) {
  const { t } = useTranslation();
  const lng = useLocale();
  const navigate = useNavigate();

  // The name is the link for keyboards and screen readers; a click anywhere on the row also opens it.
  function onRowClick(e: MouseEvent<HTMLTableRowElement>, id: string) {
    const target = e.target as HTMLElement;
    if (target.closest('a,button,input,label') || window.getSelection()?.toString()) return;
    navigate(`/leads/${id}`);
  }

  return (
    <div className="overflow-x-auto">
      <table className={cn('w-full border-collapse text-sm transition-opacity', dimmed && 'opacity-60')} aria-label={t('leads.tableLabel')} aria-busy={dimmed}>
        <DataTableHead
          columns={[
            ...(selection
              ? [
                  {
                    label: t('leads.selectAll'),
                    className: 'w-10 pr-0',
                    content: (
                      <Checkbox
                        aria-label={t('leads.selectAll')}
                        checked={leads.length > 0 && leads.every((l) => selection.selected.has(l.id))}
                        indeterminate={leads.some((l) => selection.selected.has(l.id)) && !leads.every((l) => selection.selected.has(l.id))}
                        onChange={(e) => selection.toggleAll(e.target.checked)}
                      />
                    ),
                  },
                ]
              : []),
            { label: t('leads.columns.name') },
            { label: t('leads.columns.phone'), className: wide },
            { label: t('leads.columns.status') },
            ...(showOwner ? [{ label: t('leads.columns.owner'), className: wide }] : []),
            { label: t('leads.columns.city'), className: wider },
            { label: t('leads.columns.language'), className: wider },
            { label: t('leads.columns.lastContact'), className: wide },
            { label: t('leads.columns.created'), className: 'hidden xl:table-cell' },
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {leads.map((lead) => (
            <tr
              key={lead.id}
              className={cn('cursor-pointer hover:bg-gray-50', selection?.selected.has(lead.id) && 'bg-indigo-50/50')}
              onClick={(e) => onRowClick(e, lead.id)}
            >
              {selection && (
                <td className={cn(td, 'w-10 pr-0')}>
                  <Checkbox
                    aria-label={t('leads.select', { name: lead.name })}
                    checked={selection.selected.has(lead.id)}
                    onChange={(e) => selection.toggle(lead.id, e.target.checked)}
                  />
                </td>
              )}
              <td className={cn(td, 'max-w-64')}>
                <div className="flex min-w-0 items-center gap-1.5">
                  <Link to={`/leads/${lead.id}`} className="truncate font-medium text-gray-900 hover:text-indigo-700 hover:underline">
                    {lead.name}
                  </Link>
                  {lead.dnd && <DndTag />}
                </div>
                <span className="mt-0.5 block truncate text-xs text-gray-600 tabular-nums md:hidden">
                  {formatPhone(lead.phone)}
                  {lead.city ? ` · ${lead.city}` : ''}
                </span>
              </td>
              <td className={cn(td, wide, 'whitespace-nowrap text-gray-800 tabular-nums')}>{formatPhone(lead.phone)}</td>
              <td className={td}>
                <StatusBadge status={lead.status} />
              </td>
              {showOwner && (
                <td className={cn(td, wide, 'max-w-44 truncate', lead.ownerId ? 'text-gray-800' : 'text-gray-500')}>
                  {lead.ownerName ?? ownerName(lead.ownerId)}
                </td>
              )}
              <td className={cn(td, wider, 'text-gray-800')}>{lead.city ?? <span className="text-gray-400">—</span>}</td>
              <td className={cn(td, wider, 'text-gray-800')}>{lead.language ? languageName(lead.language, lng) : <span className="text-gray-400">—</span>}</td>
              <td className={cn(td, wide, 'whitespace-nowrap text-gray-700')}>
                <When iso={lead.lastContactedAt} empty={t('common.never')} />
              </td>
              <td className={cn(td, 'hidden whitespace-nowrap text-gray-700 xl:table-cell')}>
                <When iso={lead.createdAt} empty={t('common.never')} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LeadsTableSkeleton({ rows = 10 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="divide-y divide-gray-100">
      <div className="h-9 border-b border-gray-200 bg-gray-50/80" />
      {[...Array(rows).keys()].map((row) => (
        <div key={row} className="flex items-center gap-6 px-3 py-3">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="hidden h-4 w-32 md:block" />
          <Skeleton className="h-5 w-20 rounded-full" />
          <Skeleton className="hidden h-4 w-28 md:block" />
          <Skeleton className="hidden h-4 w-20 lg:block" />
          <Skeleton className="hidden h-4 w-24 md:block" />
        </div>
      ))}
    </div>
  );
}
