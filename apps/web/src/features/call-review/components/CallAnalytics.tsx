import type { UseQueryResult } from '@tanstack/react-query';
import type { CallAnalysis } from '@telehub/shared';
import { Check, X } from 'lucide-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatClock, formatNumber } from '../../../lib/format';
import { AnalysisGate, Figure, SENTIMENT_TONE } from '../../calls';

type Side = 'lead' | 'agent';
type Labels = Record<Side, string>;
const SIDES: Side[] = ['agent', 'lead'];

/** One block of the call page: a card with its heading. The page is a list of these. */
export function CallSection({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className={cn('min-w-0 rounded-lg bg-white p-4 shadow-sm ring-1 ring-gray-200', className)}>
      <h2 id={id} className="mb-3 text-base font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A moment of the call as a button that plays from there. */
function At({ ms, onSeek, label }: { ms: number; onSeek: (ms: number) => void; label: string }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={() => onSeek(ms)}
      aria-label={t('callPage.analysis.playAt', { what: label, at: formatClock(ms / 1000) })}
      className="shrink-0 rounded px-1 text-xs font-medium text-indigo-700 tabular-nums hover:bg-indigo-50 hover:underline"
    >
      {formatClock(ms / 1000)}
    </button>
  );
}

/** A side's sentiment over its quarters of the call, on a fixed -1..1 scale around a neutral line. */
function SentimentArc({ values, className, label }: { values: number[]; className?: string; label: string }) {
  if (values.length < 2) return null;
  const step = 100 / (values.length - 1);
  const y = (v: number) => (14 - v * 12).toFixed(1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${y(v)}`).join(' ');
  return (
    <svg role="img" aria-label={label} viewBox="0 0 100 28" preserveAspectRatio="none" className={cn('h-8 w-full', className)}>
      <line x1="0" x2="100" y1="14" y2="14" stroke="currentColor" strokeOpacity="0.25" strokeDasharray="2 2" vectorEffect="non-scaling-stroke" />
      <polyline points={points} fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}

function Sentiment({ a, labels }: { a: CallAnalysis; labels: Labels }) {
  const { t } = useTranslation();
  return (
    <ul className="space-y-3">
      {SIDES.map((side) => {
        const label = a.sentiment[side];
        const arc = a.sentimentArc[side];
        return (
          <li key={side} data-sentiment={side} className="flex items-center gap-3">
            <div className="w-28 shrink-0">
              <p className="truncate text-xs text-gray-600">{labels[side]}</p>
              {label ? (
                <span className={cn('mt-0.5 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', SENTIMENT_TONE[label])}>
                  {t(`callPage.sentiment.${label}`)}
                </span>
              ) : (
                <span className="text-sm text-gray-600">–</span>
              )}
            </div>
            <SentimentArc
              values={arc}
              className={cn('min-w-0 flex-1', side === 'agent' ? 'text-indigo-500' : 'text-emerald-600')}
              label={t('callPage.analysis.arc', { side: labels[side], values: arc.map((v) => v.toFixed(1)).join(', ') })}
            />
          </li>
        );
      })}
    </ul>
  );
}

function Talk({ a, labels }: { a: CallAnalysis; labels: Labels }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const seconds = (s: number | null | undefined) => (s === null || s === undefined ? '–' : t('calls.analysis.seconds', { n: Math.round(s) }));
  const share = a.talkRatio;
  const rows: { label: string; value: (side: Side) => string }[] = [
    { label: t('callPage.analysis.talkTime'), value: (side) => seconds(a.talkSeconds?.[side]) },
    { label: t('callPage.analysis.interruptionsBy'), value: (side) => (a.interruptionsBy ? formatNumber(a.interruptionsBy[side], lng) : '–') },
    {
      label: t('callPage.analysis.speakingRate'),
      value: (side) => {
        const rate = a.speakingRate?.[side];
        return rate === null || rate === undefined ? '–' : t('callPage.analysis.perSecond', { n: formatNumber(Math.round(rate * 10) / 10, lng) });
      },
    },
  ];
  return (
    <div className="space-y-4">
      {share !== null && (
        <div>
          <div className="mb-1 flex justify-between gap-2 text-xs text-gray-600">
            <span className="truncate">
              {labels.agent} {Math.round(share * 100)}%
            </span>
            <span className="truncate text-right">
              {labels.lead} {Math.round((1 - share) * 100)}%
            </span>
          </div>
          <div aria-hidden className="flex h-2 overflow-hidden rounded bg-gray-100">
            <span className="bg-indigo-500" style={{ width: `${share * 100}%` }} />
            <span className="flex-1 bg-emerald-500" />
          </div>
        </div>
      )}
      <dl className="grid grid-cols-2 gap-3">
        <Figure label={t('calls.analysis.talkShare')} value={share === null ? '–' : `${Math.round(share * 100)}%`} />
        <Figure label={t('calls.analysis.deadAir')} value={seconds(a.deadAirSeconds)} />
        <Figure
          label={t('calls.analysis.monologue')}
          value={
            a.longestMonologueSeconds === null
              ? '–'
              : a.longestMonologueBy
                ? t('callPage.analysis.monologueBy', { duration: seconds(a.longestMonologueSeconds), side: labels[a.longestMonologueBy] })
                : seconds(a.longestMonologueSeconds)
          }
        />
        <Figure label={t('calls.analysis.interruptions')} value={a.interruptions === null ? '–' : formatNumber(a.interruptions, lng)} />
      </dl>
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">{t('callPage.analysis.bySide')}</caption>
        <thead>
          <tr className="text-xs text-gray-600">
            <td className="w-[38%]" />
            {SIDES.map((side) => (
              <th key={side} scope="col" className="truncate pb-1 text-left font-medium">
                {labels[side]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row" className="py-1.5 pr-2 text-left text-xs font-normal text-gray-600">
                {r.label}
              </th>
              {SIDES.map((side) => (
                <td key={side} className="py-1.5 pr-1 font-medium text-gray-900 tabular-nums">
                  {r.value(side)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Objections({ a, onSeek }: { a: CallAnalysis; onSeek: (ms: number) => void }) {
  const { t } = useTranslation();
  if (a.objections.length === 0) return <p className="text-sm text-gray-600">{t('callPage.analysis.noObjections')}</p>;
  return (
    <ul aria-label={t('calls.analysis.objections')} className="divide-y divide-gray-100">
      {a.objections.map((o) => {
        const type = t(`assist.objection.${o.type}`);
        return (
          <li key={`${o.type}-${o.atMs}`} className="flex items-center gap-2 py-1.5 text-sm">
            <span
              className={cn(
                'inline-flex size-5 shrink-0 items-center justify-center rounded-full',
                o.handled ? 'bg-emerald-50 text-emerald-800' : 'bg-amber-50 text-amber-900',
              )}
            >
              {o.handled ? <Check aria-hidden className="size-3.5" /> : <X aria-hidden className="size-3.5" />}
            </span>
            <span className="min-w-0 flex-1">
              <span className="font-medium text-gray-900">{type}</span>
              <span className="text-gray-600"> · {o.handled ? t('calls.analysis.answered') : t('calls.analysis.unanswered')}</span>
            </span>
            <At ms={o.atMs} onSeek={onSeek} label={type} />
          </li>
        );
      })}
    </ul>
  );
}

function Commitments({ a, labels, onSeek }: { a: CallAnalysis; labels: Labels; onSeek: (ms: number) => void }) {
  const { t } = useTranslation();
  if (a.commitments.length === 0) return <p className="text-sm text-gray-600">{t('callPage.analysis.noCommitments')}</p>;
  return (
    <ul className="divide-y divide-gray-100">
      {a.commitments.map((c) => {
        const kind = t(`callPage.commitment.${c.kind}`);
        return (
          <li key={`${c.kind}-${c.atMs}`} className="flex items-start gap-2 py-1.5 text-sm">
            <div className="min-w-0 flex-1">
              <p className="text-gray-900">
                <span className="font-medium">{kind}</span>
                <span className="text-gray-600"> · {t('callPage.analysis.promisedBy', { side: labels[c.by] })}</span>
                {c.when && <span className="text-gray-600"> · {c.when}</span>}
              </p>
              <p className="text-xs text-gray-600 [overflow-wrap:anywhere]">“{c.text}”</p>
            </div>
            <At ms={c.atMs} onSeek={onSeek} label={kind} />
          </li>
        );
      })}
    </ul>
  );
}

function Summary({ a }: { a: CallAnalysis }) {
  const { t } = useTranslation();
  const mentioned = a.topics.map((x) => ({ key: `${x.kind}:${x.text}`, kind: t(`callPage.topic.${x.kind}`), text: x.text }));
  const topicTexts = new Set(a.topics.map((x) => x.text.toLowerCase()));
  const keywords = a.keywords.filter((k) => !topicTexts.has(k.toLowerCase()));
  return (
    <div className="space-y-3">
      <p className="text-sm text-gray-800">{a.summary || t('callPage.analysis.noSummary')}</p>
      {(mentioned.length > 0 || keywords.length > 0) && (
        <ul aria-label={t('callPage.analysis.mentioned')} className="flex flex-wrap gap-1.5">
          {mentioned.map((m) => (
            <li key={m.key} className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-900 [overflow-wrap:anywhere]">
              <span className="font-medium">{m.kind}:</span> {m.text}
            </li>
          ))}
          {keywords.map((k) => (
            <li key={k} className="rounded bg-gray-100 px-1.5 py-0.5 text-xs text-gray-800 [overflow-wrap:anywhere]">
              {k}
            </li>
          ))}
        </ul>
      )}
      {a.error && <p className="text-xs text-amber-800">{a.error}</p>}
    </div>
  );
}

/**
 * What the analysis found, as the call page's sections: the summary with what was mentioned, the
 * talk figures, each side's sentiment and its arc, the objections, what was promised. Until the
 * analysis is there, one section says why.
 */
export function CallAnalytics({ analysis, labels, onSeek }: { analysis: UseQueryResult<CallAnalysis>; labels: Labels; onSeek: (ms: number) => void }) {
  const { t } = useTranslation();
  const a = analysis.data;
  if (a?.status !== 'done') {
    return (
      <CallSection title={t('calls.analysis.title')}>
        <AnalysisGate analysis={analysis}>{() => null}</AnalysisGate>
      </CallSection>
    );
  }
  return (
    <>
      <CallSection title={t('callPage.sections.summary')}>
        <Summary a={a} />
      </CallSection>
      <CallSection title={t('callPage.sections.talk')}>
        <Talk a={a} labels={labels} />
      </CallSection>
      <CallSection title={t('callPage.sections.sentiment')}>
        <Sentiment a={a} labels={labels} />
      </CallSection>
      <CallSection title={t('callPage.sections.objections')}>
        <Objections a={a} onSeek={onSeek} />
      </CallSection>
      <CallSection title={t('callPage.sections.commitments')}>
        <Commitments a={a} labels={labels} onSeek={onSeek} />
      </CallSection>
    </>
  );
}
