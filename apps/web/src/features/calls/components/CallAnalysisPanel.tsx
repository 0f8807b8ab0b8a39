import type { CallAnalysis } from '@telehub/shared';
import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useCallAnalysis } from '../hooks/useCallAnalysis';

type Span = { startMs: number; endMs: number };

/** Both sides' speech over the call, one row each: who spoke when, where they overlapped, where the line was quiet. */
function SpeechTimeline({ timeline, labels }: { timeline: { lead: Span[]; agent: Span[] }; labels: { lead: string; agent: string } }) {
  const { t } = useTranslation();
  const end = Math.max(1, ...timeline.lead.map((s) => s.endMs), ...timeline.agent.map((s) => s.endMs));
  const row = (spans: Span[], label: string, color: string) => (
    <div className="flex items-center gap-2">
      <span className="w-20 shrink-0 truncate text-xs text-gray-600">{label}</span>
      <div className="relative h-3 flex-1 rounded bg-gray-100">
        {spans.map((s) => (
          <span
            key={`${s.startMs}-${s.endMs}`}
            className={`absolute inset-y-0 rounded-sm ${color}`}
            style={{ left: `${(s.startMs / end) * 100}%`, width: `${Math.max(0.3, ((s.endMs - s.startMs) / end) * 100)}%` }}
          />
        ))}
      </div>
    </div>
  );
  return (
    <figure className="space-y-1" aria-label={t('calls.analysis.timeline')}>
      {row(timeline.agent, labels.agent, 'bg-indigo-500')}
      {row(timeline.lead, labels.lead, 'bg-emerald-500')}
    </figure>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-gray-600">{label}</dt>
      <dd className="text-sm font-medium text-gray-900">{value}</dd>
    </div>
  );
}

function Body({ a, labels }: { a: CallAnalysis; labels: { lead: string; agent: string } }) {
  const { t } = useTranslation();
  const seconds = (s: number | null) => (s === null ? '–' : t('calls.analysis.seconds', { n: Math.round(s) }));
  return (
    <div className="space-y-3">
      {a.summary && <p className="text-sm text-gray-800">{a.summary}</p>}
      {a.timeline && <SpeechTimeline timeline={a.timeline} labels={labels} />}
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        <Figure label={t('calls.analysis.talkShare')} value={a.talkRatio === null ? '–' : `${Math.round(a.talkRatio * 100)}%`} />
        <Figure label={t('calls.analysis.deadAir')} value={seconds(a.deadAirSeconds)} />
        <Figure label={t('calls.analysis.monologue')} value={seconds(a.longestMonologueSeconds)} />
        <Figure label={t('calls.analysis.interruptions')} value={a.interruptions === null ? '–' : String(a.interruptions)} />
      </dl>
      {a.objections.length > 0 && (
        <ul aria-label={t('calls.analysis.objections')} className="flex flex-wrap gap-1.5">
          {a.objections.map((o) => (
            <li
              key={`${o.type}-${o.atMs}`}
              className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs font-medium ${o.handled ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900'}`}
            >
              {o.handled ? <Check aria-hidden className="size-3" /> : <X aria-hidden className="size-3" />}
              {t(`assist.objection.${o.type}`)} · {o.handled ? t('calls.analysis.answered') : t('calls.analysis.unanswered')}
            </li>
          ))}
        </ul>
      )}
      {a.keywords.length > 0 && <p className="text-xs text-gray-600">{t('calls.analysis.keywords', { list: a.keywords.join(', ') })}</p>}
      {a.error && <p className="text-xs text-amber-800">{a.error}</p>}
    </div>
  );
}

/** What the analysis of a finished call found: summary, who spoke when, the figures, the objections. */
export function CallAnalysisPanel({ callId, labels }: { callId: string; labels: { lead: string; agent: string } }) {
  const { t } = useTranslation();
  const analysis = useCallAnalysis(callId);
  return (
    <section aria-label={t('calls.analysis.title')} className="rounded-md bg-white p-3 ring-1 ring-gray-200">
      <h4 className="mb-2 text-sm font-semibold text-gray-900">{t('calls.analysis.title')}</h4>
      {analysis.isPending ? (
        <Skeleton className="h-16 w-full" />
      ) : analysis.isError ? (
        <ErrorState title={t('calls.analysis.error')} error={analysis.error} onRetry={() => void analysis.refetch()} />
      ) : analysis.data.status === 'pending' ? (
        <p className="text-sm text-gray-600">{t('calls.analysis.pending')}</p>
      ) : analysis.data.status === 'failed' ? (
        <p className="text-sm text-amber-800">{t('calls.analysis.failed', { reason: analysis.data.error ?? '' })}</p>
      ) : (
        <Body a={analysis.data} labels={labels} />
      )}
    </section>
  );
}
