import { Coffee, PhoneIncoming } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { usePresence } from '../hooks/useWorkspaceData';
import type { WorkspaceFlow } from '../hooks/useWorkspaceFlow';

/** Between calls in a campaign whose dialer places them: nothing to press, the next answered call comes by itself. */
export function CampaignWaiting({ flow }: { flow: WorkspaceFlow }) {
  const { t } = useTranslation();
  const presence = usePresence();
  const paused = presence.data?.state === 'break';
  const name = flow.campaign?.name ?? '';
  return (
    <section aria-labelledby="ws-waiting-title" className="rounded-lg border border-gray-200 bg-white" data-waiting={paused ? 'paused' : 'ready'}>
      <div className="flex flex-col items-center px-6 py-10 text-center">
        <span aria-hidden className={paused ? 'mb-3 rounded-full bg-orange-50 p-3' : 'relative mb-3 flex rounded-full bg-emerald-50 p-3'}>
          {paused ? (
            <Coffee className="size-7 text-orange-600" />
          ) : (
            <>
              <span className="absolute inset-0 animate-ping rounded-full bg-emerald-200 opacity-60" />
              <PhoneIncoming className="relative size-7 text-emerald-600" />
            </>
          )}
        </span>
        <h2 id="ws-waiting-title" className="text-base font-semibold text-gray-900" aria-live="polite">
          {paused ? t('workspace.campaign.pausedTitle') : t('workspace.campaign.waitingTitle')}
        </h2>
        <p className="mt-1 max-w-sm text-sm text-gray-600">
          {paused ? t('workspace.campaign.pausedBody', { name }) : t('workspace.campaign.waitingBody', { name })}
        </p>
      </div>
      {(flow.timedOut !== null || flow.endedWithout) && (
        <div className="border-t border-gray-100 p-4">
          {flow.timedOut !== null ? (
            <Alert tone="info">
              <span data-wrap-up-timeout>{t('workspace.campaign.timedOut', { name: flow.timedOut || t('calls.transcript.lead') })}</span>
            </Alert>
          ) : (
            flow.endedWithout && <Alert tone="info">{t('workspace.live.endedWithout', { status: t(`calls.status.${flow.endedWithout}`) })}</Alert>
          )}
        </div>
      )}
    </section>
  );
}
