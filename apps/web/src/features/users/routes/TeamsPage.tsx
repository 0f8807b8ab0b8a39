import type { Team } from '@telehub/shared';
import { Pencil, Plus, UsersRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Button } from '../../../components/ui/Button';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDate, formatNumber } from '../../../lib/format';
import { TeamDialog } from '../components/TeamDialog';
import { useTeams } from '../hooks/useTeams';
import { useUsers } from '../hooks/useUsers';

type Editing = { mode: 'create' } | { mode: 'edit'; team: Team } | null;

export function TeamsPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const teams = useTeams();
  const users = useUsers();
  const [editing, setEditing] = useState<Editing>(null);
  const userName = (id: string | null) => (id ? users.data?.items.find((u) => u.id === id)?.name : undefined);

  return (
    <>
      <PageHeader
        title={t('teams.title')}
        documentTitle={t('teams.title')}
        subtitle={t('teams.subtitle')}
        actions={
          <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
            <Plus aria-hidden className="size-4" />
            {t('teams.add')}
          </Button>
        }
      />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        {teams.isPending ? (
          <TableSkeleton rows={4} />
        ) : teams.isError ? (
          <ErrorState title={t('teams.error')} error={teams.error} onRetry={() => void teams.refetch()} />
        ) : teams.data.items.length === 0 ? (
          <EmptyState icon={UsersRound} title={t('teams.empty')} />
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={t('teams.tableLabel')}>
              <DataTableHead
                columns={[
                  { label: t('teams.columns.name') },
                  { label: t('teams.columns.manager') },
                  { label: t('teams.columns.members'), className: 'text-right' },
                  { label: t('teams.columns.created'), className: 'hidden sm:table-cell' },
                  { label: t('common.actions'), className: 'text-right', hidden: true },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {teams.data.items.map((team) => (
                  <tr key={team.id}>
                    <td className={cn(tableCell, 'font-medium text-gray-900')}>{team.name}</td>
                    <td className={cn(tableCell, 'text-gray-800')}>
                      {userName(team.managerId) ?? <span className="text-gray-500">{t('teams.noManager')}</span>}
                    </td>
                    <td className={cn(tableCell, 'text-right text-gray-800 tabular-nums')}>{formatNumber(team.memberCount, lng)}</td>
                    <td className={cn(tableCell, 'hidden whitespace-nowrap text-gray-700 sm:table-cell')}>{formatDate(team.createdAt, lng)}</td>
                    <td className={cn(tableCell, 'text-right')}>
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => setEditing({ mode: 'edit', team })}
                        aria-label={t('teams.editTeam', { name: team.name })}
                      >
                        <Pencil aria-hidden className="size-4" />
                        <span className="hidden sm:inline">{t('common.edit')}</span>
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing && <TeamDialog team={editing.mode === 'edit' ? editing.team : undefined} users={users.data?.items ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}
