import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { LiveBadge } from '../../../components/LiveBadge';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLiveState } from '../../../hooks/useLiveState';
import { useLocale } from '../../../hooks/useLocale';
import { formatTime } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { useCampaigns } from '../../campaigns';
import { floorKeys } from '../api/floorApi';
import { AgentBoard } from '../components/AgentBoard';
import { AlertsPanel } from '../components/AlertsPanel';
import { CallMonitor } from '../components/CallMonitor';
import { FloorTotals } from '../components/FloorTotals';
import { InboundPanel } from '../components/InboundPanel';
import { KpiCards } from '../components/KpiCards';
import { Leaderboard } from '../components/Leaderboard';
import { LiveCalls } from '../components/LiveCalls';
import { TeamFilter } from '../components/TeamFilter';
import { useTeamBoard, useTrend } from '../hooks/useFloor';

function Panel({ title, children, className, count }: { title: string; children: ReactNode; className?: string; count?: number }) {
  return (
    <section aria-label={title} className={`overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200 ${className ?? ''}`}>
      <h2 className="flex items-center gap-2 border-b border-gray-200 px-4 py-2.5 text-sm font-semibold text-gray-900">
        {title}
        {count !== undefined && count > 0 && <span className="rounded-full bg-gray-100 px-2 text-xs font-medium text-gray-700 tabular-nums">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

/** The manager's live view of the floor: everything on it updates as it happens, without reloading. */
export function CommandCenterPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const [teamId, setTeamId] = useState<string | null>(null);
  const [openCallId, setOpenCallId] = useState<string | null>(null);
  const board = useTeamBoard(teamId);
  const { abilities } = useCurrentUser();
  // Only staff move agents; the running campaigns are re-read every minute for the move menu.
  const campaigns = useCampaigns(abilities.manageCampaigns ? 60_000 : undefined);
  const live = useLiveState();
  // A conversion can reorder the leaderboard: read it again at once rather than at the next poll.
  const conversions = board.data?.today.conversions;
  const qc = useQueryClient();
  const seenConversions = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (conversions === undefined) return;
    if (seenConversions.current !== undefined && seenConversions.current !== conversions) {
      void qc.invalidateQueries({ queryKey: [...floorKeys.all, 'leaderboard'] });
    }
    seenConversions.current = conversions;
  }, [qc, conversions]);
  const trend = useTrend(teamId);
  const floor = board.data;
  // The open call stays on screen after it ends (from the agent's row), until closed.
  const openCall = openCallId
    ? (floor?.liveCalls.find((c) => c.id === openCallId) ?? floor?.agents.find((a) => a.currentCall?.id === openCallId)?.currentCall ?? null)
    : null;

  return (
    <>
      <PageHeader
        title={t('commandCenter.title')}
        documentTitle={t('commandCenter.title')}
        subtitle={floor ? t('commandCenter.updated', { time: formatTime(floor.updatedAt, lng) }) : undefined}
        actions={
          <>
            <LiveBadge />
            <TeamFilter value={teamId} onChange={setTeamId} />
          </>
        }
      />
      {board.error && !floor ? (
        <ErrorState title={t('commandCenter.board.error')} error={board.error} onRetry={board.retry} />
      ) : !floor ? (
        <div className="space-y-4">
          <Skeleton className="h-8 w-2/3" />
          <Skeleton className="h-24" />
          <Skeleton className="h-72" />
        </div>
      ) : (
        // Dimmed while the connection is down: what shows may be out of date until it is back.
        <div className={live === 'live' ? 'space-y-5' : 'space-y-5 opacity-60 transition-opacity'} aria-busy={live !== 'live'}>
          <FloorTotals totals={floor.totals} />
          <KpiCards today={floor.today} trend={trend.data} />
          <div className="grid items-start gap-5 xl:grid-cols-3">
            <Panel title={t('commandCenter.board.title')} count={floor.agents.length} className="xl:col-span-2">
              <AgentBoard
                agents={floor.agents}
                selectedCallId={openCallId}
                onOpenCall={setOpenCallId}
                campaigns={campaigns.data?.items ?? []}
                canMove={abilities.manageCampaigns}
              />
            </Panel>
            <div className="space-y-5">
              <Panel title={t('commandCenter.alerts.title')}>
                <AlertsPanel teamId={teamId} />
              </Panel>
              <Panel title={t('commandCenter.inbound.title')}>
                <InboundPanel agentName={(id) => floor.agents.find((a) => a.user.id === id)?.user.name ?? null} />
              </Panel>
              <Panel title={t('commandCenter.leaderboard.title')}>
                <Leaderboard teamId={teamId} />
              </Panel>
            </div>
          </div>
          <div className="grid items-start gap-5 xl:grid-cols-3">
            <Panel title={t('commandCenter.calls.title')} count={floor.liveCalls.length}>
              <LiveCalls calls={floor.liveCalls} selectedCallId={openCallId} onOpenCall={setOpenCallId} />
            </Panel>
            <div className="overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200 xl:col-span-2">
              {openCall ? (
                <CallMonitor key={openCall.id} call={openCall} onClose={() => setOpenCallId(null)} />
              ) : (
                <p className="px-4 py-6 text-sm text-gray-600">{t('commandCenter.calls.pick')}</p>
              )}
            </div>
          </div>
        </div>
      )}
    </>
  );
}
