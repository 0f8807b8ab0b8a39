import type { ImportStatus } from '@telehub/shared';
import { Download, History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatNumber, formatRelative } from '../../../lib/format';
import { ImportStatusBadge, useDownloadRejects } from '../../imports';
import { useDndImports } from '../hooks/useDnd';

const num = 'text-right tabular-nums';

export function DndHistory() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const list = useDndImports();
  const download = useDownloadRejects();
  const n = (v: number) => formatNumber(v, lng);
  const row = (item: ImportStatus) => {
    const when = item.startedAt ?? item.createdAt;
    return (
      <tr key={item.id}>
        <td className={cn(tableCell, 'max-w-56 truncate font-medium text-gray-900')}>{item.filename}</td>
        <td className={cn(tableCell, 'whitespace-nowrap text-gray-700')}>
          <time dateTime={when} title={formatDateTime(when, lng)}>
            {formatRelative(when, lng)}
          </time>
        </td>
        <td className={tableCell}>
          <ImportStatusBadge status={item.status} />
        </td>
        <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(item.created)}</td>
        <td className={cn(tableCell, num, 'hidden sm:table-cell')}>{n(item.merged)}</td>
        <td className={cn(tableCell, num, item.rejected > 0 && 'text-red-700')}>{n(item.rejected)}</td>
        <td className={cn(tableCell, 'text-right')}>
          {item.rejected > 0 && (
            <Button
              size="sm"
              variant="ghost"
              disabled={download.isPending && download.variables?.id === item.id}
              onClick={() => download.mutate({ id: item.id, filename: item.filename })}
              aria-label={t('dnd.history.report', { file: item.filename })}
            >
              {download.isPending && download.variables?.id === item.id ? <Spinner /> : <Download aria-hidden className="size-4" />}
              <span className="hidden md:inline">{t('dnd.history.reportShort')}</span>
            </Button>
          )}
        </td>
      </tr>
    );
  };

  return (
    <section aria-labelledby="dnd-history" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <h2 id="dnd-history" className="border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        {t('dnd.history.title')}
      </h2>
      {download.isError && (
        <p role="alert" className="border-b border-gray-200 px-4 py-2 text-sm text-red-700">
          {t('imports.rejects.downloadFailed', { message: message(download.error) })}
        </p>
      )}
      <QueryView
        query={list}
        errorTitle={t('dnd.history.error')}
        skeletonRows={3}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={History} title={t('dnd.history.empty')} />}
      >
        {(d) => (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={t('dnd.history.title')}>
              <DataTableHead
                columns={[
                  { label: t('imports.recent.columns.file') },
                  { label: t('imports.recent.columns.when') },
                  { label: t('imports.recent.columns.status') },
                  { label: t('dnd.history.added'), className: 'hidden text-right sm:table-cell' },
                  { label: t('dnd.history.updated'), className: 'hidden text-right sm:table-cell' },
                  { label: t('imports.recent.columns.rejected'), className: 'text-right' },
                  { label: t('dnd.history.reportShort'), className: 'text-right', hidden: true },
                ]}
              />
              <tbody className="divide-y divide-gray-100">{d.items.filter((i) => i.status !== 'draft').map(row)}</tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
