import { type CampaignQueue, MEMBER_STATES, type MemberState } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../../hooks/useLocale';
import { cn } from '../../../../lib/cn';
import { formatNumber } from '../../../../lib/format';

const FIELD: Record<MemberState, keyof CampaignQueue> = { pending: 'pending', in_flight: 'inFlight', retry: 'retry', done: 'done', exhausted: 'exhausted' };
const TONE: Record<MemberState, string> = {
  pending: 'bg-indigo-500',
  in_flight: 'bg-amber-400',
  retry: 'bg-sky-400',
  done: 'bg-emerald-500',
  exhausted: 'bg-gray-400',
};

/** Where the campaign's leads stand: one bar split by state, and the counts beside it. */
export function QueueBar({ queue }: { queue: CampaignQueue }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const total = MEMBER_STATES.reduce((n, s) => n + queue[FIELD[s]], 0);
  return (
    <section aria-labelledby="campaign-queue" className="rounded-lg border border-gray-200 bg-white p-4">
      <h2 id="campaign-queue" className="flex items-baseline justify-between gap-2 text-sm font-semibold text-gray-900">
        {t('campaigns.live.queue')}
        <span className="text-xs font-normal text-gray-600">{t('campaigns.live.queueTotal', { n: formatNumber(total, lng), count: total })}</span>
      </h2>
      <div aria-hidden className="mt-3 flex h-3 overflow-hidden rounded-full bg-gray-100">
        {total > 0 &&
          MEMBER_STATES.map((s) => {
            const n = queue[FIELD[s]];
            return n > 0 ? <span key={s} className={TONE[s]} style={{ width: `${(n / total) * 100}%` }} /> : null;
          })}
      </div>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 sm:grid-cols-5">
        {MEMBER_STATES.map((s) => (
          <div key={s} data-queue={s}>
            <dt className="flex items-center gap-1.5 text-xs text-gray-600">
              <span aria-hidden className={cn('size-2 rounded-full', TONE[s])} />
              {t(`campaigns.queue.${s}`)}
            </dt>
            <dd className="text-lg font-semibold text-gray-900 tabular-nums">{formatNumber(queue[FIELD[s]], lng)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
