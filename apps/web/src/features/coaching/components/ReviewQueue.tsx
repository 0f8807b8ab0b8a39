import type { ReviewQueueItem } from '@telehub/shared';
import { ClipboardCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTableHead } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatClock, formatDateTime, formatNumber } from '../../../lib/format';
import { useReviewQueue } from '../hooks/useReview';
import { orderQueue } from './coachingFormat';

const REASON_TONE: Record<ReviewQueueItem['reason'], string> = {
  dispute: 'bg-red-50 text-red-800 ring-red-200',
  low_score: 'bg-amber-50 text-amber-900 ring-amber-200',
  unreviewed: 'bg-gray-50 text-gray-700 ring-gray-200',
};

/** The calls a manager should look at, disputes first; each opens the call page, where the review is done. */
export function ReviewQueue() {
  const { t } = useTranslation();
  const lng = useLocale();
  const queue = useReviewQueue();
  const cell = 'px-3 py-2.5 align-middle';
  return (
    <QueryView
      query={queue}
      errorTitle={t('coaching.review.loadError')}
      skeletonRows={5}
      isEmpty={(d) => d.items.length === 0}
      empty={<EmptyState icon={ClipboardCheck} title={t('coaching.review.empty.title')} body={t('coaching.review.empty.body')} />}
    >
      {(data) => (
        <div className="overflow-x-auto">
          <table aria-label={t('coaching.review.queueLabel')} className="min-w-full text-sm">
            <DataTableHead
              columns={[
                { label: t('coaching.review.columns.reason') },
                { label: t('coaching.review.columns.lead') },
                { label: t('coaching.review.columns.agent'), className: 'hidden sm:table-cell' },
                { label: t('coaching.review.columns.when'), className: 'hidden md:table-cell' },
                // Beside calibration (xl) the length gives way; from 2xl there is room for it.
                { label: t('coaching.review.columns.duration'), className: 'hidden md:table-cell xl:hidden 2xl:table-cell text-right' },
                { label: t('coaching.review.columns.score'), className: 'text-right' },
              ]}
            />
            <tbody className="divide-y divide-gray-100">
              {orderQueue(data.items).map((item) => (
                <tr key={item.callId} data-reason={item.reason}>
                  <td className={cell}>
                    <span className={cn('inline-flex rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1', REASON_TONE[item.reason])}>
                      {t(`coaching.review.reasons.${item.reason}`)}
                    </span>
                  </td>
                  <td className={cn(cell, 'min-w-0')}>
                    <Link
                      to={`/calls/${item.callId}`}
                      aria-label={t('coaching.review.open', { lead: item.leadName })}
                      className="font-medium whitespace-nowrap text-indigo-700 underline-offset-2 hover:underline"
                    >
                      {item.leadName}
                    </Link>
                    {/* On a phone the telecaller and the time go under the lead. */}
                    <span className="block text-xs text-gray-600 sm:hidden">{item.agent?.name ?? t('common.unassigned')}</span>
                    <span className="block text-xs text-gray-500 md:hidden">{item.startedAt ? formatDateTime(item.startedAt, lng) : ''}</span>
                  </td>
                  <td className={cn(cell, 'hidden whitespace-nowrap text-gray-800 sm:table-cell')}>{item.agent?.name ?? t('common.unassigned')}</td>
                  <td className={cn(cell, 'hidden whitespace-nowrap text-gray-700 md:table-cell')}>
                    {item.startedAt ? formatDateTime(item.startedAt, lng) : ''}
                  </td>
                  <td className={cn(cell, 'hidden text-right text-gray-700 tabular-nums md:table-cell xl:hidden 2xl:table-cell')}>
                    {item.durationSeconds === null ? '' : formatClock(item.durationSeconds)}
                  </td>
                  <td className={cn(cell, 'text-right font-semibold tabular-nums', item.score !== null && item.score < 70 ? 'text-red-700' : 'text-gray-900')}>
                    {item.score === null ? (
                      <span className="text-xs font-normal text-gray-500">{t('coaching.review.noScore')}</span>
                    ) : (
                      formatNumber(Math.round(item.score), lng)
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </QueryView>
  );
}
