import { LogIn, LogOut, Megaphone, Pause, Play } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useCurrentUser } from '../../auth';
import { useCampaigns } from '../../campaigns';
import { useSetPresence } from '../hooks/useCallActions';
import type { useMyCampaign } from '../hooks/useMyCampaign';
import { usePresence } from '../hooks/useWorkspaceData';
import { BreakMenu } from './BreakMenu';
import { joinable } from './campaignChoice';
import { CALL_STATES } from './presenceWords';

type Notice = { kind: 'removed'; name: string } | { kind: 'moved' } | null;

/**
 * Which campaign the agent works: choose a running one and join, pause with a reason, resume, or
 * leave for click-to-call. When a manager moves the agent, or the campaign stops, it says so.
 */
export function CampaignBar({ my }: { my: ReturnType<typeof useMyCampaign> }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const { user } = useCurrentUser();
  const presence = usePresence();
  const set = useSetPresence();
  const campaigns = useCampaigns(60_000);
  const options = joinable(campaigns.data?.items ?? [], user.id, user.teamId);
  const [chosen, setChosen] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const mine = useRef(false);
  /** The campaign last seen, once the agent's presence has loaded (before that there is nothing to compare). */
  const last = useRef<{ id: string | null; name: string | null } | null>(null);
  const loaded = presence.data !== undefined;

  // A change of campaign the agent did not ask for: a manager moved them, or the campaign stopped.
  useEffect(() => {
    if (!loaded) return;
    const before = last.current;
    if (!before) {
      last.current = { id: my.campaignId, name: my.campaign?.name ?? null };
      return;
    }
    if (before.id !== my.campaignId && !mine.current) {
      if (my.campaignId === null && before.id) setNotice({ kind: 'removed', name: before.name ?? '' });
      else if (my.campaignId) setNotice({ kind: 'moved' });
    }
    if (before.id !== my.campaignId) mine.current = false;
    last.current = { id: my.campaignId, name: my.campaign?.name ?? (before.id === my.campaignId ? before.name : null) };
  }, [loaded, my.campaignId, my.campaign?.name]);

  const p = presence.data;
  const onCall = p ? CALL_STATES.has(p.state) : false;
  const busy = set.isPending || !p;
  // A pause or leaving waits for the call the agent is on, or for a line the dialer has out for them (the server decides).
  const act = (body: Parameters<typeof set.mutate>[0]) => {
    mine.current = true;
    setNotice(null);
    set.mutate(body, { onError: () => (mine.current = false) });
  };
  const pick = chosen && options.some((c) => c.id === chosen) ? chosen : (options[0]?.id ?? '');
  const segment = buttonClass('secondary', 'sm');

  return (
    <section aria-label={t('workspace.campaign.label')} className="mb-4 space-y-2" data-campaign-bar={my.campaignId ?? 'none'}>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-2 rounded-lg border border-gray-200 bg-white px-4 py-2.5">
        <Megaphone aria-hidden className="size-4 shrink-0 text-indigo-600" />
        {my.campaignId ? (
          <>
            <p className="min-w-48 flex-1 text-sm text-gray-800">
              <span className="text-gray-600">{t('workspace.campaign.in')} </span>
              <span className="font-semibold text-gray-900" data-my-campaign={my.campaign?.name}>
                {my.campaign?.name ?? '…'}
              </span>
              {my.campaign && (
                <span className="ml-2 rounded bg-indigo-50 px-1.5 py-px text-xs font-medium text-indigo-800">
                  {t(`campaigns.mode.${my.campaign.dialMode}`)}
                </span>
              )}
              {my.campaign?.status === 'paused' && <span className="ml-2 text-xs font-medium text-amber-800">{t('workspace.campaign.campaignPaused')}</span>}
            </p>
            <div className="flex flex-wrap gap-2">
              {p?.state === 'break' ? (
                <Button size="sm" variant="primary" disabled={busy || onCall} onClick={() => act({ state: 'available', campaignId: my.campaignId })}>
                  <Play aria-hidden className="size-4" />
                  {t('workspace.campaign.resume')}
                </Button>
              ) : (
                <BreakMenu
                  label={t('workspace.campaign.pause')}
                  icon={Pause}
                  className={segment}
                  disabled={busy}
                  onPick={(reason) => act({ state: 'break', reason, afterCall: true })}
                />
              )}
              <Button
                size="sm"
                variant="ghost"
                disabled={busy}
                onClick={() => act({ state: 'available', campaignId: null, afterCall: true })}
                title={onCall ? t('workspace.presence.afterCallTitle') : undefined}
              >
                <LogOut aria-hidden className="size-4" />
                {t('workspace.campaign.leave')}
              </Button>
            </div>
          </>
        ) : campaigns.isPending ? (
          <Skeleton className="h-8 w-64" />
        ) : campaigns.isError ? (
          <p className="text-sm text-gray-600">
            {t('workspace.campaign.loadError')}{' '}
            <button type="button" className="font-medium text-indigo-700 underline" onClick={() => void campaigns.refetch()}>
              {t('common.retry')}
            </button>
          </p>
        ) : options.length === 0 ? (
          <p className="text-sm text-gray-600">{t('workspace.campaign.none')}</p>
        ) : (
          <>
            <span className="text-sm font-medium text-gray-800">{t('workspace.campaign.choose')}</span>
            <div className="w-full min-w-0 sm:w-64">
              <Select
                size="sm"
                aria-label={t('workspace.campaign.choose')}
                value={pick}
                onValueChange={setChosen}
                options={options.map((c) => ({ value: c.id, label: c.name, hint: t(`campaigns.mode.${c.dialMode}`) }))}
              />
            </div>
            <Button size="sm" variant="primary" disabled={busy || !pick} onClick={() => act({ state: 'available', campaignId: pick })}>
              {set.isPending ? <Spinner /> : <LogIn aria-hidden className="size-4" />}
              {t('workspace.campaign.join')}
            </Button>
          </>
        )}
      </div>
      {my.query.isError && my.campaignId && (
        <Alert>
          {t('workspace.campaign.loadOneError', { message: message(my.query.error) })}{' '}
          <button type="button" className="font-medium underline" onClick={() => void my.query.refetch()}>
            {t('common.retry')}
          </button>
        </Alert>
      )}
      {set.isError && <Alert>{t('workspace.campaign.failed', { message: message(set.error) })}</Alert>}
      {notice && (
        <Alert tone="info">
          {notice.kind === 'removed'
            ? t('workspace.campaign.removed', { name: notice.name })
            : t('workspace.campaign.moved', { name: my.campaign?.name ?? '…' })}
        </Alert>
      )}
    </section>
  );
}
