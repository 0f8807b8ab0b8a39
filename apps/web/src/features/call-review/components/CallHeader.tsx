import type { CallWithLead, SentimentLabel } from '@telehub/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../../../hooks/useDocumentTitle';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatTalkTime } from '../../../lib/format';
import { CallStatusBadge, outcomeText, SENTIMENT_TONE, useDispositions } from '../../calls';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-gray-600">{label}</dt>
      <dd className="truncate text-sm font-medium text-gray-900">{children}</dd>
    </div>
  );
}

/** Whose call it was and how it went: the lead (to their page), the agent, the campaign, when, how long, the outcome, the lead's mood. */
export function CallHeader({ call, campaign, sentiment }: { call: CallWithLead; campaign: string | null; sentiment: SentimentLabel | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const dispositions = useDispositions(call.campaignId);
  const lead = call.leadName || t('calls.transcript.lead');
  const title = t('callPage.title', { lead });
  useDocumentTitle(title);
  return (
    <div className="mb-5 min-w-0">
      <h1 className="text-xl font-semibold tracking-tight text-gray-900 [overflow-wrap:anywhere]">{title}</h1>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <CallStatusBadge status={call.status} />
        {call.disposition && (
          <span className="rounded bg-indigo-50 px-1.5 py-0.5 text-xs font-medium text-indigo-800">{outcomeText(call, dispositions.data?.items, lng)}</span>
        )}
        {sentiment && (
          <span className={cn('inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', SENTIMENT_TONE[sentiment])}>
            {t('callPage.leadSentiment', { sentiment: t(`callPage.sentiment.${sentiment}`) })}
          </span>
        )}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-2 sm:flex sm:flex-wrap">
        <Fact label={t('callPage.facts.lead')}>
          <Link to={`/leads/${call.leadId}`} className="text-indigo-700 hover:underline">
            {lead}
          </Link>
        </Fact>
        <Fact label={t('callPage.facts.agent')}>{call.agentName ?? '–'}</Fact>
        <Fact label={t('callPage.facts.campaign')}>{campaign ?? t('callPage.facts.noCampaign')}</Fact>
        <Fact label={t('callPage.facts.when')}>
          <time dateTime={call.startedAt ?? call.createdAt}>{formatDateTime(call.startedAt ?? call.createdAt, lng)}</time>
        </Fact>
        <Fact label={t('callPage.facts.duration')}>{call.durationSeconds ? formatTalkTime(call.durationSeconds, lng) : '–'}</Fact>
      </dl>
    </div>
  );
}
