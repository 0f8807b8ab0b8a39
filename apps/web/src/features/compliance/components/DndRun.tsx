import { CheckCircle2, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { ImportCounts, ImportProgress, isRunning, RejectsTable } from '../../imports';
import { useDndImport } from '../hooks/useDnd';

/** Progress of a list upload, then what it changed in the registry. */
export function DndRun({ id }: { id: string }) {
  const { t } = useTranslation();
  const query = useDndImport(id);
  if (query.isPending) return <Skeleton className="h-16 w-full" />;
  if (!query.data) return <ErrorState title={t('dnd.upload.loadError')} error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  return (
    <div className="space-y-4">
      {isRunning(s) ? (
        <ImportProgress status={s} />
      ) : s.status === 'failed' ? (
        <p role="alert" className="flex items-start gap-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200">
          <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
          {t('dnd.upload.failed', { file: s.filename, message: s.error ?? t('imports.result.failedUnknown') })}
        </p>
      ) : (
        <p className="flex items-center gap-2 text-sm font-medium text-gray-900" role="status">
          <CheckCircle2 aria-hidden className="size-5 text-emerald-600" />
          {t('dnd.upload.done', { file: s.filename })}
        </p>
      )}
      {s.status !== 'queued' && (
        <ImportCounts
          label={t('dnd.upload.countsLabel')}
          counts={[
            { key: 'created', label: t('dnd.upload.created'), hint: t('dnd.upload.createdHint'), value: s.created, tone: 'neutral' },
            { key: 'merged', label: t('dnd.upload.updated'), hint: t('dnd.upload.updatedHint'), value: s.merged, tone: 'neutral' },
            { key: 'rejected', label: t('imports.result.rejected'), hint: t('dnd.upload.rejectedHint'), value: s.rejected, tone: 'bad' },
          ]}
        />
      )}
      {s.rejected > 0 && !isRunning(s) && <RejectsTable status={s} />}
    </div>
  );
}
