import type { Lead, SkipReason } from '@telehub/shared';
import { Coffee, Phone, PhoneOff, Power } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { dialBlockReason } from '../../calls';
import { useSetPresence } from '../hooks/useCallActions';
import { useShortcuts } from '../hooks/useShortcuts';
import { usePresence } from '../hooks/useWorkspaceData';
import { Kbd } from './Kbd';
import { KEY_LABELS } from './keyLabels';
import { SkipMenu } from './SkipMenu';

/** The big Dial button, Skip (with its reason), and why a dial was refused (with the consent way out where there is one). */
export function DialControls({
  lead,
  onDial,
  onSkip,
  dialing,
  skipping = false,
  error,
  skipError,
}: {
  lead: Lead;
  onDial: (consentGiven?: boolean) => void;
  /** Absent when the lead was opened by hand (there is nothing to skip to). */
  onSkip?: (reason: SkipReason, note?: string) => void;
  dialing: boolean;
  /** A skip is being recorded. */
  skipping?: boolean;
  error: unknown;
  skipError?: unknown;
}) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const reason = error ? dialBlockReason(error) : null;
  const presence = usePresence();
  const setPresence = useSetPresence();
  // Signed off or on a break: the server refuses the dial, so the button waits for Available.
  const away = presence.data?.state === 'offline' || presence.data?.state === 'break' ? presence.data.state : null;
  const canDial = !lead.dnd && !dialing && !skipping && !away;
  const [asking, setAsking] = useState(false);

  useShortcuts((e, ctx) => {
    if (ctx.typing || ctx.modified) return false;
    if ((e.key === ' ' && !ctx.onControl) || e.key === 'd' || e.key === 'D') {
      if (canDial) onDial();
      return true;
    }
    if ((e.key === 's' || e.key === 'S') && onSkip && !dialing && !skipping) {
      setAsking(true);
      return true;
    }
    return false;
  });

  return (
    <div className="space-y-3">
      <div className="flex gap-2">
        <Button
          variant="primary"
          className="h-12 flex-1 text-base"
          onClick={() => onDial()}
          disabled={!canDial}
          aria-describedby={lead.dnd ? 'ws-dial-off' : away ? 'ws-dial-away' : undefined}
          aria-keyshortcuts="Space D"
        >
          {dialing ? <Spinner className="size-5" /> : lead.dnd ? <PhoneOff aria-hidden className="size-5" /> : <Phone aria-hidden className="size-5" />}
          {dialing ? t('workspace.dial.starting') : t('workspace.dial.button')}
          {!dialing && !lead.dnd && (
            <span aria-hidden className="ml-1 hidden items-center gap-1 sm:inline-flex">
              <Kbd decorative className="border-indigo-400 bg-indigo-500 text-white">
                {KEY_LABELS.space}
              </Kbd>
            </span>
          )}
        </Button>
        {onSkip && (
          <SkipMenu
            open={asking}
            onOpenChange={setAsking}
            disabled={dialing || skipping}
            busy={skipping}
            onPick={(reason, note) => {
              setAsking(false);
              onSkip(reason, note);
            }}
          />
        )}
      </div>
      {lead.dnd && (
        <p id="ws-dial-off" className="flex items-start gap-2 text-sm text-red-800">
          <PhoneOff aria-hidden className="mt-0.5 size-4 shrink-0" />
          {t('workspace.dial.dndOff')}
        </p>
      )}
      {away && !lead.dnd && (
        <div id="ws-dial-away" className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          {away === 'break' ? <Coffee aria-hidden className="size-4 shrink-0" /> : <Power aria-hidden className="size-4 shrink-0" />}
          <span className="flex-1">{t(away === 'break' ? 'workspace.dial.notReadyBreak' : 'workspace.dial.notReadyOffline')}</span>
          <Button size="sm" variant="secondary" onClick={() => setPresence.mutate({ state: 'available' })} disabled={setPresence.isPending}>
            {t('workspace.dial.goAvailable')}
          </Button>
        </div>
      )}
      {skipError !== null && skipError !== undefined && <Alert>{t('wrapUp.skip.failed', { message: message(skipError) })}</Alert>}
      {error !== null && error !== undefined && (
        <Alert>
          <p className="font-semibold">{reason ? t('calls.blocked.title') : t('workspace.dial.failed')}</p>
          <p>{reason ? t(`calls.blocked.${reason}`, { timezone: lead.timezone }) : message(error)}</p>
          {reason === 'consent_required' && (
            <Button size="sm" variant="secondary" className="mt-2" onClick={() => onDial(true)} disabled={dialing}>
              {t('calls.blocked.consent')}
            </Button>
          )}
        </Alert>
      )}
    </div>
  );
}
