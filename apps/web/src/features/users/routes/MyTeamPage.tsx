import { Info, Users } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { LiveBadge } from '../../../components/LiveBadge';
import { PageHeader } from '../../../components/PageHeader';
import { Skeleton } from '../../../components/ui/Skeleton';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { MyTeamTable } from '../components/MyTeamTable';
import { groupByTeam } from '../components/myTeam';
import { useMyTeamFloor } from '../hooks/useMyTeamFloor';

/**
 * A manager's read-only view of the people in the teams they lead, live: the same floor the
 * command center subscribes to, so states and today's numbers agree with its board, and every
 * count here is of the rows shown.
 */
export function MyTeamPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const floor = useMyTeamFloor();
  const agents = floor.members;
  const groups = useMemo(() => groupByTeam(agents ?? [], lng), [agents, lng]);
  const n = (v: number) => formatNumber(v, lng);

  return (
    <>
      <PageHeader title={t('team.title')} documentTitle={t('team.title')} subtitle={t('team.subtitle')} actions={<LiveBadge />} />
      {floor.error && !agents ? (
        <ErrorState title={t('team.error')} error={floor.error} onRetry={floor.retry} />
      ) : !agents ? (
        <div role="status" aria-label={t('common.loading')} className="space-y-3">
          <Skeleton className="h-8 w-1/2" />
          <Skeleton className="h-64" />
        </div>
      ) : agents.length === 0 ? (
        <section className="rounded-lg border border-gray-200 bg-white shadow-xs">
          <EmptyState icon={Users} title={t('team.empty')} />
        </section>
      ) : (
        <>
          <div className="mb-4 flex flex-wrap items-center gap-2">
            <p className="text-sm font-medium text-gray-900" data-member-count={agents.length}>
              {t('team.count', { count: agents.length, n: n(agents.length) })}
            </p>
            <ul aria-label={t('team.teamsLabel')} className="flex min-w-0 flex-wrap gap-2">
              {groups.map((g) => (
                <li
                  key={g.teamId ?? 'none'}
                  data-team-count={g.members.length}
                  className="min-w-0 max-w-full rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-200"
                >
                  <span className="inline-block max-w-48 truncate align-bottom font-medium text-gray-900" title={g.name ?? t('team.noTeam')}>
                    {g.name ?? t('team.noTeam')}
                  </span>
                  <span className="text-gray-600">
                    {' '}
                    · {t('team.members')}: {n(g.members.length)}
                  </span>
                </li>
              ))}
            </ul>
          </div>
          <section aria-label={t('team.members')} className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
            <MyTeamTable groups={groups} />
          </section>
          <p className="mt-2 text-xs text-gray-600">{t('team.live')}</p>
        </>
      )}
      <p className="mt-3 flex items-center gap-1.5 text-xs text-gray-600">
        <Info aria-hidden className="size-3.5" />
        {t('team.readOnly')}
      </p>
    </>
  );
}
