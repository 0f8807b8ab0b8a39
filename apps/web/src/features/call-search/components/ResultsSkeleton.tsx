import { useTranslation } from 'react-i18next';
import { Skeleton } from '../../../components/ui/Skeleton';

export function ResultsSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="divide-y divide-gray-100">
      {[...Array(rows).keys()].map((row) => (
        <div key={row} className="space-y-2 px-4 py-4">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="h-3 w-64 max-w-full" />
          <Skeleton className="h-3 w-full" />
        </div>
      ))}
    </div>
  );
}
