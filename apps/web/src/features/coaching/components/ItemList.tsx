import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { TableSkeleton } from '../../../components/TableSkeleton';

/** A list of coaching items with its loading, error and empty states (the telecaller's and the manager's alike). */
export function ItemList({ query, count, empty, children }: { query: UseQueryResult<unknown>; count: number; empty: string; children: ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending)
    return (
      <div className="rounded-lg bg-white ring-1 ring-gray-200">
        <TableSkeleton rows={3} />
      </div>
    );
  if (query.isError)
    return (
      <div className="rounded-lg bg-white ring-1 ring-gray-200">
        <ErrorState title={t('coaching.loadError')} error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  if (count === 0) return <p className="rounded-lg bg-white px-4 py-5 text-sm text-gray-600 ring-1 ring-gray-200">{empty}</p>;
  return <div className="space-y-3">{children}</div>;
}
