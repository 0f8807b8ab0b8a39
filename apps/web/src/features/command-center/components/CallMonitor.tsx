import { Ear, MessageSquareQuote, PhoneIncoming, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useNow } from '../../../hooks/useNow';
import { formatClock } from '../../../lib/format';
import { AssistPanel } from '../../assist';
import { useCurrentUser } from '../../auth';
import { CallPageLink, CallStatusBadge, TranscriptList, useCallTranscript, useTelephony } from '../../calls';
import type { LiveCall } from '../api/floorApi';
import { useSupervise } from '../hooks/useFloor';
import { callClock } from './AgentBoard';
import { callStatus } from './LiveCalls';

const MODES = [
  { mode: 'listen', icon: Ear },
  { mode: 'whisper', icon: MessageSquareQuote },
  { mode: 'barge', icon: PhoneIncoming },
] as const;

/** One call followed live: its transcript as it is spoken, and listen / whisper / barge where the provider can. */
export function CallMonitor({ call, onClose }: { call: LiveCall; onClose: () => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const message = useErrorMessage();
  const transcript = useCallTranscript(call.id);
  const telephony = useTelephony();
  const supervise = useSupervise();
  const { abilities } = useCurrentUser();
  const supported = new Set(telephony.data?.supervision ?? []);
  const live = !call.endedAt;
  return (
    <section aria-label={t('commandCenter.calls.monitorTitle', { lead: call.lead.name })} className="flex h-full flex-col">
      <div className="flex items-center gap-3 border-b border-gray-200 px-4 py-2.5">
        <h3 className="min-w-0 flex-1 truncate text-sm font-semibold text-gray-900">
          {t('commandCenter.calls.with', { agent: call.telecaller.name, lead: call.lead.name })}
        </h3>
        <CallStatusBadge status={callStatus(call)} />
        <span className="text-sm text-gray-700 tabular-nums">{formatClock(callClock(call, now))}</span>
        <Button variant="ghost" size="sm" onClick={onClose} aria-label={t('commandCenter.calls.close')}>
          <X aria-hidden className="size-4" />
        </Button>
      </div>
      {live && abilities.superviseCalls && (
        <div className="flex flex-wrap items-center gap-2 border-b border-gray-100 px-4 py-2">
          {supported.size === 0 ? (
            <p className="text-xs text-gray-600" data-supervision-note>
              {telephony.data?.provider === 'exotel' || telephony.data?.provider === 'simulator'
                ? t(`commandCenter.calls.noSupervisionOn.${telephony.data.provider}`)
                : (telephony.data?.supervisionNote ?? t('commandCenter.calls.noSupervision'))}
            </p>
          ) : (
            MODES.filter((m) => supported.has(m.mode)).map(({ mode, icon: Icon }) => (
              <Button key={mode} size="sm" disabled={supervise.isPending} onClick={() => supervise.mutate({ callId: call.id, mode })}>
                <Icon aria-hidden className="size-4" />
                {t(`commandCenter.calls.${mode}`)}
              </Button>
            ))
          )}
          {supervise.isSuccess && (
            <p className="text-xs text-emerald-800">
              {t('commandCenter.calls.supervising', { mode: t(`commandCenter.calls.${supervise.data.mode as 'listen' | 'whisper' | 'barge'}`) })}
            </p>
          )}
        </div>
      )}
      {supervise.isError && (
        <Alert tone="error" className="mx-4 mt-2">
          {t('commandCenter.calls.superviseFailed', { message: message(supervise.error) })}
        </Alert>
      )}
      {transcript.error && (
        <Alert tone="error" className="mx-4 mt-2">
          {message(transcript.error)}
        </Alert>
      )}
      {!live && (
        <p className="flex flex-wrap items-center gap-x-3 px-4 pt-2 text-xs text-gray-600">
          {t('commandCenter.calls.ended')}
          {call.answeredAt && <CallPageLink callId={call.id} className="text-xs" />}
        </p>
      )}
      {transcript.segments.length === 0 && live && <p className="px-4 pt-3 text-sm text-gray-600">{t('calls.transcript.waiting')}</p>}
      <TranscriptList
        segments={transcript.segments}
        agentLabel={call.telecaller.name}
        leadLabel={call.lead.name}
        live={live}
        label={t('calls.transcript.live')}
        className="max-h-96 flex-1 px-4 py-3"
      />
      <div className="border-t border-gray-100 p-3">
        <AssistPanel callId={call.id} live={live} canSuggest={false} />
      </div>
    </section>
  );
}
