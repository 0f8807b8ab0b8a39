import type { SkillMatrix } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { useSkillLabel } from '../hooks/useSkillLabel';
import { formatShare, STANDING_BAR, standing } from './coachingFormat';

/** A telecaller's own skills beside the team's: a bar for theirs, coloured against the team, the team's as a mark on it. */
export function MySkills({ matrix, agentId }: { matrix: SkillMatrix; agentId: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const label = useSkillLabel();
  const mine = matrix.agents.find((a) => a.id === agentId)?.skills ?? {};
  const th = 'px-3 py-2 text-xs font-medium text-gray-600';
  return (
    <table aria-label={t('coaching.mySkills.title')} className="w-full text-sm">
      <thead className="border-b border-gray-200 bg-gray-50/80">
        <tr>
          <th scope="col" className={cn(th, 'text-left')}>
            {t('coaching.mySkills.skill')}
          </th>
          <th scope="col" className={cn(th, 'w-[38%] text-left')}>
            {t('coaching.you')}
          </th>
          <th scope="col" className={cn(th, 'w-16 text-right')}>
            {t('coaching.teamLabel')}
          </th>
        </tr>
      </thead>
      <tbody className="divide-y divide-gray-100">
        {matrix.skills.map((s) => {
          const you = mine[s.key];
          const team = matrix.team[s.key];
          const tone = standing(you, team);
          return (
            <tr key={s.key}>
              <th scope="row" className="px-3 py-2 text-left font-normal text-gray-900">
                {label(s)}
              </th>
              <td className="px-3 py-2">
                <div className="flex items-center gap-2">
                  <span aria-hidden className="relative h-2 min-w-12 flex-1 rounded-full bg-gray-100">
                    <span
                      className={cn('absolute inset-y-0 left-0 rounded-full', STANDING_BAR[tone])}
                      style={{ width: `${Math.round((you?.value ?? 0) * 100)}%` }}
                    />
                    {team && <span className="absolute -inset-y-1 w-0.5 bg-gray-700" style={{ left: `${Math.round(team.value * 100)}%` }} />}
                  </span>
                  <span className="w-10 text-right font-medium tabular-nums">{formatShare(you?.value, lng)}</span>
                </div>
                <span className="mt-0.5 block text-xs text-gray-500">
                  {t(`coaching.standing.${tone}`)}
                  {you ? ` · ${t('coaching.observations', { n: you.n })}` : ''}
                </span>
              </td>
              <td className="px-3 py-2 text-right text-gray-700 tabular-nums">{formatShare(team?.value, lng)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
