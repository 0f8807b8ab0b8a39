import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { useCurrentUser } from '../../auth';
import { dispositionLabel, useDispositions } from '../../calls';
import { useUserNames } from '../../users';
import { useTimeline } from '../hooks/useTimeline';
import { ActivityEntry } from './ActivityEntry';

export function Timeline({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const timeline = useTimeline(leadId);
  const { nameOf } = useUserNames();
  const { abilities } = useCurrentUser();
  const message = useErrorMessage();
  const lng = useLocale();
  const dispositions = useDispositions();
  const outcomeOf = (code: string) => {
    const d = dispositions.data?.items.find((x) => x.code === code);
    return d ? dispositionLabel(d, lng) : undefined;
  };

  if (timeline.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-4">
        {[0, 1, 2].map((i) => (
          <div key={i} className="flex gap-3">
            <Skeleton className="size-7 rounded-full" />
            <Skeleton className="mt-1.5 h-4 w-2/3" />
          </div>
        ))}
      </div>
    );
  }
  if (!timeline.data) return <ErrorState title={t('lead.timeline.error')} error={timeline.error} onRetry={() => void timeline.refetch()} />;

  const items = timeline.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyState icon={History} title={t('lead.timeline.empty')} />;

  return (
    <div>
      <ol className="[&>li:last-child>span:first-child]:hidden" aria-label={t('lead.timeline.title')}>
        {items.map((a) => (
          <ActivityEntry key={a.id} activity={a} nameOf={nameOf} showLinks={abilities.importLeads} outcomeOf={outcomeOf} />
        ))}
      </ol>
      <div className="mt-4 border-t border-gray-100 pt-3 text-center">
        {timeline.isFetchNextPageError && <Alert className="mb-2 text-left">{t('errors.withMessage', { message: message(timeline.error) })}</Alert>}
        {timeline.hasNextPage ? (
          <Button size="sm" variant="ghost" onClick={() => void timeline.fetchNextPage()} disabled={timeline.isFetchingNextPage}>
            {timeline.isFetchingNextPage && <Spinner />}
            {timeline.isFetchingNextPage ? t('lead.timeline.loadingOlder') : t('lead.timeline.loadOlder')}
          </Button>
        ) : (
          <p className="text-xs text-gray-500">{t('lead.timeline.end')}</p>
        )}
      </div>
    </div>
  );
}
