import type { UseQueryResult } from '@tanstack/react-query';
import type { CallAnalysis } from '@telehub/shared';
import { RotateCw } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';

/**
 * A call's analysis once it is there; until then what stands in its way: loading, not analysed yet
 * (asked again by useCallAnalysis, and on request once it stops asking), failed with the reason.
 */
export function AnalysisGate({ analysis, children }: { analysis: UseQueryResult<CallAnalysis>; children: (a: CallAnalysis) => ReactNode }) {
  const { t } = useTranslation();
  if (analysis.isPending) return <Skeleton className="h-16 w-full" />;
  if (analysis.isError) return <ErrorState title={t('calls.analysis.error')} error={analysis.error} onRetry={() => void analysis.refetch()} />;
  if (analysis.data.status === 'pending') {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <p className="text-sm text-gray-600">{t('calls.analysis.pending')}</p>
        <Button size="sm" variant="ghost" onClick={() => void analysis.refetch()} disabled={analysis.isFetching}>
          {analysis.isFetching ? <Spinner /> : <RotateCw aria-hidden className="size-4" />}
          {t('callPage.analysis.checkAgain')}
        </Button>
      </div>
    );
  }
  if (analysis.data.status === 'failed') return <p className="text-sm text-amber-800">{t('calls.analysis.failed', { reason: analysis.data.error ?? '' })}</p>;
  return children(analysis.data);
}
