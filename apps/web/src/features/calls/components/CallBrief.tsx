import { ArrowUpRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '../../../lib/cn';
import { useCallAnalysis } from '../hooks/useCallAnalysis';
import { SENTIMENT_TONE } from './sentiment';

/** Where a call's page is, with what it came to at a glance (in a lead's timeline). */
export function CallPageLink({ callId, label, className }: { callId: string; label?: string; className?: string }) {
  const { t } = useTranslation();
  return (
    <Link
      to={`/calls/${callId}`}
      aria-label={label}
      className={cn('inline-flex items-center gap-1 rounded text-sm font-medium text-indigo-700 hover:underline', className)}
    >
      {t('callPage.open')}
      <ArrowUpRight aria-hidden className="size-3.5" />
    </Link>
  );
}

/**
 * A call in brief, from its analysis: the lead's sentiment and the summary, and the way to its
 * page. Nothing but the link while the analysis is not there (or not open to this person).
 */
export function CallBrief({ callId, label }: { callId: string; label?: string }) {
  const { t } = useTranslation();
  const analysis = useCallAnalysis(callId);
  const a = analysis.data?.status === 'done' ? analysis.data : null;
  const sentiment = a?.sentiment.lead ?? null;
  return (
    <div className="mt-1.5 space-y-1">
      {a && (sentiment || a.summary) && (
        <p className="text-sm text-gray-800 [overflow-wrap:anywhere]">
          {sentiment && (
            <span className={cn('mr-1.5 inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', SENTIMENT_TONE[sentiment])}>
              {t('callPage.leadSentiment', { sentiment: t(`callPage.sentiment.${sentiment}`) })}
            </span>
          )}
          {a.summary}
        </p>
      )}
      <CallPageLink callId={callId} label={label} className="text-xs" />
    </div>
  );
}
