import type { CallListItem, CallWithLead } from '@telehub/shared';
import { ChevronDown, PhoneCall, PhoneIncoming, PhoneOutgoing } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { Pagination } from '../../../components/Pagination';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatRelative, formatTalkTime } from '../../../lib/format';
import { useDispositions, useLeadCalls } from '../hooks/useCallLists';
import { useTranscript } from '../hooks/useTranscript';
import { CallAnalysisPanel } from './CallAnalysisPanel';
import { CallPageLink } from './CallBrief';
import { CallStatusBadge } from './CallStatusBadge';
import { outcomeText } from './dispositionLabel';
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

function PastCall({ call }: { call: CallListItem }) {
  const { t } = useTranslation();
  const lng = useLocale();
  // The outcomes of the call's campaign: its own list, where it has one.
  const dispositions = useDispositions(call.campaignId);
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const when = formatDateTime(call.createdAt, lng);
  const Direction = call.direction === 'inbound' ? PhoneIncoming : PhoneOutgoing;
  return (
    <li className="py-3" data-call-id={call.id}>
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
        <time dateTime={call.createdAt} title={when} className="font-medium text-gray-900">
          {formatRelative(call.createdAt, lng)}
          <span className="ml-1.5 font-normal text-gray-600">{when}</span>
        </time>
        <span className="inline-flex items-center gap-1 text-gray-700">
          <Direction aria-hidden className="size-3.5 text-gray-500" />
          {t(`leadCalls.direction.${call.direction}`)}
        </span>
        <CallStatusBadge status={call.status} />
        {call.disposition && (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">{outcomeText(call, dispositions.data?.items, lng)}</span>
        )}
        {call.durationSeconds !== null && call.durationSeconds > 0 && <span className="text-gray-600">{formatTalkTime(call.durationSeconds, lng)}</span>}
        {call.agentName ? (
          <span className="text-gray-600">· {t('calls.past.by', { name: call.agentName })}</span>
        ) : (
          !call.agentId && <span className="text-gray-600">· {t('leadCalls.noAgent')}</span>
        )}
      </div>
      {call.notes && <p className="mt-1 text-sm whitespace-pre-wrap text-gray-800 [overflow-wrap:anywhere]">{call.notes}</p>}
      {call.callbackAt && <p className="mt-1 text-xs text-gray-600">{t('calls.past.callbackAt', { when: formatDateTime(call.callbackAt, lng) })}</p>}
      <div className="mt-2 flex flex-wrap items-start gap-2">
        {call.recordingAvailable && call.canHearRecording && <RecordingPlayer callId={call.id} label={t('calls.recording.playOf', { when })} />}
        <CallPageLink callId={call.id} label={t('callPage.openOf', { when })} className="h-8 px-2" />
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
      {call.recordingAvailable && !call.canHearRecording && <p className="mt-1 text-xs text-gray-600">{t('leadCalls.recordingNotYours')}</p>}
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

/**
 * The lead's calls, newest first, a page at a time: when, which way, who, the outcome and talk
 * time, notes, the recording (to those who may hear it), the analysis and the transcript, and the
 * way to each call's page. Its page resets when the lead changes.
 */
export function PastCalls({ leadId, pageSize = 20, emptyTitle }: { leadId: string; pageSize?: number; emptyTitle?: string }) {
  const { t } = useTranslation();
  const [at, setAt] = useState({ leadId, page: 1 });
  const page = at.leadId === leadId ? at.page : 1;
  const calls = useLeadCalls(leadId, page, pageSize);
  // A page that no longer exists (calls erased since): the last one that does.
  const lastPage = calls.data ? Math.max(1, Math.ceil(calls.data.total / pageSize)) : page;
  useEffect(() => {
    if (page > lastPage) setAt({ leadId, page: lastPage });
  }, [page, lastPage, leadId]);
  if (calls.isPending) {
    return (
      <div role="status" aria-label={t('common.loading')} className="space-y-3">
        <Skeleton className="h-5 w-2/3" />
        <Skeleton className="h-5 w-1/2" />
      </div>
    );
  }
  if (calls.isError) return <ErrorState title={t('calls.past.error')} error={calls.error} onRetry={() => void calls.refetch()} />;
  const { items, total } = calls.data;
  if (items.length === 0 && total === 0) return <EmptyState icon={PhoneCall} title={emptyTitle ?? t('calls.past.empty')} />;
  return (
    <>
      <ul aria-label={t('calls.past.title')} aria-busy={calls.isPlaceholderData} className="divide-y divide-gray-100">
        {items.map((c) => (
          <PastCall key={c.id} call={c} />
        ))}
      </ul>
      {total > pageSize && (
        <div className="-mx-4">
          <Pagination page={page} pageSize={pageSize} total={total} onPageChange={(p) => setAt({ leadId, page: p })} />
        </div>
      )}
    </>
  );
}
