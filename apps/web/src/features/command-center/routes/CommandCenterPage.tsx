import { useQueryClient } from '@tanstack/react-query';
import { Filter, Maximize2, Minimize2, Rows3, Users } from 'lucide-react';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LiveBadge } from '../../../components/LiveBadge';
import { PageHeader } from '../../../components/PageHeader';
import { Button } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useLiveState } from '../../../hooks/useLiveState';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatTime } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { useCampaigns } from '../../campaigns';
import { floorKeys } from '../api/floorApi';
import { AgentBoard } from '../components/AgentBoard';
import { AlertsPanel } from '../components/AlertsPanel';
import { AlertThresholds } from '../components/AlertThresholdsDialog';
import { BoardControls } from '../components/BoardControls';
import { defaultDir, NO_ONE, viewAgents } from '../components/boardView';
import { CallMonitor } from '../components/CallMonitor';
import { FloorTotals } from '../components/FloorTotals';
import { HourlyCharts } from '../components/HourlyCharts';
import { InboundPanel } from '../components/InboundPanel';
import { KpiCards } from '../components/KpiCards';
import { Leaderboard } from '../components/Leaderboard';
import { LiveCalls } from '../components/LiveCalls';
import { useBoardView } from '../hooks/useBoardView';
import { useDisplayPrefs } from '../hooks/useDisplayPrefs';
import { useTeamBoard, useTrend } from '../hooks/useFloor';
import { useWallMode } from '../hooks/useWallMode';

function Panel({ title, children, className, count }: { title: string; children: ReactNode; className?: string; count?: number }) {
  return (
    <section aria-label={title} className={cn('min-w-0 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200', className)}>
      <h2 className="flex items-center gap-2 border-b border-gray-200 px-4 py-2.5 text-sm font-semibold text-gray-900">
        {title}
        {count !== undefined && count > 0 && <span className="rounded-full bg-gray-100 px-2 text-xs font-medium text-gray-700 tabular-nums">{count}</span>}
      </h2>
      {children}
    </section>
  );
}

/**
 * The manager's live view of the floor: everything on it updates as it happens, without reloading.
 * The board's filters, sort and grouping live in the address; compact rows and the wall screen
 * are remembered on this device.
 */
export function CommandCenterPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const { view, update } = useBoardView();
  // A real team narrows what the server sends (board, alerts, leaderboard, KPIs); "no team" is cut here.
  const teamId = view.team && view.team !== NO_ONE ? view.team : null;
  const { prefs, update: setPrefs } = useDisplayPrefs();
  const wall = useWallMode(prefs.wall, (on) => setPrefs({ wall: on }));
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
  // Time in state moves every second; the order by it is taken every ten, so rows do not jitter.
  const sortClock = useNow(10_000);
  const cut = useMemo(() => viewAgents(floor?.agents ?? [], view, sortClock, lng), [floor, view, sortClock, lng]);
  // The open call stays on screen after it ends (from the agent's row), until closed.
  const openCall = openCallId
    ? (floor?.liveCalls.find((c) => c.id === openCallId) ?? floor?.agents.find((a) => a.currentCall?.id === openCallId)?.currentCall ?? null)
    : null;
  const onWall = prefs.wall;
  useEffect(() => {
    const app = document.getElementById('root');
    if (!onWall || !app) return;
    app.inert = true;
    return () => {
      app.inert = false;
    };
  }, [onWall]);
  useDocumentTitle(t('commandCenter.title'));

  const displayButtons = (
    <>
      <Button
        size="sm"
        aria-pressed={prefs.density === 'compact'}
        onClick={() => setPrefs({ density: prefs.density === 'compact' ? 'comfortable' : 'compact' })}
        className={cn(prefs.density === 'compact' && 'bg-indigo-50 text-indigo-800 ring-indigo-300 hover:bg-indigo-100')}
      >
        <Rows3 aria-hidden className="size-4" />
        {t('commandCenter.display.compact')}
      </Button>
      {onWall ? (
        <Button size="sm" variant="primary" onClick={wall.exit} data-exit-wall>
          <Minimize2 aria-hidden className="size-4" />
          {t('commandCenter.display.exitWall')}
          <kbd className="rounded bg-indigo-500 px-1 text-[11px] font-normal pointer-coarse:hidden">Esc</kbd>
        </Button>
      ) : (
        <Button size="sm" onClick={wall.enter} data-enter-wall>
          <Maximize2 aria-hidden className="size-4" />
          {t('commandCenter.display.wall')}
        </Button>
      )}
    </>
  );

  const header = onWall ? (
    <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-3xl font-semibold tracking-tight text-gray-900">{t('commandCenter.title')}</h1>
        {floor && <p className="text-base text-gray-700">{t('commandCenter.updated', { time: formatTime(floor.updatedAt, lng) })}</p>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <LiveBadge />
        {displayButtons}
      </div>
    </div>
  ) : (
    <PageHeader
      title={t('commandCenter.title')}
      documentTitle={t('commandCenter.title')}
      subtitle={floor ? t('commandCenter.updated', { time: formatTime(floor.updatedAt, lng) }) : undefined}
      actions={
        <>
          <LiveBadge />
          {displayButtons}
        </>
      }
    />
  );

  const boardBody = !floor ? null : floor.agents.length === 0 ? (
    <EmptyState icon={Users} title={t('commandCenter.board.emptyTitle')} body={t('commandCenter.board.emptyBody')} />
  ) : cut.shown.length === 0 ? (
    <EmptyState
      icon={Filter}
      title={t('commandCenter.view.emptyTitle')}
      body={t('commandCenter.view.emptyBody')}
      action={
        <Button size="sm" onClick={() => update({ state: null, team: null, campaign: null })}>
          {t('commandCenter.view.clear')}
        </Button>
      }
    />
  ) : (
    <AgentBoard
      groups={cut.groups}
      groupBy={view.group}
      selectedCallId={openCallId}
      onOpenCall={setOpenCallId}
      campaigns={campaigns.data?.items ?? []}
      canMove={abilities.manageCampaigns && !onWall}
      density={prefs.density}
      wall={onWall}
      sort={{
        by: view.sort,
        dir: view.dir,
        onSort: (by) => update(by === view.sort ? { dir: view.dir === 'asc' ? 'desc' : 'asc' } : { sort: by, dir: defaultDir(by) }),
      }}
    />
  );

  const hours = floor && (
    <Panel title={t('commandCenter.hours.title')}>
      <HourlyCharts teamId={teamId} today={floor.today} wall={onWall} />
    </Panel>
  );

  const content = (
    <>
      {header}
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
          <KpiCards today={floor.today} trend={trend.data} wall={onWall} />
          {!onWall && hours}
          {/* On the wall the board takes the whole width until the screen is wide enough for a side column too. */}
          <div className={cn('grid items-start gap-5', onWall ? '2xl:grid-cols-3' : 'xl:grid-cols-3')}>
            <Panel title={t('commandCenter.board.title')} count={cut.shown.length} className={onWall ? '2xl:col-span-2' : 'xl:col-span-2'}>
              {!onWall && floor.agents.length > 0 && <BoardControls agents={floor.agents} shown={cut.shown.length} view={view} onChange={update} />}
              {boardBody}
            </Panel>
            <div className={onWall ? 'grid min-w-0 items-start gap-5 lg:grid-cols-3 2xl:grid-cols-1' : 'min-w-0 space-y-5'}>
              <Panel title={t('commandCenter.alerts.title')}>
                {abilities.manageAlertThresholds && !onWall && <AlertThresholds />}
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
          {/* On the wall the board comes first, today's hours under it. */}
          {onWall && hours}
          {!onWall && (
            <div className="grid items-start gap-5 xl:grid-cols-3">
              <Panel title={t('commandCenter.calls.title')} count={floor.liveCalls.length}>
                <LiveCalls calls={floor.liveCalls} selectedCallId={openCallId} onOpenCall={setOpenCallId} />
              </Panel>
              <div className="min-w-0 overflow-hidden rounded-lg bg-white shadow-sm ring-1 ring-gray-200 xl:col-span-2">
                {openCall ? (
                  <CallMonitor key={openCall.id} call={openCall} onClose={() => setOpenCallId(null)} />
                ) : (
                  <p className="px-4 py-6 text-sm text-gray-600">{t('commandCenter.calls.pick')}</p>
                )}
              </div>
            </div>
          )}
        </div>
      )}
    </>
  );

  // The wall covers the navigation and fills the screen (full screen when the browser allows it);
  // the app behind it is inert, so neither the keyboard nor a screen reader wanders into it.
  return onWall
    ? createPortal(
        <section aria-label={t('commandCenter.display.wallLabel')} className="fixed inset-0 z-40 overflow-y-auto bg-gray-50 p-4 sm:p-6" data-wall>
          {content}
        </section>,
        document.body,
      )
    : content;
}
