import type { CallAnalysis } from '@telehub/shared';
import { Check, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useCallAnalysis } from '../hooks/useCallAnalysis';
import { AnalysisGate } from './AnalysisGate';
import { SpeechLanes } from './SpeechLanes';
import { lineLength } from './timelineGeometry';

/** One measured figure, labelled. */
export function Figure({ label, value }: { label: string; value: string }) {
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
      {a.timeline && (
        <figure aria-label={t('calls.analysis.timeline')}>
          <SpeechLanes lanes={a.timeline} lengthMs={lineLength({ lanes: a.timeline })} labels={labels} />
        </figure>
      )}
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
      <AnalysisGate analysis={analysis}>{(a) => <Body a={a} labels={labels} />}</AnalysisGate>
    </section>
  );
}
