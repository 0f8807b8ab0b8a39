import type { SkillMatrix } from '@telehub/shared';
import { BarChart3 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { useCurrentUser } from '../../auth';
import { useCoachingItems, useSkillMatrix } from '../hooks/useCoaching';
import { CoachingItemCard } from './CoachingItemCard';
import { ItemList } from './ItemList';
import { MeasuredList } from './MeasuredList';
import { MySkills } from './MySkills';
import { Panel } from './Panel';
import { SkillTrend } from './SkillTrend';

/** The skill the trend opens on: the first one the telecaller has figures for. */
function firstMeasured(matrix: SkillMatrix, agentId: string): string | null {
  const mine = matrix.agents.find((a) => a.id === agentId)?.skills ?? {};
  return (matrix.skills.find((s) => (mine[s.key]?.n ?? 0) > 0) ?? matrix.skills[0])?.key ?? null;
}

function Skills({ matrix, agentId }: { matrix: SkillMatrix; agentId: string }) {
  const { t } = useTranslation();
  const [skill, setSkill] = useState<string | null>(null);
  const chosen = skill ?? firstMeasured(matrix, agentId);
  if (matrix.skills.length === 0 || chosen === null)
    return <EmptyState icon={BarChart3} title={t('coaching.noScores.title')} body={t('coaching.noScores.bodyMine')} />;
  return (
    <>
      <MySkills matrix={matrix} agentId={agentId} />
      <div className="border-t border-gray-200">
        <SkillTrend agentId={agentId} skills={matrix.skills} skill={chosen} onSkill={setSkill} />
      </div>
    </>
  );
}

/** A telecaller's coaching: what to work on first, what has been measured, and their skills beside the team's. */
export function MyCoaching() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const matrix = useSkillMatrix();
  const items = useCoachingItems();
  const open = items.data?.items.filter((i) => i.status === 'open') ?? [];
  const measured = items.data?.items.filter((i) => i.status === 'measured') ?? [];
  return (
    <>
      <PageHeader title={t('coaching.my.title')} documentTitle={t('coaching.my.title')} subtitle={t('coaching.my.subtitle')} />
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="min-w-0 space-y-5">
          <section aria-label={t('coaching.open.titleMine')}>
            <h2 className="mb-2 text-sm font-semibold text-gray-900">{t('coaching.open.titleMine')}</h2>
            <ItemList query={items} count={open.length} empty={t('coaching.open.emptyMine')}>
              {open.map((item) => (
                <CoachingItemCard key={item.id} item={item} />
              ))}
            </ItemList>
          </section>
          {items.isSuccess && (
            <Panel title={t('coaching.measured.title')}>
              <MeasuredList items={measured} />
            </Panel>
          )}
        </div>
        <Panel title={t('coaching.mySkills.title')}>
          {matrix.isPending ? (
            <TableSkeleton rows={6} />
          ) : matrix.isError ? (
            <ErrorState title={t('coaching.loadError')} error={matrix.error} onRetry={() => void matrix.refetch()} />
          ) : (
            <Skills matrix={matrix.data} agentId={user.id} />
          )}
        </Panel>
      </div>
    </>
  );
}
