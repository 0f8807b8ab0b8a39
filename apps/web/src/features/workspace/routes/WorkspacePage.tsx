import { useTranslation } from 'react-i18next';
import { LiveBadge } from '../../../components/LiveBadge';
import { PageHeader } from '../../../components/PageHeader';
import { useDispositions, useTelephony } from '../../calls';
import { CallAlertsButton } from '../components/CallAlertsButton';
import { CallAssist } from '../components/CallAssist';
import { CallbackDueBanner } from '../components/CallbackDueBanner';
import { CallbacksPanel } from '../components/CallbacksPanel';
import { CallDesk } from '../components/CallDesk';
import { CampaignBar } from '../components/CampaignBar';
import { InboundOffer } from '../components/InboundOffer';
import { Lead360 } from '../components/Lead360';
import { LiveTranscript } from '../components/LiveTranscript';
import { PresenceControl } from '../components/PresenceControl';
import { ScriptPanel } from '../components/ScriptPanel';
import { ShortcutLegend } from '../components/ShortcutLegend';
import { TeamQueuePanel } from '../components/TeamQueuePanel';
import { TodayStats } from '../components/TodayStats';
import { useInboundOffer } from '../hooks/useInboundOffer';
import { useMyCampaign } from '../hooks/useMyCampaign';
import { useWorkspaceFlow } from '../hooks/useWorkspaceFlow';
import { useWorkspaceLive } from '../hooks/useWorkspaceLive';

/**
 * The telecaller's desk: the next lead and its history, the call, the wrap-up, callbacks and
 * today's numbers. It stays current over the shared socket (one channel for the page). In a
 * campaign, the campaign's script stands beside the call; where the dialer places the calls,
 * each answered one opens here by itself.
 */
export function WorkspacePage() {
  const { t } = useTranslation();
  useWorkspaceLive();
  const my = useMyCampaign();
  const inbound = useInboundOffer();
  const flow = useWorkspaceFlow(my.mode, my.campaign, inbound);
  // The same outcomes the wrap-up form offers: those of the call's campaign.
  const dispositions = useDispositions(flow.call?.campaignId ?? null);
  const telephony = useTelephony();
  const keys = (dispositions.data?.items ?? []).map((d) => d.key.toUpperCase());
  const contiguous = keys.every((k, i) => i === 0 || k.charCodeAt(0) === (keys[i - 1] ?? '').charCodeAt(0) + 1);
  const dispositionKeys = keys.length > 1 ? (contiguous ? `${keys[0]}–${keys.at(-1)}` : keys.join(' ')) : (keys[0] ?? '1');
  const legendPhase = flow.phase === 'live' ? 'live' : flow.phase === 'wrapUp' ? 'wrapUp' : 'idle';
  const showLead = flow.lead.data && flow.lead.data.id === flow.leadId ? flow.lead.data : null;
  // In a campaign the script stays in view, between calls too: the agent reads it before the next one.
  const script = my.campaign?.script ?? [];

  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        documentTitle={t('workspace.title')}
        actions={
          <>
            <LiveBadge />
            <TodayStats />
            {telephony.data?.inbound && <CallAlertsButton />}
            <PresenceControl inCampaign={my.campaignId !== null} />
          </>
        }
      />
      <CampaignBar my={my} />
      {inbound.offer && <InboundOffer key={inbound.offer.callId} offer={inbound.offer} />}
      <CallbackDueBanner currentLeadId={flow.leadId} canCall={flow.phase === 'idle' && !flow.dialing && my.mode !== 'auto'} onCallNow={flow.callNow} />
      {/* Three blocks: on a phone the call, then what goes with it (script, transcript, lead), then callbacks; side by side from lg. */}
      <div className="grid items-start gap-5 lg:grid-cols-5 lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 lg:col-span-2 lg:col-start-1 lg:row-start-1">
          <CallDesk flow={flow} />
        </div>
        <div className="min-w-0 space-y-5 lg:col-span-3 lg:col-start-3 lg:row-span-2 lg:row-start-1">
          {/* Every call, and the wait before it, opens the script at its first stage (not where the last call left it). */}
          {script.length > 0 && <ScriptPanel key={`${my.campaign?.id}:${flow.call?.id ?? 'between'}`} script={script} />}
          {flow.call && (
            <div className="grid gap-5 xl:grid-cols-2">
              <LiveTranscript call={flow.call} />
              <CallAssist call={flow.call} />
            </div>
          )}
          {showLead && <Lead360 key={showLead.id} lead={showLead} />}
        </div>
        <div className="min-w-0 space-y-5 lg:col-span-2 lg:col-start-1 lg:row-start-2">
          <CallbacksPanel currentLeadId={flow.leadId} />
          <TeamQueuePanel />
          {showLead && !flow.ringing && (
            <ShortcutLegend
              phase={legendPhase}
              dispositionKeys={dispositionKeys}
              canSkip={flow.skip !== undefined}
              canDial={my.mode !== 'auto' || flow.openedId !== null}
              script={script.length > 1}
            />
          )}
        </div>
      </div>
    </>
  );
}
