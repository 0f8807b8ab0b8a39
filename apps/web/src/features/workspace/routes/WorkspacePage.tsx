import { useTranslation } from 'react-i18next';
import { LiveBadge } from '../../../components/LiveBadge';
import { PageHeader } from '../../../components/PageHeader';
import { useDispositions } from '../../calls';
import { CallbackDueBanner } from '../components/CallbackDueBanner';
import { CallbacksPanel } from '../components/CallbacksPanel';
import { CallDesk } from '../components/CallDesk';
import { Lead360 } from '../components/Lead360';
import { LiveTranscript } from '../components/LiveTranscript';
import { PresenceControl } from '../components/PresenceControl';
import { ShortcutLegend } from '../components/ShortcutLegend';
import { TodayStats } from '../components/TodayStats';
import { useWorkspaceFlow } from '../hooks/useWorkspaceFlow';
import { useWorkspaceLive } from '../hooks/useWorkspaceLive';

/**
 * The telecaller's desk: the next lead and its history, the call, the wrap-up, callbacks and
 * today's numbers. It stays current over the shared socket (one channel for the page).
 */
export function WorkspacePage() {
  const { t } = useTranslation();
  useWorkspaceLive();
  const flow = useWorkspaceFlow();
  const dispositions = useDispositions();
  const keys = (dispositions.data?.items ?? []).map((d) => d.key.toUpperCase());
  const dispositionKeys = keys.length > 1 ? `${keys[0]}–${keys.at(-1)}` : (keys[0] ?? '1');
  const legendPhase = flow.phase === 'live' ? 'live' : flow.phase === 'wrapUp' ? 'wrapUp' : 'idle';
  const showLead = flow.lead.data && flow.lead.data.id === flow.leadId ? flow.lead.data : null;

  return (
    <>
      <PageHeader
        title={t('workspace.title')}
        documentTitle={t('workspace.title')}
        actions={
          <>
            <LiveBadge />
            <TodayStats />
            <PresenceControl />
          </>
        }
      />
      <CallbackDueBanner currentLeadId={flow.leadId} canCall={flow.phase === 'idle' && !flow.dialing} onCallNow={flow.callNow} />
      <div className="grid items-start gap-5 lg:grid-cols-5">
        <div className="min-w-0 space-y-5 lg:col-span-2">
          <CallDesk flow={flow} />
          <CallbacksPanel currentLeadId={flow.leadId} />
          {showLead && <ShortcutLegend phase={legendPhase} dispositionKeys={dispositionKeys} canSkip={flow.skip !== undefined} />}
        </div>
        <div className="min-w-0 space-y-5 lg:col-span-3">
          {flow.call && <LiveTranscript call={flow.call} />}
          {showLead && <Lead360 key={showLead.id} lead={showLead} />}
        </div>
      </div>
    </>
  );
}
