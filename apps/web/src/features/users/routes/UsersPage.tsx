import type { User } from '@telehub/shared';
import { UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { PageHeader } from '../../../components/PageHeader';
import { QueryView } from '../../../components/QueryView';
import { Button } from '../../../components/ui/Button';
import { UserDialog } from '../components/UserDialog';
import { UsersTable } from '../components/UsersTable';
import { useTeams } from '../hooks/useTeams';
import { useUsers } from '../hooks/useUsers';

/** Active people first, then by name. */
const activeFirst = (items: User[]) => [...items].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams();
  const [editing, setEditing] = useState<Editing>(null);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        documentTitle={t('users.title')}
        subtitle={users.data ? `${t('users.subtitle')} ${t('users.count', { count: users.data.total })}` : t('users.subtitle')}
        actions={
          <Button variant="primary" onClick={() => setEditing({ mode: 'create' })}>
            <UserPlus aria-hidden className="size-4" />
            {t('users.add')}
          </Button>
        }
      />
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <QueryView
          query={users}
          errorTitle={t('users.error')}
          isEmpty={(d) => d.items.length === 0}
          empty={<EmptyState icon={Users} title={t('users.empty')} />}
        >
          {(d) => (
            <UsersTable
              users={activeFirst(d.items)}
              teams={teams.data?.items ?? []}
              label={t('users.tableLabel')}
              onEdit={(user) => setEditing({ mode: 'edit', user })}
            />
          )}
        </QueryView>
      </section>
      {editing && <UserDialog user={editing.mode === 'edit' ? editing.user : undefined} teams={teams.data?.items ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}
