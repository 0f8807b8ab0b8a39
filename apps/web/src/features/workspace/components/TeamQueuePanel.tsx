import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PhoneMissed } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatDateTime, formatPhone, formatRelative } from '../../../lib/format';
import { workspaceApi } from '../api/workspaceApi';
import { workspaceKeys } from '../api/workspaceKeys';

/** Looked at again this often: a missed caller lands here when nobody answered them. */
const REFRESH_MS = 30_000;

/**
 * Callers nobody answered whose callback has no agent (their lead has no owner on the floor):
 * anyone in the team takes one, and it moves to their callbacks. Hidden while there are none.
 */
export function TeamQueuePanel() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const qc = useQueryClient();
  const queue = useQuery({ queryKey: workspaceKeys.teamCallbacks(), queryFn: ({ signal }) => workspaceApi.teamCallbacks(signal), refetchInterval: REFRESH_MS });
  const take = useMutation({
    mutationFn: (id: string) => workspaceApi.claim(id),
    onSettled: () =>
      Promise.all([qc.invalidateQueries({ queryKey: workspaceKeys.teamCallbacks() }), qc.invalidateQueries({ queryKey: workspaceKeys.callbacks() })]),
  });
  const items = queue.data?.items ?? [];
  if (queue.isSuccess && items.length === 0 && !take.isError) return null;
  if (queue.isPending) return null;

  return (
    <section aria-labelledby="ws-team-queue-title" className="rounded-lg border border-amber-300 bg-white">
      <h2 id="ws-team-queue-title" className="flex items-center gap-2 border-b border-amber-200 px-4 py-3 text-sm font-semibold text-gray-900">
        <PhoneMissed aria-hidden className="size-4 text-amber-700" />
        {t('workspace.teamQueue.title')}
      </h2>
      {queue.isError ? (
        <ErrorState title={t('workspace.teamQueue.error')} error={queue.error} onRetry={() => void queue.refetch()} />
      ) : items.length === 0 ? (
        <p className="px-4 py-4 text-sm text-gray-600">{t('workspace.teamQueue.empty')}</p>
      ) : (
        <>
          <p className="px-4 pt-2 text-xs text-gray-600">{t('workspace.teamQueue.hint')}</p>
          <ul aria-label={t('workspace.teamQueue.title')} className="max-h-72 divide-y divide-gray-100 overflow-y-auto">
            {items.map((cb) => (
              <li key={cb.id} className="flex items-start gap-3 px-4 py-2.5" data-team-callback={cb.id}>
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-gray-900">{cb.leadName}</p>
                  <p className="text-xs text-gray-600 tabular-nums">{formatPhone(cb.leadPhone)}</p>
                  <time dateTime={cb.dueAt} className={cb.overdue ? 'block text-xs font-medium text-red-800' : 'block text-xs text-gray-700'}>
                    {t('workspace.callbacks.due', { when: formatRelative(cb.dueAt, lng), time: formatDateTime(cb.dueAt, lng) })}
                  </time>
                  {cb.notes && <p className="mt-0.5 line-clamp-2 text-xs text-gray-600">{cb.notes}</p>}
                </div>
                <Button
                  size="sm"
                  disabled={take.isPending}
                  onClick={() => take.mutate(cb.id)}
                  aria-label={t('workspace.teamQueue.takeLabel', { name: cb.leadName })}
                >
                  {t('workspace.teamQueue.take')}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {take.isError && <Alert className="m-3">{t('workspace.teamQueue.takeFailed', { message: message(take.error) })}</Alert>}
    </section>
  );
}
