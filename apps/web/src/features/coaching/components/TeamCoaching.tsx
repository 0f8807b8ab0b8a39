import { BarChart3, Sparkles } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useCoachingItems, useDismissItem, useSkillMatrix, useSuggestItems } from '../hooks/useCoaching';
import { AssignForm } from './AssignForm';
import { CoachingItemCard } from './CoachingItemCard';
import { CoachingTabs } from './CoachingTabs';
import { ItemList } from './ItemList';
import { MeasuredList } from './MeasuredList';
import { Panel } from './Panel';
import { SkillMatrixTable } from './SkillMatrixTable';

/** A manager's coaching: the open items across their team, assigning one, the team's skills, and what was measured. */
export function TeamCoaching() {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const matrix = useSkillMatrix();
  const items = useCoachingItems();
  const suggest = useSuggestItems();
  const dismiss = useDismissItem();
  const open = items.data?.items.filter((i) => i.status === 'open') ?? [];
  const measured = items.data?.items.filter((i) => i.status === 'measured') ?? [];
  return (
    <>
      <PageHeader
        title={t('coaching.team.title')}
        documentTitle={t('coaching.team.title')}
        subtitle={t('coaching.team.subtitle')}
        actions={
          <Button variant="secondary" onClick={() => suggest.mutate()} disabled={suggest.isPending}>
            <Sparkles aria-hidden className="size-4" />
            {suggest.isPending ? t('coaching.suggest.busy') : t('coaching.suggest.button')}
          </Button>
        }
      />
      <CoachingTabs />
      {suggest.isSuccess && (
        <Alert tone="info" className="mb-4">
          {suggest.data.created > 0 ? t('coaching.suggest.created', { count: suggest.data.created }) : t('coaching.suggest.none')}
        </Alert>
      )}
      {suggest.isError && <Alert className="mb-4">{message(suggest.error)}</Alert>}
      {dismiss.isError && <Alert className="mb-4">{message(dismiss.error)}</Alert>}

      <div className="space-y-5">
        <Panel title={t('coaching.matrix.title')}>
          {matrix.isPending ? (
            <TableSkeleton rows={6} />
          ) : matrix.isError ? (
            <ErrorState title={t('coaching.loadError')} error={matrix.error} onRetry={() => void matrix.refetch()} />
          ) : matrix.data.skills.length === 0 ? (
            <EmptyState icon={BarChart3} title={t('coaching.noScores.title')} body={t('coaching.noScores.bodyTeam')} />
          ) : (
            <SkillMatrixTable matrix={matrix.data} />
          )}
        </Panel>
        <div className="grid gap-5 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <section aria-label={t('coaching.open.titleTeam')} className="min-w-0">
            <h2 className="mb-2 flex items-center gap-2 text-sm font-semibold text-gray-900">
              {t('coaching.open.titleTeam')}
              {open.length > 0 && <span className="rounded-full bg-gray-200 px-2 text-xs font-medium text-gray-700 tabular-nums">{open.length}</span>}
            </h2>
            <ItemList query={items} count={open.length} empty={t('coaching.open.emptyTeam')}>
              {open.map((item) => (
                <CoachingItemCard
                  key={item.id}
                  item={item}
                  agentName={item.agent.name}
                  onDismiss={() => dismiss.mutate(item.id)}
                  dismissing={dismiss.isPending && dismiss.variables === item.id}
                />
              ))}
            </ItemList>
          </section>
          <div className="min-w-0 space-y-5 lg:pt-7">
            <Panel title={t('coaching.assign.title')}>
              {matrix.isPending ? (
                <TableSkeleton rows={3} />
              ) : matrix.isError ? (
                <ErrorState title={t('coaching.loadError')} error={matrix.error} onRetry={() => void matrix.refetch()} />
              ) : (
                <AssignForm matrix={matrix.data} />
              )}
            </Panel>
            {items.isSuccess && (
              <Panel title={t('coaching.measured.title')}>
                <MeasuredList items={measured} showAgent />
              </Panel>
            )}
          </div>
        </div>
      </div>
    </>
  );
}
