import type { InboundCall } from '@telehub/shared';
import { PhoneIncoming, PhoneOff } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { useNow } from '../../../hooks/useNow';
import { formatPhone } from '../../../lib/format';
import { useCurrentUser } from '../../auth';
import { useAnswerOffer } from '../hooks/useInboundOffer';
import { useShortcuts } from '../hooks/useShortcuts';
import { Kbd } from './Kbd';

/** A phone-like ring while the card is up: two short tones every three seconds, through Web Audio (no file to fetch). */
function useRingTone(on: boolean) {
  useEffect(() => {
    if (!on || typeof window === 'undefined' || !('AudioContext' in window)) return;
    let ctx: AudioContext | null = null;
    try {
      ctx = new AudioContext();
    } catch {
      return;
    }
    const audio = ctx;
    const burst = () => {
      if (audio.state === 'suspended') void audio.resume().catch(() => undefined);
      for (const offset of [0, 0.45]) {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = 440;
        gain.gain.value = 0.08;
        osc.connect(gain).connect(audio.destination);
        osc.start(audio.currentTime + offset);
        osc.stop(audio.currentTime + offset + 0.35);
      }
    };
    burst();
    const timer = window.setInterval(burst, 3000);
    return () => {
      window.clearInterval(timer);
      void audio.close().catch(() => undefined);
    };
  }, [on]);
}

/** A system notification when the tab is in the background (where the agent allowed them); clicking it brings the tab back. */
function useCallNotification(offer: InboundCall | null, title: string, body: string) {
  const shown = useRef<string | null>(null);
  useEffect(() => {
    if (!offer || shown.current === offer.callId || typeof Notification === 'undefined') return;
    shown.current = offer.callId;
    if (Notification.permission !== 'granted' || !document.hidden) return;
    const n = new Notification(title, { body, tag: `inbound-${offer.callId}`, requireInteraction: true });
    n.onclick = () => {
      window.focus();
      n.close();
    };
    return () => n.close();
  }, [offer, title, body]);
}

/**
 * An inbound call ringing for the agent: who is calling (their own lead, a lead they do not own,
 * or a new number), the line they rang, how long it rings here before passing on, and Accept (A)
 * or Decline (D). Accepted, the provider joins the agent and the call opens on the desk.
 */
export function InboundOffer({ offer }: { offer: InboundCall }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const { user } = useCurrentUser();
  const now = useNow(250);
  const { accept, reject } = useAnswerOffer();
  const busy = accept.isPending || reject.isPending;
  const left = offer.offerExpiresAt ? Math.max(0, Math.ceil((Date.parse(offer.offerExpiresAt) - now) / 1000)) : null;
  const who = offer.known ? offer.leadName : t('workspace.inbound.newCaller');
  const whose = !offer.known ? 'new' : offer.ownerId && offer.ownerId === user.id ? 'yours' : 'other';

  useRingTone(!busy);
  useCallNotification(offer, t('workspace.inbound.notifyTitle', { name: who }), formatPhone(offer.leadPhone));
  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified || busy) return false;
    const key = e.key.toLowerCase();
    if (key === 'a') accept.mutate(offer.callId);
    else if (key === 'r') reject.mutate(offer.callId);
    else return false;
    return true;
  });

  return (
    // A region, not a dialog: the desk's keys (A, R) stay live while it rings, and the caller is announced at once.
    <section
      aria-labelledby="ws-inbound-title"
      aria-describedby="ws-inbound-who"
      data-inbound-offer={offer.callId}
      className="mb-5 rounded-lg border-2 border-emerald-500 bg-emerald-50 p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-start gap-3">
        <span className="relative mt-0.5 flex size-10 shrink-0 items-center justify-center rounded-full bg-emerald-600 text-white">
          <span aria-hidden className="absolute inset-0 animate-ping rounded-full bg-emerald-500 opacity-40 motion-reduce:hidden" />
          <PhoneIncoming aria-hidden className="relative size-5" />
        </span>
        <div className="min-w-0 flex-1">
          <h2 id="ws-inbound-title" className="text-sm font-semibold text-emerald-900">
            {t('workspace.inbound.title')}
          </h2>
          <p id="ws-inbound-who" aria-live="assertive" className="text-lg font-semibold break-words text-gray-900">
            {who} <span className="text-sm font-normal text-gray-700 tabular-nums">{formatPhone(offer.leadPhone)}</span>
          </p>
          <p className="text-xs text-gray-700">
            {t(`workspace.inbound.whose.${whose}`)} · {t('workspace.inbound.line', { line: formatPhone(offer.line) })}
            {offer.language === 'hi' && ` · ${t('workspace.inbound.hindi')}`}
          </p>
          {left !== null && (
            <p className="mt-1 text-xs text-emerald-900 tabular-nums" aria-live="off">
              {t('workspace.inbound.left', { count: left, n: left.toLocaleString(lng) })}
            </p>
          )}
        </div>
        <div className="flex w-full gap-2 sm:w-auto">
          <Button variant="primary" className="flex-1 sm:flex-none" disabled={busy} onClick={() => accept.mutate(offer.callId)} aria-keyshortcuts="A">
            <PhoneIncoming aria-hidden className="size-4" />
            {t('workspace.inbound.accept')}
            <Kbd decorative className="border-indigo-400 bg-indigo-500 text-white">
              A
            </Kbd>
          </Button>
          <Button className="flex-1 sm:flex-none" variant="secondary" disabled={busy} onClick={() => reject.mutate(offer.callId)} aria-keyshortcuts="R">
            <PhoneOff aria-hidden className="size-4" />
            {t('workspace.inbound.decline')}
            <Kbd decorative>R</Kbd>
          </Button>
        </div>
      </div>
      {(accept.isError || reject.isError) && (
        <Alert tone="error" className="mt-3">
          {t('workspace.inbound.failed', { message: message(accept.error ?? reject.error) })}
        </Alert>
      )}
    </section>
  );
}
