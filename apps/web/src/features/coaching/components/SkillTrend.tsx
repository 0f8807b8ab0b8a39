import type { SkillHistory, SkillRef } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../../components/ErrorState';
import { Select } from '../../../components/ui/Select';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { intlLocale } from '../../../i18n';
import { useSkillHistory } from '../hooks/useCoaching';
import { useSkillLabel } from '../hooks/useSkillLabel';
import { formatShare, trendPath } from './coachingFormat';

const W = 300;
const H = 90;
const PAD = { top: 8, right: 8, bottom: 22, left: 34 };

const weekLabel = (weekStart: string, lng: string) =>
  new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(`${weekStart}T00:00:00Z`));

function Chart({ history, title }: { history: SkillHistory; title: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const weeks = history.weeks;
  const you = weeks.map((w) => w.agent?.value ?? null);
  const team = weeks.map((w) => w.team?.value ?? null);
  const x = (i: number) => (weeks.length > 1 ? (i * W) / (weeks.length - 1) : W / 2);
  const y = (v: number) => (1 - v) * H;
  if (you.every((v) => v === null) && team.every((v) => v === null)) return <p className="py-4 text-sm text-gray-600">{t('coaching.mySkills.trendEmpty')}</p>;
  return (
    <figure className="relative">
      <svg viewBox={`0 0 ${W + PAD.left + PAD.right} ${H + PAD.top + PAD.bottom}`} className="h-auto w-full max-w-xl" role="img" aria-label={title}>
        <g transform={`translate(${PAD.left} ${PAD.top})`}>
          {[0, 0.5, 1].map((v) => (
            <g key={v}>
              <line x1={0} x2={W} y1={y(v)} y2={y(v)} className="stroke-gray-200" strokeWidth={1} />
              <text x={-6} y={y(v) + 3} textAnchor="end" className="fill-gray-500 text-[9px]">
                {formatShare(v, lng)}
              </text>
            </g>
          ))}
          <path d={trendPath(team, W, H)} fill="none" className="stroke-gray-400" strokeWidth={2} strokeDasharray="4 3" />
          <path d={trendPath(you, W, H)} fill="none" className="stroke-indigo-600" strokeWidth={2.5} />
          {you.map((v, i) => (v === null ? null : <circle key={weeks[i]?.weekStart} cx={x(i)} cy={y(v)} r={3} className="fill-indigo-600" />))}
          {weeks.map((w, i) =>
            i === 0 || i === weeks.length - 1 || i === Math.floor((weeks.length - 1) / 2) ? (
              <text
                key={w.weekStart}
                x={x(i)}
                y={H + 15}
                textAnchor={i === 0 ? 'start' : i === weeks.length - 1 ? 'end' : 'middle'}
                className="fill-gray-500 text-[9px]"
              >
                {weekLabel(w.weekStart, lng)}
              </text>
            ) : null,
          )}
        </g>
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-gray-600">
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0.5 w-4 bg-indigo-600" />
          {t('coaching.you')}
        </span>
        <span className="inline-flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0 w-4 border-t-2 border-dashed border-gray-400" />
          {t('coaching.teamLabel')}
        </span>
      </figcaption>
      {/* The figures for screen readers; a table will not shrink to sr-only's 1 px, so its box does. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('coaching.mySkills.weekHeader')}</th>
              <th scope="col">{t('coaching.you')}</th>
              <th scope="col">{t('coaching.teamLabel')}</th>
            </tr>
          </thead>
          <tbody>
            {weeks.map((w) => (
              <tr key={w.weekStart}>
                <th scope="row">{t('coaching.mySkills.week', { date: weekLabel(w.weekStart, lng) })}</th>
                <td>{formatShare(w.agent?.value, lng)}</td>
                <td>{formatShare(w.team?.value, lng)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}

/** One skill of a telecaller week by week beside the team's, the skill chosen from a list. */
export function SkillTrend({ agentId, skills, skill, onSkill }: { agentId: string; skills: SkillRef[]; skill: string; onSkill: (key: string) => void }) {
  const { t } = useTranslation();
  const label = useSkillLabel();
  const history = useSkillHistory(agentId, skill);
  const ref = skills.find((s) => s.key === skill);
  const title = t('coaching.mySkills.trendLabel', { skill: ref ? label(ref) : skill });
  return (
    <div className="space-y-3 px-4 py-3">
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="trend-skill" className="text-sm font-medium text-gray-800">
          {t('coaching.mySkills.trend')}
        </label>
        <Select
          id="trend-skill"
          className="max-w-xs"
          size="sm"
          value={skill}
          onValueChange={onSkill}
          options={skills.map((s) => ({ value: s.key, label: label(s) }))}
        />
      </div>
      {history.isPending ? (
        <Skeleton className="h-28 w-full max-w-xl" />
      ) : history.isError ? (
        <ErrorState title={t('coaching.mySkills.trendError')} error={history.error} onRetry={() => void history.refetch()} />
      ) : (
        <Chart history={history.data} title={title} />
      )}
    </div>
  );
}
