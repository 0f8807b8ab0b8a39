import type { ImportStatus } from '@telehub/shared';
import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber, formatRelative } from '../../../lib/format';
import { useRecentImports } from '../hooks/useImports';
import { ImportStatusBadge } from './ImportStatusBadge';

const num = 'text-right tabular-nums';

function Row({ item }: { item: ImportStatus }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const n = (v: number) => formatNumber(v, lng);
  const when = item.startedAt ?? item.createdAt;
  return (
    <tr>
      <td className={cn(tableCell, 'max-w-64')}>
        <Link
          to={`/leads/import?id=${item.id}`}
          className="block truncate font-medium text-gray-900 hover:text-indigo-700 hover:underline"
          aria-label={t('imports.recent.view', { file: item.filename })}
        >
          {item.filename}
        </Link>
        <span className="block text-xs text-gray-600 sm:hidden">
          {t('imports.recent.countsShort', { created: n(item.created), merged: n(item.merged), rejected: n(item.rejected) })}
        </span>
      </td>
      <td className={cn(tableCell, 'hidden text-gray-700 md:table-cell')}>{item.source}</td>
      <td className={cn(tableCell, 'whitespace-nowrap text-gray-700')}>
        <time dateTime={when}>{formatRelative(when, lng)}</time>
      </td>
      <td className={tableCell}>
        <ImportStatusBadge status={item.status} />
      </td>
      <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(item.created)}</td>
      <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(item.merged)}</td>
      <td className={cn(tableCell, num, 'hidden sm:table-cell', item.rejected > 0 && 'text-red-700')}>{n(item.rejected)}</td>
    </tr>
  );
}

export function RecentImports() {
  const { t } = useTranslation();
  const list = useRecentImports();
  return (
    <section aria-labelledby="recent-imports" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <h2 id="recent-imports" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('imports.recent.title')}
      </h2>
      <QueryView
        query={list}
        errorTitle={t('imports.recent.error')}
        skeletonRows={3}
        isEmpty={(d) => d.items.filter((i) => i.status !== 'draft').length === 0}
        empty={<EmptyState icon={History} title={t('imports.recent.empty')} />}
      >
        {(d) => (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={t('imports.recent.tableLabel')}>
              <DataTableHead
                columns={[
                  { label: t('imports.recent.columns.file') },
                  { label: t('imports.recent.columns.source'), className: 'hidden md:table-cell' },
                  { label: t('imports.recent.columns.when') },
                  { label: t('imports.recent.columns.status') },
                  { label: t('imports.recent.columns.created'), className: 'hidden text-right sm:table-cell' },
                  { label: t('imports.recent.columns.merged'), className: 'hidden text-right sm:table-cell' },
                  { label: t('imports.recent.columns.rejected'), className: 'hidden text-right sm:table-cell' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {d.items
                  .filter((i) => i.status !== 'draft')
                  .slice(0, 10)
                  .map((item) => (
                    <Row key={item.id} item={item} />
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
