import type { Callback } from '@telehub/shared';
import { AlarmClock, Check, PhoneCall } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatNumber, formatPhone, formatRelative } from '../../../lib/format';
import { useCloseCallback } from '../hooks/useCallActions';
import { useCallbacks } from '../hooks/useWorkspaceData';
import { isOverdue } from './callbackTime';

function Row({ cb, overdue, current, onDone, closing }: { cb: Callback; overdue: boolean; current: boolean; onDone: () => void; closing: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <li className={cn('flex items-start gap-3 px-4 py-2.5', overdue && 'bg-red-50/70', current && 'ring-2 ring-indigo-500 ring-inset')}>
      <Link
        to={`/workspace?lead=${cb.leadId}`}
        className="group min-w-0 flex-1 rounded"
        aria-label={t('workspace.callbacks.open', { name: cb.leadName })}
        aria-current={current || undefined}
      >
        <span className="flex items-center gap-2">
          <span className="truncate text-sm font-medium text-gray-900 group-hover:underline">{cb.leadName}</span>
          {overdue && (
            <span className="shrink-0 rounded bg-red-100 px-1.5 py-px text-[11px] font-semibold text-red-800">{t('workspace.callbacks.overdue')}</span>
          )}
          {cb.source === 'missed_call' && (
            <span className="shrink-0 rounded bg-amber-100 px-1.5 py-px text-[11px] font-semibold text-amber-900">{t('workspace.callbacks.missed')}</span>
          )}
        </span>
        <span className="block text-xs text-gray-600 tabular-nums">{formatPhone(cb.leadPhone)}</span>
        <time dateTime={cb.dueAt} className={cn('block text-xs', overdue ? 'font-medium text-red-800' : 'text-gray-700')}>
          {t('workspace.callbacks.due', { when: formatRelative(cb.dueAt, lng), time: formatDateTime(cb.dueAt, lng) })}
        </time>
        {cb.notes && <span className="mt-0.5 line-clamp-2 block text-xs text-gray-600">{cb.notes}</span>}
      </Link>
      <button
        type="button"
        onClick={onDone}
        disabled={closing}
        className="mt-0.5 shrink-0 rounded p-1 text-gray-500 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-50"
        aria-label={t('workspace.callbacks.done', { name: cb.leadName })}
        title={t('workspace.callbacks.doneTitle')}
      >
        <Check aria-hidden className="size-4" />
      </button>
    </li>
  );
}

/** The agent's pending callbacks, overdue first; a click opens the lead here. */
export function CallbacksPanel({ currentLeadId }: { currentLeadId: string | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const callbacks = useCallbacks();
  const close = useCloseCallback();
  // Overdue by the clock, not by when the list was loaded: the list is not asked for again on a timer.
  const now = useNow(15_000);
  const items = callbacks.data?.items ?? [];
  const overdue = items.filter((c) => isOverdue(c, now)).length;

  return (
    <section aria-labelledby="ws-callbacks-title" className="rounded-lg border border-gray-200 bg-white">
      <h2 id="ws-callbacks-title" className="flex items-center gap-2 border-b border-gray-200 px-4 py-3 text-sm font-semibold text-gray-900">
        <AlarmClock aria-hidden className="size-4 text-amber-600" />
        {t('workspace.callbacks.title')}
        {items.length > 0 && <span className="rounded-full bg-gray-100 px-2 text-xs font-medium text-gray-700">{formatNumber(items.length, lng)}</span>}
        {overdue > 0 && (
          <span className="ml-auto text-xs font-medium text-red-800">
            {t('workspace.callbacks.overdueCount', { count: overdue, n: formatNumber(overdue, lng) })}
          </span>
        )}
      </h2>
      {callbacks.isPending ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-2 p-4">
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-4 w-1/2" />
        </div>
      ) : callbacks.isError ? (
        <ErrorState title={t('workspace.callbacks.error')} error={callbacks.error} onRetry={() => void callbacks.refetch()} />
      ) : items.length === 0 ? (
        <p className="flex items-center gap-2 px-4 py-4 text-sm text-gray-600">
          <PhoneCall aria-hidden className="size-4 text-gray-400" />
          {t('workspace.callbacks.empty')}
        </p>
      ) : (
        <ul aria-label={t('workspace.callbacks.title')} className="max-h-80 divide-y divide-gray-100 overflow-y-auto">
          {items.map((cb) => (
            <Row
              key={cb.id}
              cb={cb}
              overdue={isOverdue(cb, now)}
              current={cb.leadId === currentLeadId}
              closing={close.isPending && close.variables === cb.id}
              onDone={() => close.mutate(cb.id)}
            />
          ))}
        </ul>
      )}
      {close.isError && <Alert className="m-3">{t('workspace.callbacks.doneFailed', { message: message(close.error) })}</Alert>}
    </section>
  );
}
