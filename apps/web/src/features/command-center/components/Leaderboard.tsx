import { Trophy } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber, formatTalkTime } from '../../../lib/format';
import type { LeaderboardPeriod } from '../api/floorApi';
import { useLeaderboard } from '../hooks/useFloor';

const PERIODS: LeaderboardPeriod[] = ['TODAY', 'WEEK', 'MONTH'];

/** Telecallers ranked by conversions, then connects and talk time, over today, this week or this month. */
export function Leaderboard({ teamId }: { teamId: string | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const [period, setPeriod] = useState<LeaderboardPeriod>('TODAY');
  const board = useLeaderboard(period, teamId);
  const th = 'px-3 py-2 text-xs font-medium tracking-wide text-gray-600 uppercase';
  return (
    <div>
      <div role="tablist" aria-label={t('commandCenter.leaderboard.title')} className="flex gap-1 border-b border-gray-100 px-3 py-2">
        {PERIODS.map((p) => (
          <button
            key={p}
            type="button"
            role="tab"
            aria-selected={period === p}
            onClick={() => setPeriod(p)}
            className={cn('rounded-md px-2.5 py-1 text-sm font-medium', period === p ? 'bg-indigo-50 text-indigo-800' : 'text-gray-600 hover:bg-gray-50')}
          >
            {t(`commandCenter.leaderboard.${p}`)}
          </button>
        ))}
      </div>
      {board.isPending ? (
        <Skeleton className="m-4 h-32" />
      ) : board.isError ? (
        <ErrorState title={t('commandCenter.leaderboard.error')} error={board.error} onRetry={() => void board.refetch()} />
      ) : board.data.length === 0 ? (
        <p className="px-4 py-6 text-sm text-gray-600">{t('commandCenter.leaderboard.empty')}</p>
      ) : (
        <table className="min-w-full text-sm" data-period={period}>
          <thead>
            <tr>
              <th scope="col" className={cn(th, 'w-8 text-left')}>
                {t('commandCenter.leaderboard.rank')}
              </th>
              <th scope="col" className={cn(th, 'text-left')}>
                {t('commandCenter.leaderboard.agent')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('commandCenter.leaderboard.conversions')}
              </th>
              <th scope="col" className={cn(th, 'text-right')}>
                {t('commandCenter.leaderboard.connects')}
              </th>
              <th scope="col" className={cn(th, 'hidden text-right sm:table-cell')}>
                {t('commandCenter.leaderboard.talk')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {board.data.map((e) => (
              <tr key={e.user.id} data-rank={e.rank}>
                <td className="px-3 py-1.5 text-gray-600 tabular-nums">
                  {e.rank === 1 ? <Trophy aria-label="1" className="size-4 text-amber-500" /> : e.rank}
                </td>
                <td className="truncate px-3 py-1.5 font-medium text-gray-900">{e.user.name}</td>
                <td className="px-3 py-1.5 text-right font-semibold tabular-nums">{formatNumber(e.performance.conversions, lng)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums">{formatNumber(e.performance.connects, lng)}</td>
                <td className="hidden whitespace-nowrap px-3 py-1.5 text-right tabular-nums sm:table-cell">{formatTalkTime(e.performance.talkSeconds, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
