import type { CallWithLead } from '@telehub/shared';
import { ChevronDown, PhoneCall } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative, formatTalkTime } from '../../../lib/format';
import { useDispositions, useLeadCalls } from '../hooks/useCallLists';
import { useTranscript } from '../hooks/useTranscript';
import { CallAnalysisPanel } from './CallAnalysisPanel';
import { CallPageLink } from './CallBrief';
import { CallStatusBadge } from './CallStatusBadge';
import { dispositionText } from './dispositionLabel';
import { RecordingPlayer } from './RecordingPlayer';
import { TranscriptList } from './TranscriptList';

function Transcript({ call }: { call: CallWithLead }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const transcript = useTranscript(call.id);
  if (transcript.isPending) return <Skeleton className="h-16 w-full" />;
  if (transcript.isError) return <ErrorState title={t('calls.transcript.error')} error={transcript.error} onRetry={() => void transcript.refetch()} />;
  if (transcript.data.length === 0) return <p className="text-sm text-gray-600">{t('calls.transcript.empty')}</p>;
  return (
    <TranscriptList
      segments={transcript.data}
      agentLabel={call.agentName ?? t('calls.transcript.agent')}
      leadLabel={call.leadName || t('calls.transcript.lead')}
      label={t('calls.transcript.of', { when: formatDateTime(call.createdAt, lng) })}
      className="max-h-72 rounded-md bg-white p-3 ring-1 ring-gray-200"
    />
  );
}

function PastCall({ call }: { call: CallWithLead }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const dispositions = useDispositions();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const when = formatDateTime(call.createdAt, lng);
  return (
    <li className="py-3">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <time dateTime={call.createdAt} title={when} className="font-medium text-gray-900">
          {formatRelative(call.createdAt, lng)}
        </time>
        <CallStatusBadge status={call.status} />
        {call.disposition && (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">
            {dispositionText(call.disposition, dispositions.data?.items, lng)}
          </span>
        )}
        {call.durationSeconds !== null && call.durationSeconds > 0 && <span className="text-gray-600">{formatTalkTime(call.durationSeconds, lng)}</span>}
        {call.agentName && <span className="text-gray-600">· {t('calls.past.by', { name: call.agentName })}</span>}
      </div>
      {call.notes && <p className="mt-1 text-sm whitespace-pre-wrap text-gray-800 [overflow-wrap:anywhere]">{call.notes}</p>}
      {call.callbackAt && <p className="mt-1 text-xs text-gray-600">{t('calls.past.callbackAt', { when: formatDateTime(call.callbackAt, lng) })}</p>}
      <div className="mt-2 flex flex-wrap items-start gap-2">
        {call.recordingAvailable && <RecordingPlayer callId={call.id} label={t('calls.recording.playOf', { when })} />}
        {call.answeredAt && <CallPageLink callId={call.id} label={t('callPage.openOf', { when })} className="h-8 px-2" />}
        {call.answeredAt && (
          <button
            type="button"
            aria-expanded={open}
            aria-controls={panelId}
            onClick={() => setOpen((o) => !o)}
            className="inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm font-medium text-indigo-700 hover:bg-indigo-50"
          >
            <ChevronDown aria-hidden className={cn('size-4 transition-transform', open && 'rotate-180')} />
            {open ? t('calls.past.hideTranscript') : t('calls.past.showTranscript')}
          </button>
        )}
      </div>
      {open && (
        <div id={panelId} className="mt-2 space-y-2">
          <CallAnalysisPanel
            callId={call.id}
            labels={{ agent: call.agentName ?? t('calls.transcript.agent'), lead: call.leadName || t('calls.transcript.lead') }}
          />
          <Transcript call={call} />
        </div>
      )}
    </li>
  );
}

/** The lead's calls with their outcome, notes, recording, analysis and transcript. */
export function PastCalls({ leadId }: { leadId: string }) {
  const { t } = useTranslation();
  const calls = useLeadCalls(leadId);
  if (calls.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-3">
        <Skeleton className="h-5 w-2/3" />
        <Skeleton className="h-5 w-1/2" />
      </div>
    );
  }
  if (calls.isError) return <ErrorState title={t('calls.past.error')} error={calls.error} onRetry={() => void calls.refetch()} />;
  if (calls.data.items.length === 0) return <EmptyState icon={PhoneCall} title={t('calls.past.empty')} />;
  return (
    <ul aria-label={t('calls.past.title')} className="divide-y divide-gray-100">
      {calls.data.items.map((c) => (
        <PastCall key={c.id} call={c} />
      ))}
    </ul>
  );
}
