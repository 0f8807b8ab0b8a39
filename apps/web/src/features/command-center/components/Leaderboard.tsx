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
  const th = 'px-2 py-2 text-[11px] font-medium text-gray-600 uppercase';
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
        // Fixed widths: every column fits the side panel at 1366 px and on a phone; long names are cut, whole on hover.
        <table className="w-full table-fixed text-sm" data-period={period}>
          <colgroup>
            <col className="w-8" />
            <col />
            <col className="w-14" />
            <col className="w-[4.75rem]" />
            <col className="w-[5.5rem]" />
          </colgroup>
          <thead>
            <tr>
              {(
                [
                  ['rank', 'text-left'],
                  ['agent', 'text-left'],
                  ['conversions', 'text-right'],
                  ['connects', 'text-right'],
                  ['talk', 'text-right'],
                ] as const
              ).map(([key, align]) => (
                <th key={key} scope="col" className={cn(th, align)}>
                  <span className="block truncate" title={t(`commandCenter.leaderboard.${key}`)}>
                    {t(`commandCenter.leaderboard.${key}`)}
                  </span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {board.data.map((e) => (
              <tr key={e.user.id} data-rank={e.rank}>
                <td className="px-2 py-1.5 text-gray-600 tabular-nums">
                  {e.rank === 1 ? <Trophy aria-label="1" className="size-4 text-amber-600" /> : formatNumber(e.rank, lng)}
                </td>
                <td className="truncate px-2 py-1.5 font-medium text-gray-900" title={e.user.name}>
                  {e.user.name}
                </td>
                <td className="px-2 py-1.5 text-right font-semibold tabular-nums">{formatNumber(e.performance.conversions, lng)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{formatNumber(e.performance.connects, lng)}</td>
                <td className="whitespace-nowrap px-2 py-1.5 text-right tabular-nums">{formatTalkTime(e.performance.talkSeconds, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
