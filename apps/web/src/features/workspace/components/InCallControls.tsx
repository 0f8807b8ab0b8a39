import type { CallControls, CallWithLead } from '@telehub/shared';
import { Mic, MicOff, Pause, PhoneForwarded, PhoneOutgoing, Play } from 'lucide-react';
import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button, buttonClass } from '../../../components/ui/Button';
import { Skeleton } from '../../../components/ui/Skeleton';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useCurrentUser } from '../../auth';
import { useCallControl, useInCallControls, useRedial } from '../hooks/useInCall';
import { useShortcuts } from '../hooks/useShortcuts';
import { closedBecause, controlError, type InCallControl } from './inCallWords';
import { Kbd } from './Kbd';
import { KeypadPopover } from './KeypadPopover';
import { RedialDialog } from './RedialDialog';
import { TransferDialog } from './TransferDialog';

const MAIN: InCallControl[] = ['mute', 'hold', 'dtmf', 'transfer'];

/**
 * The agent's controls on the live call: mute (M) and hold (P) as toggles, keypad tones, transfer
 * to a colleague (warm or cold) and another of the lead's numbers. What the provider cannot do is
 * shown disabled with the reason in plain words; the state comes from the server, so a reload
 * shows it as it is. M and P are free on the live desk (H and Esc hang up, R asks for a reply,
 * [ and ] step the script).
 */
export function InCallControls({ call }: { call: CallWithLead }) {
  const { t } = useTranslation();
  const fallback = useErrorMessage();
  const { user } = useCurrentUser();
  const controls = useInCallControls(call);
  const act = useCallControl(call.id);
  const redial = useRedial(call);
  const [dialog, setDialog] = useState<'transfer' | 'redial' | null>(null);
  const id = useId();
  const s = controls.data;
  const busy = act.isPending;

  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified || !s || busy) return false;
    const key = e.key.toLowerCase();
    if (key === 'm' && s.can.mute.ok) act.mutate({ action: s.muted ? 'unmute' : 'mute' });
    else if (key === 'p' && s.can.hold.ok) act.mutate({ action: s.held ? 'unhold' : 'hold' });
    else return false;
    return true;
  });

  if (controls.isPending) {
    return (
      <div role="status" aria-label={t('inCall.loading')} className="grid grid-cols-2 gap-2">
        {MAIN.map((c) => (
          <Skeleton key={c} className="h-11" />
        ))}
      </div>
    );
  }
  if (controls.isError || !s) {
    return (
      <Alert>
        {t('inCall.loadError')}{' '}
        <button type="button" className="font-medium underline" onClick={() => void controls.refetch()}>
          {t('inCall.retry')}
        </button>
      </Alert>
    );
  }

  const why = (c: InCallControl) => closedBecause(t, s, c, s.can[c]);
  // Closed for the provider's sake, all four main controls say it once, plainly.
  const providerSays = MAIN.every((c) => s.can[c].reason === 'provider') ? why('mute') : null;
  const reasons = [...new Set(MAIN.map(why).filter((r): r is string => r !== null && r !== providerSays))];
  const reasonId = (c: InCallControl) => {
    const r = why(c);
    if (r === null) return undefined;
    return r === providerSays ? `${id}-provider` : `${id}-why-${reasons.indexOf(r)}`;
  };
  const failure = act.error ? controlError(t, act.error, fallback) : null;
  const handedOver = s.agentId !== null && s.agentId !== user.id;

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-2" data-in-call-controls data-muted={s.muted} data-held={s.held}>
      <h3 id={`${id}-title`} className="sr-only">
        {t('inCall.title')}
      </h3>
      {handedOver && <Alert tone="info">{t('inCall.handedOver', { name: s.agentName ?? '' })}</Alert>}
      {providerSays && (
        <p id={`${id}-provider`} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {providerSays}
        </p>
      )}
      <div className="grid grid-cols-2 gap-2">
        <Toggle
          pressed={s.muted}
          disabled={!s.can.mute.ok || busy}
          describedBy={reasonId('mute')}
          shortcut="M"
          onClick={() => act.mutate({ action: s.muted ? 'unmute' : 'mute' })}
          icon={s.muted ? <MicOff aria-hidden className="size-4" /> : <Mic aria-hidden className="size-4" />}
          label={t('inCall.mute')}
        />
        <Toggle
          pressed={s.held}
          disabled={!s.can.hold.ok || busy}
          describedBy={reasonId('hold')}
          shortcut="P"
          onClick={() => act.mutate({ action: s.held ? 'unhold' : 'hold' })}
          icon={s.held ? <Play aria-hidden className="size-4" /> : <Pause aria-hidden className="size-4" />}
          label={t('inCall.hold')}
        />
        <KeypadPopover
          disabled={!s.can.dtmf.ok}
          describedBy={reasonId('dtmf')}
          sending={busy}
          onSend={(digits, done) => act.mutate({ action: 'dtmf', digits }, { onSuccess: done })}
        />
        <Button
          className="h-11"
          disabled={!s.can.transfer.ok || s.transfer !== null || busy}
          aria-describedby={reasonId('transfer')}
          onClick={() => {
            act.reset();
            setDialog('transfer');
          }}
        >
          <PhoneForwarded aria-hidden className="size-4" />
          {t('inCall.transfer')}
        </Button>
      </div>
      {(s.muted || s.held) && (
        <div role="status" className="space-y-0.5 text-sm font-medium text-amber-800">
          {s.muted && <p>{t('inCall.muted')}</p>}
          {s.held && <p>{t('inCall.held')}</p>}
        </div>
      )}
      {s.transfer && (
        <div className="space-y-2 rounded-md bg-indigo-50 p-3 ring-1 ring-indigo-200" data-consulting={s.transfer.toUserId}>
          <p className="text-sm text-indigo-900">{t('inCall.consult.talking', { name: s.transfer.toName })}</p>
          <div className="flex flex-wrap gap-2">
            <Button variant="primary" disabled={busy} onClick={() => act.mutate({ action: 'transfer_complete' })}>
              {t('inCall.consult.complete', { name: s.transfer.toName })}
            </Button>
            <Button disabled={busy} onClick={() => act.mutate({ action: 'transfer_cancel' })}>
              {t('inCall.consult.cancel')}
            </Button>
          </div>
        </div>
      )}
      {reasons.length > 0 && (
        <ul className="space-y-0.5 text-xs text-gray-600">
          {reasons.map((r, i) => (
            <li key={r} id={`${id}-why-${i}`}>
              {r}
            </li>
          ))}
        </ul>
      )}
      {s.digitsSent && (
        <p className="text-xs text-gray-600" data-digits-sent={s.digitsSent}>
          {t('inCall.digitsSent', { digits: s.digitsSent })}
        </p>
      )}
      {failure && dialog === null && <Alert>{t('inCall.failed', { message: failure })}</Alert>}
      <Redial state={s} busy={busy} onOpen={() => setDialog('redial')} reasonText={why('redial')} reasonId={`${id}-why-redial`} />
      {dialog === 'transfer' && (
        <TransferDialog
          callId={call.id}
          onClose={() => setDialog(null)}
          pending={busy}
          error={failure}
          onTransfer={(toUserId, mode) => act.mutate({ action: 'transfer', toUserId, mode }, { onSuccess: () => setDialog(null) })}
        />
      )}
      {dialog === 'redial' && (
        <RedialDialog
          call={call}
          numbers={s.numbers}
          onClose={() => setDialog(null)}
          pending={redial.isPending}
          error={redial.error ? controlError(t, redial.error, fallback) : null}
          onRedial={(body) => redial.mutate(body, { onSuccess: () => setDialog(null) })}
        />
      )}
    </section>
  );
}

/** A control that stays pressed (mute, hold): aria-pressed says which way it is. */
function Toggle({
  pressed,
  disabled,
  describedBy,
  shortcut,
  onClick,
  icon,
  label,
}: {
  pressed: boolean;
  disabled: boolean;
  describedBy?: string;
  shortcut: string;
  onClick: () => void;
  icon: ReactNode;
  label: string;
}) {
  return (
    <button
      type="button"
      // Pressed, it stands out in amber: the lead cannot hear the agent, or is waiting with music.
      className={
        pressed
          ? 'inline-flex h-11 shrink-0 items-center justify-center gap-2 whitespace-nowrap rounded-md bg-amber-100 px-3.5 font-medium text-amber-900 text-sm shadow-sm ring-1 ring-amber-400 ring-inset transition-colors hover:bg-amber-200 disabled:cursor-not-allowed disabled:opacity-70'
          : buttonClass('secondary', 'md', 'h-11')
      }
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut}
      aria-describedby={describedBy}
      disabled={disabled}
      onClick={onClick}
    >
      {icon}
      {label}
      <span aria-hidden className="ml-1 hidden sm:inline-flex">
        <Kbd decorative>{shortcut}</Kbd>
      </span>
    </button>
  );
}

/** Another of the lead's numbers: offered when the lead has one, with the reason when it cannot be used now. */
function Redial({
  state,
  busy,
  onOpen,
  reasonText,
  reasonId,
}: {
  state: CallControls;
  busy: boolean;
  onOpen: () => void;
  reasonText: string | null;
  reasonId: string;
}) {
  const { t } = useTranslation();
  if (state.can.redial.reason === 'no_numbers' || state.can.redial.reason === 'not_yours') return null;
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
      <Button variant="ghost" size="sm" disabled={!state.can.redial.ok || busy} aria-describedby={reasonText ? reasonId : undefined} onClick={onOpen}>
        {busy ? <Spinner /> : <PhoneOutgoing aria-hidden className="size-4" />}
        {t('inCall.redial')}
      </Button>
      {reasonText && (
        <span id={reasonId} className="text-xs text-gray-600">
          {reasonText}
        </span>
      )}
    </div>
  );
}
