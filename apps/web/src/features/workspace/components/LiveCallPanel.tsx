import type { CallWithLead } from '@telehub/shared';
import { PhoneOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useNow } from '../../../hooks/useNow';
import { cn } from '../../../lib/cn';
import { formatClock } from '../../../lib/format';
import { useTelephony } from '../../calls';
import { useShortcuts } from '../hooks/useShortcuts';
import { InCallControls } from './InCallControls';
import { Kbd } from './Kbd';

/** Seconds since an instant, never below zero (the browser's clock may be a little behind the server's). */
const since = (iso: string | null, now: number) => (iso ? Math.max(0, (now - Date.parse(iso)) / 1000) : 0);

/** The call while it runs: its state, a timer (ring time, then talk time), and hang-up. */
export function LiveCallPanel({ call, onHangup, hangingUp, error }: { call: CallWithLead; onHangup: () => void; hangingUp: boolean; error: unknown }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const telephony = useTelephony();
  const now = useNow(500);
  const talking = call.status === 'in_progress';
  const seconds = talking ? since(call.answeredAt, now) : since(call.startedAt ?? call.createdAt, now);
  const canHangUp = telephony.data?.canHangUp !== false;

  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified || !canHangUp) return false;
    if (e.key === 'h' || e.key === 'H' || e.key === 'Escape') {
      if (!hangingUp) onHangup();
      return true;
    }
    return false;
  });

  return (
    <div className="space-y-3">
      <div className="flex items-center justify-between gap-3">
        <div className="flex items-center gap-2.5">
          <span aria-hidden className="relative flex size-3">
            <span className={cn('absolute inline-flex size-full animate-ping rounded-full opacity-60', talking ? 'bg-emerald-400' : 'bg-amber-400')} />
            <span className={cn('relative inline-flex size-3 rounded-full', talking ? 'bg-emerald-500' : 'bg-amber-500')} />
          </span>
          <p role="status" className="text-base font-semibold text-gray-900" data-call-status={call.status}>
            {t(`calls.status.${call.status}`)}
          </p>
        </div>
        <p className="text-2xl font-semibold text-gray-900 tabular-nums">
          <span className="sr-only">{talking ? t('workspace.live.talkTime') : t('workspace.live.ringTime')}: </span>
          <time>{formatClock(seconds)}</time>
        </p>
      </div>
      <InCallControls call={call} />
      {canHangUp ? (
        <Button variant="danger" className="h-11 w-full text-base" onClick={onHangup} disabled={hangingUp} aria-keyshortcuts="H Escape">
          {hangingUp ? <Spinner className="size-5" /> : <PhoneOff aria-hidden className="size-5" />}
          {hangingUp ? t('workspace.live.hangingUp') : t('workspace.live.hangup')}
          <span aria-hidden className="ml-1 hidden gap-1 sm:inline-flex">
            <Kbd decorative className="border-red-400 bg-red-500 text-white">
              H
            </Kbd>
          </span>
        </Button>
      ) : (
        <Alert tone="info">{t('workspace.live.hangupOnPhone')}</Alert>
      )}
      {error !== null && error !== undefined && <Alert>{t('workspace.live.hangupFailed', { message: message(error) })}</Alert>}
    </div>
  );
}
