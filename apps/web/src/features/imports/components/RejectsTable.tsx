import type { ImportStatus } from '@telehub/shared';
import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { useDownloadRejects } from '../hooks/useImports';
import { rejectReason } from './rejectReason';

/** The first rejected rows with their reasons, and the full report as CSV. */
export function RejectsTable({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const download = useDownloadRejects();
  return (
    <section aria-labelledby="rejects-title" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <div>
          <h2 id="rejects-title" className="text-sm font-semibold text-gray-900">
            {t('imports.rejects.title')}
          </h2>
          <p className="mt-0.5 text-xs text-gray-600">{t('imports.rejects.rowHint')}</p>
        </div>
        <Button onClick={() => download.mutate({ id: status.id, filename: status.filename })} disabled={download.isPending}>
          {download.isPending ? <Spinner /> : <Download aria-hidden className="size-4" />}
          {download.isPending ? t('imports.rejects.downloading') : t('imports.rejects.download')}
        </Button>
      </div>
      {download.isError && (
        <p role="alert" className="border-b border-gray-200 px-4 py-2 text-sm text-red-700">
          {t('imports.rejects.downloadFailed', { message: message(download.error) })}
        </p>
      )}
      <div className="max-h-96 overflow-auto">
        <table className="w-full border-collapse text-sm" aria-label={t('imports.rejects.tableLabel')}>
          <DataTableHead columns={[{ label: t('imports.rejects.row'), className: 'w-20 text-right' }, { label: t('imports.rejects.reason') }]} />
          <tbody className="divide-y divide-gray-100">
            {status.errors.map((e) => (
              <tr key={e.row}>
                <td className={cn(tableCell, 'text-right text-gray-700 tabular-nums')}>{formatNumber(e.row, lng)}</td>
                <td className={cn(tableCell, 'text-gray-900 [overflow-wrap:anywhere]')}>{rejectReason(e.reason, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {status.errorsTruncated && (
        <p className="border-t border-gray-200 px-4 py-2 text-xs text-gray-600">
          {t('imports.rejects.truncated', { shown: formatNumber(status.errors.length, lng), total: formatNumber(status.rejected, lng) })}
        </p>
      )}
    </section>
  );
}
