import { Inbox, ListRestart, RotateCw } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { isApiError } from '../../../lib/errors';
import type { WorkspaceFlow } from '../hooks/useWorkspaceFlow';
import { CallNotes } from './CallNotes';
import { CampaignWaiting } from './CampaignWaiting';
import { DialControls } from './DialControls';
import { LeadCard } from './LeadCard';
import { LiveCallPanel } from './LiveCallPanel';
import { WrapUpCountdown } from './WrapUpCountdown';
import { WrapUpForm } from './WrapUpForm';

function CardSkeleton() {
  const { t } = useTranslation();
  return (
    <div role="status" aria-label={t('common.loading')} className="space-y-3 rounded-lg border border-gray-200 bg-white p-4">
      <Skeleton className="h-4 w-32" />
      <Skeleton className="h-6 w-56" />
      <Skeleton className="h-4 w-64" />
      <Skeleton className="mt-4 h-12 w-full" />
    </div>
  );
}

const frame = 'rounded-lg border border-gray-200 bg-white';

/** The left-hand desk: the lead on the card and, by phase, the Dial button, the live call or the wrap-up form. */
export function CallDesk({ flow }: { flow: WorkspaceFlow }) {
  const { t } = useTranslation();
  const { phase, lead, next, call } = flow;

  if (phase === 'callError') {
    return (
      <div className={frame}>
        <ErrorState title={t('workspace.live.loadError')} error={flow.callQuery.error} onRetry={() => void flow.callQuery.refetch()} />
        <div className="-mt-8 pb-6 text-center">
          <Button variant="ghost" size="sm" onClick={flow.dismissCall}>
            {t('workspace.live.dismiss')}
          </Button>
        </div>
      </div>
    );
  }
  if (phase === 'loading') return <CardSkeleton />;

  if (!flow.leadId) {
    if (flow.mode === 'loading') return <CardSkeleton />;
    if (flow.mode === 'auto') return <CampaignWaiting flow={flow} />;
    if (next.isPending) return <CardSkeleton />;
    if (next.isError) {
      return (
        <div className={frame}>
          <ErrorState title={t('workspace.next.loadError')} error={next.error} onRetry={() => void next.refetch()} />
        </div>
      );
    }
    return (
      <div className={frame}>
        {flow.timedOut !== null && (
          <Alert tone="info" className="m-4 mb-0">
            {t('workspace.campaign.timedOut', { name: flow.timedOut || t('calls.transcript.lead') })}
          </Alert>
        )}
        <EmptyState
          icon={Inbox}
          title={flow.campaign ? t('workspace.campaign.emptyTitle', { name: flow.campaign.name }) : t('workspace.next.emptyTitle')}
          body={flow.campaign ? t('workspace.campaign.emptyBody') : t('workspace.next.emptyBody')}
          action={
            <div className="flex flex-wrap justify-center gap-2">
              <Button onClick={() => void next.refetch()} disabled={next.isFetching}>
                <RotateCw aria-hidden className="size-4" />
                {t('workspace.next.checkAgain')}
              </Button>
              <Link to="/leads" className={buttonClass('ghost')}>
                {t('workspace.next.openLeads')}
              </Link>
            </div>
          }
        />
      </div>
    );
  }

  if (lead.isPending) return <CardSkeleton />;
  if (lead.isError) {
    const missing = isApiError(lead.error) && (lead.error.status === 404 || lead.error.status === 400);
    return (
      <div className={frame}>
        <ErrorState
          title={missing ? t('lead.notFound.title') : t('lead.loadError')}
          error={lead.error}
          onRetry={missing ? undefined : () => void lead.refetch()}
        />
        {flow.openedId && (
          <div className="-mt-8 pb-6 text-center">
            <Button variant="ghost" size="sm" onClick={flow.backToQueue}>
              {t('workspace.next.backToQueue')}
            </Button>
          </div>
        )}
      </div>
    );
  }

  const remaining = flow.openedId || call ? null : (next.data?.remaining ?? null);
  return (
    <LeadCard lead={lead.data} origin={flow.origin} remaining={remaining}>
      {phase === 'live' && call ? (
        <div className="space-y-3">
          <LiveCallPanel call={call} onHangup={flow.hangUp} hangingUp={flow.hangingUp} error={flow.hangupError} />
          {/* What the agent types during the call opens in its wrap-up. */}
          <CallNotes key={call.id} call={call} />
        </div>
      ) : phase === 'wrapUp' && call ? (
        <div className="space-y-4">
          {flow.campaign && call.campaignId === flow.campaign.id && <WrapUpCountdown endedAt={call.endedAt} seconds={flow.campaign.wrapUpSeconds} />}
          <WrapUpForm key={call.id} call={call} onSave={flow.save} saving={flow.saving} error={flow.saveError} />
        </div>
      ) : (
        <div className="space-y-3">
          {flow.endedWithout && <Alert tone="info">{t('workspace.live.endedWithout', { status: t(`calls.status.${flow.endedWithout}`) })}</Alert>}
          {flow.timedOut !== null && <Alert tone="info">{t('workspace.campaign.timedOut', { name: flow.timedOut || t('calls.transcript.lead') })}</Alert>}
          {!flow.ringing && (
            <DialControls
              lead={lead.data}
              onDial={flow.dial}
              onSkip={flow.skip}
              dialing={flow.dialing}
              skipping={flow.skipping}
              error={flow.dialError}
              skipError={flow.skipError}
            />
          )}
          {flow.openedId && (
            <Button variant="ghost" size="sm" onClick={flow.backToQueue}>
              <ListRestart aria-hidden className="size-4" />
              {t('workspace.next.backToQueue')}
            </Button>
          )}
        </div>
      )}
    </LeadCard>
  );
}
