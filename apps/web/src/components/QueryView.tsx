import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from './ErrorState';
import { TableSkeleton } from './TableSkeleton';

/** The three states every list page has before its content: loading, failed (with retry), empty. */
export function QueryView<T>({
  query,
  errorTitle,
  isEmpty,
  empty,
  skeletonRows,
  children,
}: {
  query: UseQueryResult<T>;
  errorTitle: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  skeletonRows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (query.isError) return <ErrorState title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty}</>;
  return <>{children(query.data)}</>;
}
