import type { ImportStatus } from '@telehub/shared';
import { CheckCircle2, FileSpreadsheet, RotateCcw, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatBytes, formatDateTime, formatNumber } from '../../../lib/format';
import { isRunning } from '../api/importsApi';
import { useImportStatus } from '../hooks/useImports';
import { ImportCounts } from './ImportCounts';
import { ImportProgress } from './ImportProgress';
import { ImportStatusBadge } from './ImportStatusBadge';
import { RejectsTable } from './RejectsTable';

function FileLine({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-gray-700">
      <FileSpreadsheet aria-hidden className="size-4 text-gray-500" />
      <span className="font-medium text-gray-900 [overflow-wrap:anywhere]">{status.filename}</span>
      <span aria-hidden className="text-gray-400">
        ·
      </span>
      <span>{formatBytes(status.sizeBytes, lng)}</span>
      <span aria-hidden className="text-gray-400">
        ·
      </span>
      <span>{t('imports.run.source', { source: status.source })}</span>
      <span aria-hidden className="text-gray-400">
        ·
      </span>
      <span>{formatDateTime(status.startedAt ?? status.createdAt, lng)}</span>
      <ImportStatusBadge status={status.status} />
    </div>
  );
}

/** Progress of one import while it runs; its outcome once it ends. */
export function ImportRun({ id, onAnother }: { id: string; onAnother: () => void }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const query = useImportStatus(id);

  if (query.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-3 rounded-lg border border-gray-200 bg-white p-5">
        <Skeleton className="h-4 w-72" />
        <Skeleton className="h-2.5 w-full rounded-full" />
        <Skeleton className="h-4 w-48" />
      </div>
    );
  }
  if (query.isError && !query.data) return <ErrorState title={t('imports.run.loadError')} error={query.error} onRetry={() => void query.refetch()} />;
  const status = query.data;
  const another = (
    <Button onClick={onAnother}>
      <RotateCcw aria-hidden className="size-4" />
      {status.status === 'failed' ? t('imports.result.tryAnother') : t('imports.result.another')}
    </Button>
  );

  return (
    <div className="space-y-4">
      <section aria-labelledby="run-title" className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0 space-y-1">
            <h2 id="run-title" className="flex items-center gap-2 text-base font-semibold text-gray-900">
              {status.status === 'completed' && <CheckCircle2 aria-hidden className="size-5 text-emerald-600" />}
              {status.status === 'failed' && <XCircle aria-hidden className="size-5 text-red-600" />}
              {status.status === 'completed'
                ? t('imports.result.completed')
                : status.status === 'failed'
                  ? t('imports.result.failedTitle')
                  : t('imports.run.title')}
            </h2>
            <FileLine status={status} />
          </div>
          {!isRunning(status) && (
            <div className="flex flex-wrap gap-2">
              {status.status === 'completed' && (
                <Link to="/leads" className={buttonClass('secondary')}>
                  {t('imports.result.viewLeads')}
                </Link>
              )}
              {another}
            </div>
          )}
        </div>
        {isRunning(status) && (
          <>
            <ImportProgress status={status} />
            <p className="text-xs text-gray-600">{t('imports.run.live')}</p>
          </>
        )}
        {status.status === 'failed' && (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
            {status.error ?? t('imports.result.failedUnknown')}
          </p>
        )}
        {status.status === 'completed' && <p className="text-sm text-gray-700">{t('imports.result.summary', { total: formatNumber(status.total, lng) })}</p>}
      </section>
      {(status.status === 'completed' || status.created + status.merged + status.rejected > 0) && (
        <ImportCounts
          label={t('imports.result.countsLabel')}
          counts={[
            { key: 'created', label: t('imports.result.created'), hint: t('imports.result.createdHint'), value: status.created, tone: 'good' },
            { key: 'merged', label: t('imports.result.merged'), hint: t('imports.result.mergedHint'), value: status.merged, tone: 'neutral' },
            { key: 'rejected', label: t('imports.result.rejected'), hint: t('imports.result.rejectedHint'), value: status.rejected, tone: 'bad' },
          ]}
        />
      )}
      {status.rejected > 0 && !isRunning(status) && <RejectsTable status={status} />}
    </div>
  );
}
