import type { Team, User } from '@telehub/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTableHead, tableCell } from '../../../components/DataTableHead';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatDateTime, formatPhone, formatRelative, languageName } from '../../../lib/format';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        active ? 'bg-emerald-50 text-emerald-800 ring-emerald-200' : 'bg-gray-100 text-gray-600 ring-gray-200',
      )}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', active ? 'bg-emerald-500' : 'bg-gray-400')} />
      {active ? t('users.active') : t('users.deactivated')}
    </span>
  );
}

/** `actions`: the buttons of a row (edit, deactivate), when the viewer may change users. */
export function UsersTable({ users, teams, actions, label }: { users: User[]; teams: Team[]; actions?: (user: User) => ReactNode; label: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const teamName = (id: string | null) => (id ? (teams.find((tm) => tm.id === id)?.name ?? '—') : null);
  return (
    <div className="overflow-x-auto">
      <table className="w-full border-collapse text-sm" aria-label={label}>
        <DataTableHead
          columns={[
            { label: t('users.columns.name') },
            { label: t('users.columns.role') },
            { label: t('users.columns.team'), className: 'hidden md:table-cell' },
            { label: t('users.columns.languages'), className: 'hidden lg:table-cell' },
            { label: t('users.columns.status'), className: 'hidden sm:table-cell' },
            { label: t('users.columns.lastLogin'), className: 'hidden md:table-cell' },
            ...(actions ? [{ label: t('common.actions'), className: 'text-right', hidden: true }] : []),
          ]}
        />
        <tbody className="divide-y divide-gray-100">
          {users.map((u) => (
            <tr key={u.id} className={cn(!u.active && 'bg-gray-50/60')}>
              <td className={cn(tableCell, 'max-w-72')}>
                <p className={cn('truncate font-medium', u.active ? 'text-gray-900' : 'text-gray-600')}>{u.name}</p>
                <p className="truncate text-xs text-gray-600">
                  {u.email}
                  {u.phone && <span className="hidden xl:inline"> · {formatPhone(u.phone)}</span>}
                </p>
              </td>
              <td className={cn(tableCell, 'whitespace-nowrap text-gray-800')}>{t(`roles.${u.role}`)}</td>
              <td className={cn(tableCell, 'hidden text-gray-800 md:table-cell')}>
                {teamName(u.teamId) ?? <span className="text-gray-500">{t('users.noTeam')}</span>}
              </td>
              <td className={cn(tableCell, 'hidden text-gray-700 lg:table-cell')}>{u.languages.map((l) => languageName(l, lng)).join(', ') || '—'}</td>
              <td className={cn(tableCell, 'hidden sm:table-cell')}>
                <ActiveBadge active={u.active} />
              </td>
              <td className={cn(tableCell, 'hidden whitespace-nowrap text-gray-700 md:table-cell')}>
                {u.lastLoginAt ? (
                  <time dateTime={u.lastLoginAt} title={formatDateTime(u.lastLoginAt, lng)}>
                    {formatRelative(u.lastLoginAt, lng)}
                  </time>
                ) : (
                  <span className="text-gray-500">{t('common.never')}</span>
                )}
              </td>
              {actions && <td className={cn(tableCell, 'text-right')}>{actions(u)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
