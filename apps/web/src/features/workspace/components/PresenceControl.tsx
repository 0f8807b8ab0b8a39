import type { Presence } from '@telehub/shared';
import { Coffee, PhoneIncoming, Power, Undo2 } from 'lucide-react';
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

/** A preset break reason in the page's language; one the agent typed, as typed. */
function useReasonWords() {
  const { t } = useTranslation();
  return (reason: string) => (isBreakReason(reason) ? t(`workspace.presence.reasons.${reason}`) : reason);
}

/** The move the agent asked for, taken once their call (or the line dialled for them) is done, with a way to stay. */
function NextMove({ p, onStay, disabled }: { p: Presence; onStay: () => void; disabled: boolean }) {
  const { t } = useTranslation();
  const words = useReasonWords();
  const next = p.next;
  if (!next) return null;
  const onCall = CALL_STATES.has(p.state);
  const kind = next.state === 'available' ? 'leave' : next.state;
  const reason = next.reason ? words(next.reason) : '';
  return (
    <p
      className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md bg-amber-50 px-2 py-1 text-sm text-amber-900 ring-1 ring-amber-200"
      data-next-move={next.state}
    >
      <span aria-live="polite">{t(`workspace.presence.next.${kind}${onCall ? '' : 'Lines'}`, { reason })}</span>
      <button
        type="button"
        className="inline-flex items-center gap-1 font-medium text-amber-900 underline disabled:opacity-60"
        disabled={disabled}
        onClick={onStay}
      >
        <Undo2 aria-hidden className="size-3.5" />
        {t('workspace.presence.next.stay')}
      </button>
    </p>
  );
}

/**
 * The agent's own state with the time spent in it, and the switch between available, break and
 * offline. In a campaign the campaign bar pauses, resumes and leaves instead, so only the state shows.
 * On a call, a break or going offline is asked for after it; the move waiting shows, with a way to stay.
 */
export function PresenceControl({ inCampaign = false }: { inCampaign?: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const presence = usePresence();
  const set = useSetPresence();
  const now = useNow(1000);
  const words = useReasonWords();

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
  // On a call only what comes after it can change.
  const afterCall = onCall ? { afterCall: true } : {};
  const reason = p.state === 'break' && p.reason ? words(p.reason) : null;

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
          <fieldset className="flex rounded-md bg-gray-100 p-0.5" title={onCall ? t('workspace.presence.afterCallTitle') : undefined}>
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
              pressed={p.state === 'break' || p.next?.state === 'break'}
              disabled={set.isPending}
              onPick={(reason) => set.mutate({ state: 'break', reason, ...afterCall })}
            />
            <button
              type="button"
              className={cn(segment, 'rounded', pressedTone(p.state === 'offline' || p.next?.state === 'offline'))}
              aria-pressed={p.state === 'offline' || p.next?.state === 'offline'}
              disabled={set.isPending}
              onClick={() => set.mutate({ state: 'offline', ...afterCall })}
            >
              <Power aria-hidden className="size-4" />
              {t('workspace.presence.offline')}
            </button>
          </fieldset>
        )}
      </div>
      <NextMove p={p} disabled={set.isPending} onStay={() => set.mutate({ state: 'available', afterCall: true })} />
      {set.isError && <Alert className="py-1">{t('workspace.presence.failed', { message: message(set.error) })}</Alert>}
    </div>
  );
}
