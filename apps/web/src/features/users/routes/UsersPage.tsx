import type { User } from '@telehub/shared';
import { FileUp, SearchX, UserPlus, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/EmptyState';
import { ErrorState } from '../../../components/ErrorState';
import { PageHeader } from '../../../components/PageHeader';
import { Pagination } from '../../../components/Pagination';
import { TableSkeleton } from '../../../components/TableSkeleton';
import { Alert } from '../../../components/ui/Alert';
import { Button } from '../../../components/ui/Button';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { useLocale } from '../../../hooks/useLocale';
import { formatNumber } from '../../../lib/format';
import type { UserPageQuery } from '../api/usersApi';
import { BulkInviteDialog } from '../components/BulkInviteDialog';
import { DeactivateDialog } from '../components/DeactivateDialog';
import { UserCards } from '../components/UserCards';
import { UserDialog } from '../components/UserDialog';
import { UserFilters, type UserFilterValues } from '../components/UserFilters';
import { UserRowActions } from '../components/UserRowActions';
import { UsersTable } from '../components/UsersTable';
import { useTeams } from '../hooks/useTeams';
import { useReactivateUser } from '../hooks/useUserMutations';
import { useUserPage } from '../hooks/useUserPage';

const PAGE_SIZES = [25, 50, 100];

type Open = { kind: 'create' } | { kind: 'edit'; user: User } | { kind: 'deactivate'; user: User } | { kind: 'bulk' } | null;

/** The filters live in the address, so a search can be shared and Back returns to it. */
function readQuery(params: URLSearchParams): UserPageQuery & UserFilterValues {
  const role = params.get('role');
  const active = params.get('active');
  const size = Number(params.get('pageSize'));
  return {
    q: params.get('q') ?? '',
    role: role === 'admin' || role === 'manager' || role === 'telecaller' ? role : undefined,
    teamId: params.get('team') || undefined,
    active: active === 'true' ? true : active === 'false' ? false : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(size) ? size : 50,
  };
}

export function UsersPage() {
  const { t } = useTranslation();
  const lng = useLocale();
  const message = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const query = readQuery(params);
  const users = useUserPage({ ...query, q: query.q || undefined });
  const teams = useTeams();
  const reactivate = useReactivateUser();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  function update(next: Partial<{ q: string; role: string; team: string; active: string; page: string; pageSize: string }>) {
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(next)) {
        if (v) p.set(k, v);
        else p.delete(k);
      }
      if (!('page' in next)) p.delete('page');
      return p;
    });
  }

  const setFilters = (f: UserFilterValues) =>
    update({ q: f.q, role: f.role ?? '', team: f.teamId ?? '', active: f.active === undefined ? '' : String(f.active) });

  const handlers = {
    onEdit: (user: User) => setOpen({ kind: 'edit', user }),
    onDeactivate: (user: User) => setOpen({ kind: 'deactivate', user }),
    onReactivate: (user: User) =>
      reactivate.mutate(user.id, {
        onSuccess: (u) => setNotice({ tone: 'info', text: t('users.actions.reactivated', { name: u.name }) }),
        onError: (err) => setNotice({ tone: 'error', text: message(err) }),
      }),
    busyId: reactivate.isPending ? reactivate.variables : undefined,
  };

  const data = users.data;
  const from = data && data.total > 0 ? (data.page - 1) * data.pageSize + 1 : 0;
  const to = data ? Math.min(data.total, data.page * data.pageSize) : 0;
  const n = (v: number) => formatNumber(v, lng);
  const filtered = Boolean(query.q || query.role || query.teamId || query.active !== undefined);

  return (
    <>
      <PageHeader
        title={t('users.title')}
        documentTitle={t('users.title')}
        subtitle={data && data.total > 0 ? t('users.showing', { from: n(from), to: n(to), total: n(data.total) }) : t('users.subtitle')}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => setOpen({ kind: 'bulk' })}>
              <FileUp aria-hidden className="size-4" />
              {t('users.bulk.open')}
            </Button>
            <Button variant="primary" onClick={() => setOpen({ kind: 'create' })}>
              <UserPlus aria-hidden className="size-4" />
              {t('users.add')}
            </Button>
          </div>
        }
      />
      {notice && (
        <div role="status" className="mb-3">
          <Alert tone={notice.tone}>{notice.text}</Alert>
        </div>
      )}
      <section className="overflow-hidden rounded-lg border border-gray-200 bg-white shadow-xs">
        <UserFilters value={query} teams={teams.data?.items ?? []} onChange={setFilters} />
        {users.isPending ? (
          <TableSkeleton />
        ) : !data ? (
          <ErrorState title={t('users.error')} error={users.error} onRetry={() => void users.refetch()} />
        ) : data.items.length === 0 && data.total === 0 ? (
          filtered ? (
            <EmptyState icon={SearchX} title={t('users.noMatch')} body={t('users.noMatchBody')} />
          ) : (
            <EmptyState icon={Users} title={t('users.empty')} />
          )
        ) : (
          <>
            {users.isError && (
              // A refetch failed: the last good page stays, with the reason.
              <div className="p-3">
                <Alert>{message(users.error)}</Alert>
              </div>
            )}
            <div className="md:hidden">
              <UserCards users={data.items} teams={teams.data?.items ?? []} label={t('users.tableLabel')} {...handlers} />
            </div>
            <div className="hidden md:block" aria-busy={users.isFetching}>
              <UsersTable
                users={data.items}
                teams={teams.data?.items ?? []}
                label={t('users.tableLabel')}
                actions={(u) => <UserRowActions user={u} {...handlers} />}
              />
            </div>
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              pageSizes={PAGE_SIZES}
              onPageChange={(page) => update({ page: String(page) })}
              onPageSizeChange={(size) => update({ pageSize: String(size) })}
            />
          </>
        )}
      </section>
      {(open?.kind === 'create' || open?.kind === 'edit') && (
        <UserDialog user={open.kind === 'edit' ? open.user : undefined} teams={teams.data?.items ?? []} onClose={() => setOpen(null)} />
      )}
      {open?.kind === 'deactivate' && (
        <DeactivateDialog
          user={open.user}
          onClose={() => setOpen(null)}
          onDone={(u) => {
            setOpen(null);
            setNotice({ tone: 'info', text: t('users.actions.deactivated', { name: u.name }) });
          }}
        />
      )}
      {open?.kind === 'bulk' && <BulkInviteDialog onClose={() => setOpen(null)} />}
    </>
  );
}
