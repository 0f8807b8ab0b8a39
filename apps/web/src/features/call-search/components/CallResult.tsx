import type { CallSearchResult } from '@telehub/shared';
import { Clock, Star, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatClock, formatDateTime, formatRelative, formatTalkTime } from '../../../lib/format';
import { SENTIMENT_TONE } from '../../calls';
import { Highlighted } from './Highlighted';

export type FoundCall = CallSearchResult['items'][number];

const chip = 'inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset';

/** A call found: whose it was, when, how it went, what was objected, the summary, and where the words were said. */
export function CallResult({ call, outcomeText, now }: { call: FoundCall; outcomeText: (code: string) => string; now: number }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const lead = call.leadName || t('calls.transcript.lead');
  return (
    <article className="min-w-0 px-3 py-4 sm:px-4">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="min-w-0 text-sm font-semibold text-gray-900 [overflow-wrap:anywhere]">
          <Link to={`/calls/${call.callId}`} className="text-indigo-700 hover:underline">
            {lead}
          </Link>
        </h3>
        {call.answeredAt && (
          <p className="text-xs text-gray-600">
            <time dateTime={call.answeredAt} title={formatDateTime(call.answeredAt, lng)}>
              {formatRelative(call.answeredAt, lng, now)}
            </time>
            <span aria-hidden> · </span>
            <span>{formatDateTime(call.answeredAt, lng)}</span>
          </p>
        )}
      </div>

      <div className="mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-xs text-gray-700">
        <span className="inline-flex min-w-0 items-center gap-1">
          <UserRound aria-hidden className="size-3.5 shrink-0 text-gray-500" />
          <span className="sr-only">{t('callSearch.result.agent')}: </span>
          <span className="truncate">{call.agent?.name || t('callSearch.result.noAgent')}</span>
        </span>
        <span className="inline-flex items-center gap-1">
          <Clock aria-hidden className="size-3.5 text-gray-500" />
          <span className="sr-only">{t('callSearch.result.duration')}: </span>
          {call.durationSeconds !== null ? formatTalkTime(call.durationSeconds, lng) : t('callSearch.result.noDuration')}
        </span>
        {call.outcome && <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-medium text-indigo-800">{outcomeText(call.outcome)}</span>}
        {call.sentiment && (
          <span className={cn(chip, SENTIMENT_TONE[call.sentiment])}>
            {t('callPage.leadSentiment', { sentiment: t(`callPage.sentiment.${call.sentiment}`) })}
          </span>
        )}
        <span className={cn(chip, call.qaScore === null ? 'bg-white text-gray-600 ring-gray-200' : 'bg-violet-50 text-violet-800 ring-violet-200')}>
          <Star aria-hidden className="size-3" />
          {call.qaScore === null ? t('callSearch.result.noScore') : t('callSearch.result.score', { score: Math.round(call.qaScore) })}
        </span>
      </div>

      {call.objections.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t('callSearch.filters.objection')}>
          {call.objections.map((o) => {
            const objection = t(`battlecards.objections.${o.type}`);
            return (
              <li
                key={o.type}
                className={cn(chip, o.handled ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-amber-50 text-amber-800 ring-amber-200')}
              >
                {t(o.handled ? 'callSearch.result.objectionAnswered' : 'callSearch.result.objectionUnanswered', { objection })}
              </li>
            );
          })}
        </ul>
      )}

      {call.summary && <p className="mt-2 line-clamp-3 text-sm text-gray-700 [overflow-wrap:anywhere]">{call.summary}</p>}

      {call.snippets.length > 0 && (
        <ul aria-label={t('callSearch.result.snippets')} className="mt-2 space-y-1.5">
          {call.snippets.slice(0, 3).map((s, i) => {
            const at = s.atMs === null ? null : formatClock(s.atMs / 1000);
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: the server's order, never reshuffled
              <li key={i}>
                <Link
                  to={s.atMs === null ? `/calls/${call.callId}` : `/calls/${call.callId}?t=${s.atMs}`}
                  title={at ? t('callSearch.result.openAt', { at }) : undefined}
                  className="block rounded-md border-l-2 border-indigo-200 bg-gray-50 px-2.5 py-1.5 text-sm text-gray-800 hover:border-indigo-500 hover:bg-indigo-50/60"
                >
                  <span className="mr-1.5 text-xs font-medium text-gray-600">
                    {t(`callSearch.result.speaker.${s.speaker}`)}
                    {at && ` · ${t('callSearch.result.at', { at })}`}
                  </span>
                  <span className="[overflow-wrap:anywhere]" data-snippet>
                    <Highlighted text={s.text} marks={s.marks} />
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </article>
  );
}
