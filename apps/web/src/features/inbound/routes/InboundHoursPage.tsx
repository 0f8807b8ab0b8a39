import { useQuery } from '@tanstack/react-query';
import type { TeamInboundHoursList } from '@telehub/shared';
import { Clock } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { api } from '../../../lib/api';
import { inboundHoursKey, TeamHoursCard } from '../components/TeamHoursCard';

/** When each team answers inbound calls: outside them callers hear so, and are owed a callback from the next opening. */
export function InboundHoursPage() {
  const { t } = useTranslation();
  const hours = useQuery({ queryKey: inboundHoursKey, queryFn: ({ signal }) => api<TeamInboundHoursList>('/inbound/hours', { signal }) });
  return (
    <>
      <PageHeader title={t('inbound.hours.title')} documentTitle={t('inbound.hours.title')} subtitle={t('inbound.hours.subtitle')} />
      {hours.isPending ? (
        <Skeleton className="h-64" />
      ) : hours.isError ? (
        <ErrorState title={t('inbound.hours.error')} error={hours.error} onRetry={() => void hours.refetch()} />
      ) : hours.data.items.length === 0 ? (
        <EmptyState icon={Clock} title={t('inbound.hours.empty')} />
      ) : (
        <div className="space-y-5">
          {hours.data.items.map((team) => (
            <TeamHoursCard key={`${team.teamId}:${JSON.stringify(team.hours)}`} team={team} />
          ))}
        </div>
      )}
    </>
  );
}
