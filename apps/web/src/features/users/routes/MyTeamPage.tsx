import { Info, Users } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import { UsersTable } from '../components/UsersTable';
import { useTeams } from '../hooks/useTeams';
import { useUsers } from '../hooks/useUsers';

/** A manager's read-only view of the people in the teams they lead. */
export function MyTeamPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const users = useUsers();
  const teams = useTeams();

  return (
    <>
      <PageHeader title={t('team.title')} documentTitle={t('team.title')} subtitle={t('team.subtitle')} />
      {teams.data && teams.data.items.length > 0 && (
        <ul aria-label={t('team.teamsLabel')} className="mb-4 flex flex-wrap gap-2">
          {teams.data.items.map((team) => (
            <li key={team.id} className="rounded-md bg-white px-3 py-1.5 text-sm ring-1 ring-gray-200">
              <span className="font-medium text-gray-900">{team.name}</span>
              <span className="text-gray-600">
                {' '}
                · {t('team.members')}: {formatNumber(team.memberCount, lng)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={users}
          errorTitle={t('users.error')}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={Users} title={t('team.empty')} />}
        >
          {(d) => <UsersTable users={[...d.items].sort((a, b) => a.name.localeCompare(b.name))} teams={teams.data?.items ?? []} label={t('team.members')} />}
        </QueryView>
      </section>
      <p className="mt-3 flex items-center gap-1.5 text-xs text-gray-600">
        <Info aria-hidden className="size-3.5" />
        {t('team.readOnly')}
      </p>
    </>
  );
}
