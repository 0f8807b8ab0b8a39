import type { CoachingItem } from '@telehub/shared';
import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDate } from '../../../lib/format';
import { useSkillLabel } from '../hooks/useSkillLabel';
import { formatShare } from './coachingFormat';

const MOVED = {
  up: { icon: ArrowUpRight, className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  down: { icon: ArrowDownRight, className: 'bg-red-50 text-red-800 ring-red-200' },
  flat: { icon: ArrowRight, className: 'bg-gray-50 text-gray-700 ring-gray-200' },
} as const;

/** Items measured again: whether the skill moved, from where to where, over how many calls. */
export function MeasuredList({ items, showAgent }: { items: CoachingItem[]; showAgent?: boolean }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const label = useSkillLabel();
  if (items.length === 0) return <p className="px-4 py-5 text-sm text-gray-600">{t('coaching.measured.empty')}</p>;
  return (
    <ul className="divide-y divide-gray-100">
      {items.map((item) => {
        const result = item.result;
        if (!result) return null;
        const moved = MOVED[result.moved];
        const Icon = moved.icon;
        return (
          <li key={item.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-3">
            <div className="min-w-0">
              {showAgent && <p className="text-xs font-semibold tracking-wide text-gray-500 uppercase">{item.agent.name}</p>}
              <p className="text-sm font-medium text-gray-900">{label(item.skill)}</p>
              <p className="text-xs text-gray-600">{t('coaching.measured.over', { calls: result.calls, date: formatDate(result.measuredAt, lng) })}</p>
            </div>
            <div className="flex items-center gap-3">
              <span className="text-sm text-gray-900 tabular-nums">
                {t('coaching.measured.beforeAfter', { before: formatShare(item.baseline, lng), after: formatShare(result.value, lng) })}
              </span>
              <span className={cn('inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1', moved.className)}>
                <Icon aria-hidden className="size-3.5" />
                {t(`coaching.moved.${result.moved}`)}
              </span>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
