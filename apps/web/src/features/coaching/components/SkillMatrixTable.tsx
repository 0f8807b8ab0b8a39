import type { SkillMatrix, SkillValue } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatNumber } from '../../../lib/format';
import { useSkillLabel } from '../hooks/useSkillLabel';
import { formatShare, STANDING_TONE, type Standing, standing } from './coachingFormat';

function Cell({ value, tone }: { value: SkillValue | undefined; tone: Standing | null }) {
  const { t } = useTranslation();
  const lng = useLocale();
  return (
    <td className="px-1 py-1 text-center">
      <div className={cn('rounded-md px-2 py-1 ring-1 ring-inset', tone ? STANDING_TONE[tone] : 'bg-gray-100 text-gray-900 ring-gray-200')}>
        <span className="block text-sm font-semibold tabular-nums">{value ? formatShare(value.value, lng) : t('coaching.noValue')}</span>
        {value && <span className="block text-[11px] opacity-75 tabular-nums">{t('coaching.observations', { n: formatNumber(value.n, lng) })}</span>}
        {tone && <span className="sr-only">{t(`coaching.standing.${tone}`)}</span>}
      </div>
    </td>
  );
}

/** Telecallers by skills: each cell the share of calls that went right with its count, coloured against the team. */
export function SkillMatrixTable({ matrix }: { matrix: SkillMatrix }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const label = useSkillLabel();
  const legend: Standing[] = ['above', 'level', 'below', 'wellBelow', 'few'];
  if (matrix.skills.length === 0) return <p className="px-4 py-5 text-sm text-gray-600">{t('coaching.matrix.noSkills')}</p>;
  const stickyCell = 'sticky left-0 z-10 bg-white px-3 py-1 text-left';
  return (
    <div>
      {/* Scrolls inside its own box at phone width (the browser lets the keyboard scroll it); the names stay in view. Relative, so the cells' screen-reader words are clipped with it rather than widening the page. */}
      <div className="relative overflow-x-auto overscroll-x-contain">
        <table aria-label={t('coaching.matrix.label')} className="min-w-full border-separate border-spacing-0 text-sm">
          <thead>
            <tr className="align-bottom">
              <th scope="col" className={cn(stickyCell, 'py-2 text-xs font-medium text-gray-600')}>
                {t('coaching.matrix.telecaller')}
              </th>
              <th scope="col" className="px-2 py-2 text-right text-xs font-medium text-gray-600">
                {t('coaching.matrix.calls')}
              </th>
              {matrix.skills.map((s) => (
                <th key={s.key} scope="col" className="w-28 min-w-24 px-1 py-2 text-center text-xs leading-snug font-medium text-gray-700" title={label(s)}>
                  <span className="line-clamp-3">{label(s)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="bg-gray-50">
              <th scope="row" className={cn(stickyCell, 'bg-gray-50 font-semibold text-gray-900')}>
                {t('coaching.teamLabel')}
              </th>
              <td className="px-2 py-1 text-right text-gray-600 tabular-nums">
                {formatNumber(
                  matrix.agents.reduce((n, a) => n + a.calls, 0),
                  lng,
                )}
              </td>
              {matrix.skills.map((s) => (
                <Cell key={s.key} value={matrix.team[s.key]} tone={null} />
              ))}
            </tr>
            {matrix.agents.map((a) => (
              <tr key={a.id}>
                <th scope="row" className={cn(stickyCell, 'max-w-40 truncate font-medium text-gray-900')}>
                  {a.name}
                </th>
                <td className="px-2 py-1 text-right text-gray-600 tabular-nums">{formatNumber(a.calls, lng)}</td>
                {matrix.skills.map((s) => (
                  <Cell key={s.key} value={a.skills[s.key]} tone={standing(a.skills[s.key], matrix.team[s.key])} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-t border-gray-100 px-4 py-2 text-xs text-gray-600">
        <span>{t('coaching.matrix.legend')}</span>
        {legend.map((s) => (
          <span key={s} className="inline-flex items-center gap-1">
            <span aria-hidden className={cn('inline-block size-3 rounded-sm ring-1 ring-inset', STANDING_TONE[s])} />
            {t(`coaching.standing.${s}`)}
          </span>
        ))}
      </div>
    </div>
  );
}
