import { useTranslation } from 'react-i18next';
import { Skeleton } from './ui/Skeleton';

export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="divide-y divide-gray-100">
      <div className="h-9 bg-gray-50/80" />
      {[...Array(rows).keys()].map((row) => (
        <div key={row} className="flex items-center gap-6 px-3 py-3.5">
          <Skeleton className="h-4 w-48" />
          <Skeleton className="h-4 w-20" />
          <Skeleton className="hidden h-4 w-28 sm:block" />
          <Skeleton className="hidden h-4 w-24 md:block" />
        </div>
      ))}
    </div>
  );
}
