import type { UseQueryResult } from '@tanstack/react-query';
import { ShieldOff } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { isApiError } from '../../../lib/errors';

/** A report on its way: a chart's block and a table's rows. */
export function ReportSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="space-y-4">
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <Skeleton className="mb-4 h-4 w-48" />
        <Skeleton className="h-48 w-full" />
      </div>
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <Skeleton className="mb-4 h-4 w-32" />
        {[0, 1, 2, 3].map((i) => (
          <div key={i} className="flex gap-6 py-2.5">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-4 w-16" />
            <Skeleton className="hidden h-4 w-16 sm:block" />
            <Skeleton className="hidden h-4 w-24 md:block" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** A filter this person may not use (a team not theirs, a telecaller outside their teams). */
export const isForbidden = (err: unknown) => isApiError(err) && err.status === 403;

/**
 * The states of a report before its content: loading, refused (a filter not theirs, with a way
 * out), failed (with retry). While new filters load, the last report stays, dimmed.
 */
export function ReportView<T>({ query, onClearFilters, children }: { query: UseQueryResult<T>; onClearFilters: () => void; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (query.isPending) return <ReportSkeleton />;
  if (query.isError && isForbidden(query.error))
    return (
      <div className="rounded-lg border border-gray-200 bg-white">
        <EmptyState
          icon={ShieldOff}
          title={t('reports.states.forbiddenTitle')}
          body={t('reports.states.forbiddenBody', { message: message(query.error) })}
          action={<Button onClick={onClearFilters}>{t('reports.states.clear')}</Button>}
        />
      </div>
    );
  if (query.isError)
    return (
      <div className="rounded-lg border border-gray-200 bg-white">
        <ErrorState title={t('reports.states.loadError')} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  return (
    <div aria-busy={query.isPlaceholderData || undefined} className={cn('transition-opacity', query.isPlaceholderData && 'opacity-60')}>
      {children(query.data)}
    </div>
  );
}

/** A report with nothing in it, in its box. */
export function ReportEmpty({ icon, title, body }: { icon: Parameters<typeof EmptyState>[0]['icon']; title: string; body: string }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white">
      <EmptyState icon={icon} title={title} body={body} />
    </div>
  );
}
