import { Coffee, PhoneIncoming, Power } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';
import { useSetPresence } from '../hooks/useCallActions';
import { usePresence } from '../hooks/useWorkspaceData';
import { BreakMenu } from './BreakMenu';
import { CALL_STATES, isBreakReason, PRESENCE_DOTS } from './presenceWords';

const segment = 'inline-flex h-8 items-center gap-1.5 px-2.5 text-sm font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-60';
const pressedTone = (on: boolean) => (on ? 'bg-white text-indigo-700 shadow-sm ring-1 ring-gray-200' : 'text-gray-600 hover:text-gray-900');

/**
 * The agent's own state with the time spent in it, and the switch between available, break and
 * offline. In a campaign the campaign bar pauses, resumes and leaves instead, so only the state shows.
 */
export function PresenceControl({ inCampaign = false }: { inCampaign?: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const presence = usePresence();
  const set = useSetPresence();
  const now = useNow(1000);

  if (presence.isPending) return <Skeleton className="h-9 w-72" />;
  if (presence.isError) {
    return (
      <Alert className="py-1">
        {t('workspace.presence.loadError')}{' '}
        <button type="button" className="font-medium underline" onClick={() => void presence.refetch()}>
          {t('common.retry')}
        </button>
      </Alert>
    );
  }

  const p = presence.data;
  const sinceMs = Date.parse(p.since);
  // A never-set state starts at the epoch: no meaningful time to show.
  const elapsed = sinceMs > 0 ? formatClock((now - sinceMs) / 1000) : null;
  const onCall = CALL_STATES.has(p.state);
  const locked = onCall || set.isPending;
  const reason = p.state === 'break' && p.reason ? (isBreakReason(p.reason) ? t(`workspace.presence.reasons.${p.reason}`) : p.reason) : null;

  return (
    <div className="flex flex-col items-stretch gap-1 sm:items-end">
      <div className="flex flex-wrap items-center gap-2">
        <p className="flex items-center gap-1.5 text-sm text-gray-800">
          <span aria-hidden className={cn('size-2.5 rounded-full', PRESENCE_DOTS[p.state])} />
          {/* Only the state is announced when it changes; the ticking time is not. */}
          <span aria-live="polite">
            <span className="sr-only">{t('workspace.presence.label')}: </span>
            <span className="font-semibold" data-presence={p.state}>
              {t(`workspace.presence.states.${p.state}`)}
              {reason && ` (${reason})`}
            </span>
          </span>
          {elapsed && (
            <span className="text-gray-600 tabular-nums" title={t('workspace.presence.timeInState')}>
              <span className="sr-only">{t('workspace.presence.timeInState')} </span>
              {elapsed}
            </span>
          )}
        </p>
        {!inCampaign && (
          <fieldset className="flex rounded-md bg-gray-100 p-0.5" title={onCall ? t('workspace.presence.lockedOnCall') : undefined}>
            <legend className="sr-only">{t('workspace.presence.change')}</legend>
            <button
              type="button"
              className={cn(segment, 'rounded', pressedTone(p.state === 'available'))}
              aria-pressed={p.state === 'available'}
              disabled={locked}
              onClick={() => set.mutate({ state: 'available' })}
            >
              <PhoneIncoming aria-hidden className="size-4" />
              {t('workspace.presence.available')}
            </button>
            <BreakMenu
              label={t('workspace.presence.break')}
              icon={Coffee}
              className={cn(segment, 'rounded', pressedTone(p.state === 'break'))}
              pressed={p.state === 'break'}
              disabled={locked}
              onPick={(reason) => set.mutate({ state: 'break', reason })}
            />
            <button
              type="button"
              className={cn(segment, 'rounded', pressedTone(p.state === 'offline'))}
              aria-pressed={p.state === 'offline'}
              disabled={locked}
              onClick={() => set.mutate({ state: 'offline' })}
            >
              <Power aria-hidden className="size-4" />
              {t('workspace.presence.offline')}
            </button>
          </fieldset>
        )}
      </div>
      {set.isError && <Alert className="py-1">{t('workspace.presence.failed', { message: message(set.error) })}</Alert>}
    </div>
  );
}
