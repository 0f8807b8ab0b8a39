import type { ExternalUser } from '@telehub/shared';
import { RefreshCw, UserRoundX } from 'lucide-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { EmptyState } from '../../../components/EmptyState';
import { QueryView } from '../../../components/QueryView';
import { Button } from '../../../components/ui/Button';
import { NONE, type Option, Select } from '../../../components/ui/Select';
import { Spinner } from '../../../components/ui/Spinner';
import { useErrorMessage } from '../../../hooks/useErrorMessage';
import { cn } from '../../../lib/cn';
import { useUsers } from '../../users';
import { useCrmUsers, useLinkCrmUser, useRefreshCrmUsers } from '../hooks/useSources';

/** CRM users and the TeleHub user each one's leads go to. */
export function CrmUsers({ configured }: { configured: boolean }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  const list = useCrmUsers();
  const users = useUsers();
  const refresh = useRefreshCrmUsers();
  const link = useLinkCrmUser();

  const options = useMemo<Option[]>(
    () => [
      { value: NONE, label: t('sources.users.notLinked') },
      ...(users.data?.items ?? [])
        .filter((u) => u.active)
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((u) => ({ value: u.id, label: u.name, hint: t(`roles.${u.role}`) })),
    ],
    [users.data, t],
  );
  const optionsFor = (u: ExternalUser) =>
    u.userId && !options.some((o) => o.value === u.userId) ? [...options, { value: u.userId, label: u.userName ?? t('common.unknownUser') }] : options;

  return (
    <section aria-labelledby="crm-users" className="overflow-hidden rounded-lg border border-gray-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-gray-200 px-4 py-3">
        <div>
          <h2 id="crm-users" className="text-sm font-semibold text-gray-900">
            {t('sources.users.title')}
          </h2>
          <p className="text-xs text-gray-600">{t('sources.users.what')}</p>
        </div>
        <Button size="sm" onClick={() => refresh.mutate()} disabled={!configured || refresh.isPending}>
          {refresh.isPending ? <Spinner /> : <RefreshCw aria-hidden className="size-4" />}
          {t('sources.users.refresh')}
        </Button>
      </div>
      {(refresh.isError || link.isError) && (
        <p role="alert" className="border-b border-gray-200 px-4 py-2 text-sm text-red-700">
          {t('errors.withMessage', { message: message(refresh.error ?? link.error) })}
        </p>
      )}
      <QueryView
        query={list}
        errorTitle={t('sources.users.error')}
        skeletonRows={3}
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyState icon={UserRoundX} title={t('sources.users.empty')} body={configured ? t('sources.users.emptyHint') : undefined} />}
      >
        {(d) => (
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm" aria-label={t('sources.users.title')}>
              <DataTableHead
                columns={[
                  { label: t('sources.users.columns.crmUser') },
                  { label: t('sources.users.columns.email'), className: 'hidden md:table-cell' },
                  { label: t('sources.users.columns.linked'), className: 'w-64' },
                ]}
              />
              <tbody className="divide-y divide-gray-100">
                {d.items.map((u) => {
                  const saving = link.isPending && link.variables?.externalId === u.externalId;
                  const label = u.name ?? u.email ?? u.externalId;
                  return (
                    <tr key={u.externalId}>
                      <td className={cn(tableCell, 'text-gray-900')}>
                        <span className="font-medium">{label}</span>
                        <span className="block text-xs text-gray-600">{t('sources.users.crmId', { id: u.externalId })}</span>
                      </td>
                      <td className={cn(tableCell, 'hidden text-gray-700 md:table-cell')}>{u.email ?? '—'}</td>
                      <td className={tableCell}>
                        <div className="flex items-center gap-2">
                          <Select
                            size="sm"
                            aria-label={t('sources.users.linkFor', { name: label })}
                            value={u.userId ?? NONE}
                            disabled={saving}
                            options={optionsFor(u)}
                            onValueChange={(v) => link.mutate({ externalId: u.externalId, userId: v === NONE ? null : v })}
                          />
                          {saving && <Spinner />}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </section>
  );
}
