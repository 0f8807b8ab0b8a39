import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatShare, STANDING_BAR, type Standing } from './coachingFormat';

/** A telecaller's share beside the team's, as two bars with their figures (one grid, so the bars line up). */
export function ShareBars({ you, team, youLabel, tone }: { you: number | null; team: number | null; youLabel?: string; tone: Standing }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const rows = [
    { label: youLabel ?? t('coaching.you'), value: you, bar: STANDING_BAR[tone] },
    { label: t('coaching.teamLabel'), value: team, bar: 'bg-gray-400' },
  ];
  return (
    <div className="grid grid-cols-[minmax(0,max-content)_minmax(3rem,1fr)_auto] items-center gap-x-2 gap-y-1 text-sm">
      {rows.map((r) => (
        <div key={r.label} className="contents">
          <span className="max-w-32 truncate text-gray-600">{r.label}</span>
          <span aria-hidden className="h-2 overflow-hidden rounded-full bg-gray-100">
            <span className={cn('block h-full rounded-full', r.bar)} style={{ width: `${Math.round((r.value ?? 0) * 100)}%` }} />
          </span>
          <span className="w-10 text-right font-medium text-gray-900 tabular-nums">{formatShare(r.value, lng)}</span>
        </div>
      ))}
    </div>
  );
}
