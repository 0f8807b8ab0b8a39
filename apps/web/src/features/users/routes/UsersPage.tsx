import type { User } from '@telehub/shared';
import { UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Button } from '../../../components/ui/Button';
import { UserDialog } from '../components/UserDialog';
import { UsersTable } from '../components/UsersTable';
import { useTeams } from '../hooks/useTeams';
import { useUsers } from '../hooks/useUsers';

type Editing = { mode: 'create' } | { mode: 'edit'; user: User } | null;

export function UsersPage() {
  const { t } = useTranslation();
  const users = useUsers();
  const teams = useTeams();
  const [editing, setEditing] = useState<Editing>(null);
  const items = [...(users.data?.items ?? [])].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

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
        {users.isPending ? (
          <TableSkeleton />
        ) : users.isError ? (
          <ErrorState title={t('users.error')} error={users.error} onRetry={() => void users.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState icon={Users} title={t('users.empty')} />
        ) : (
          <UsersTable users={items} teams={teams.data?.items ?? []} label={t('users.tableLabel')} onEdit={(user) => setEditing({ mode: 'edit', user })} />
        )}
      </section>
      {editing && <UserDialog user={editing.mode === 'edit' ? editing.user : undefined} teams={teams.data?.items ?? []} onClose={() => setEditing(null)} />}
    </>
  );
}
