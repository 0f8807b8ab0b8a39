import { ArrowLeft, Pencil } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState } from '../../../components/ErrorState';
import { NotFound } from '../../../components/NotFound';
import { PageHeader } from '../../../components/PageHeader';
import { Alert } from '../../../components/ui/Alert';
import { buttonClass } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { isApiError } from '../../../lib/errors';
import { formatNumber, formatTime } from '../../../lib/format';
import { AddLeadsBox } from '../components/AddLeadsBox';
import { CampaignActions } from '../components/CampaignActions';
import { CampaignStatusBadge } from '../components/CampaignStatusBadge';
import { AgentsInCampaign } from '../components/live/AgentsInCampaign';
import { DayChart } from '../components/live/DayChart';
import { FigureCards } from '../components/live/FigureCards';
import { QueueBar } from '../components/live/QueueBar';
import { useCampaign, useCampaignStats } from '../hooks/useCampaigns';

function StatsSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="space-y-5">
      <Skeleton className="h-28" />
      <Skeleton className="h-20" />
      <Skeleton className="h-64" />
    </div>
  );
}

/** One campaign at work: its queue, today's figures against the abandon cap, its agents and the day so far. Read every 5 s. */
export function CampaignLivePage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const { id = '' } = useParams();
  const campaign = useCampaign(id);
  const stats = useCampaignStats(id || null);

  if (campaign.isError) {
    const missing = isApiError(campaign.error) && (campaign.error.status === 404 || campaign.error.status === 400);
    return missing ? (
      <NotFound title={t('campaigns.notFound.title')} body={t('campaigns.notFound.body')} />
    ) : (
      <ErrorState title={t('campaigns.live.error')} error={campaign.error} onRetry={() => void campaign.refetch()} />
    );
  }
  const c = campaign.data;
  if (!c) return <StatsSkeleton />;

  return (
    <>
      <Link to="/campaigns" className="mb-2 inline-flex items-center gap-1 rounded text-sm text-gray-600 hover:text-gray-900">
        <ArrowLeft aria-hidden className="size-4" />
        {t('campaigns.form.backToList')}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            <span className="min-w-0 break-words">{c.name}</span>
            <CampaignStatusBadge status={c.status} />
          </span>
        }
        documentTitle={c.name}
        subtitle={[
          t(`campaigns.mode.${c.dialMode}`) + (c.dialMode === 'power' ? ` · ${t('campaigns.list.ratio', { ratio: formatNumber(c.ratio, lng) })}` : ''),
          t('campaigns.live.members', { count: c.members, n: formatNumber(c.members, lng) }),
          stats.dataUpdatedAt ? t('campaigns.live.updated', { time: formatTime(new Date(stats.dataUpdatedAt).toISOString(), lng) }) : null,
        ]
          .filter(Boolean)
          .join(' · ')}
        actions={
          <>
            {c.status !== 'archived' && (
              <Link to={`/campaigns/${c.id}/edit`} className={buttonClass('secondary')}>
                <Pencil aria-hidden className="size-4" />
                {t('common.edit')}
              </Link>
            )}
            <CampaignActions campaign={c} />
          </>
        }
      />
      {c.description && <p className="-mt-3 mb-5 max-w-3xl text-sm text-gray-700">{c.description}</p>}
      {c.status === 'draft' && (
        <Alert tone="info" className="mb-5">
          {t('campaigns.live.draft')}
        </Alert>
      )}
      {stats.isPending ? (
        <StatsSkeleton />
      ) : stats.isError && !stats.data ? (
        <ErrorState title={t('campaigns.live.statsError')} error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data ? (
        <div className="space-y-5">
          {stats.isError && <Alert>{t('campaigns.live.stale', { message: message(stats.error) })}</Alert>}
          <FigureCards campaign={c} stats={stats.data} />
          <QueueBar queue={stats.data.queue} />
          <div className="grid items-start gap-5 xl:grid-cols-3">
            <div className="min-w-0 xl:col-span-2">
              <DayChart timeline={stats.data.timeline} cap={c.maxAbandonRate} />
            </div>
            <AgentsInCampaign agents={stats.data.agentStates} />
          </div>
        </div>
      ) : null}
      <div className="mt-5 max-w-2xl">
        <AddLeadsBox campaignId={c.id} disabled={c.status === 'archived'} />
      </div>
    </>
  );
}
