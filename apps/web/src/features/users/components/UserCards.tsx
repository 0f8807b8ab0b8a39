import type { Team, User } from '@telehub/shared';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../hooks/useLocale';
import { cn } from '../../../lib/cn';
import { formatPhone, formatRelative, languageName } from '../../../lib/format';
import { type RowHandlers, UserRowActions } from './UserRowActions';
import { ActiveBadge } from './UsersTable';

/** The users as cards, for a phone: every field the table shows, nothing cut off. */
export function UserCards({ users, teams, label, ...handlers }: RowHandlers & { users: User[]; teams: Team[]; label: string }) {
  const { t } = useTranslation();
  const lng = useLocale();
  const teamName = (id: string | null) => (id ? (teams.find((tm) => tm.id === id)?.name ?? '—') : t('users.noTeam'));
  return (
    <ul aria-label={label} className="divide-y divide-gray-100">
      {users.map((u) => (
        <li key={u.id} className={cn('px-4 py-3', !u.active && 'bg-gray-50/60')}>
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <p className={cn('font-medium break-words', u.active ? 'text-gray-900' : 'text-gray-600')}>{u.name}</p>
              <p className="text-xs break-all text-gray-600">{u.email}</p>
            </div>
            <ActiveBadge active={u.active} />
          </div>
          <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 text-xs">
            <dt className="text-gray-500">{t('users.columns.role')}</dt>
            <dd className="text-gray-800">{t(`roles.${u.role}`)}</dd>
            <dt className="text-gray-500">{t('users.columns.team')}</dt>
            <dd className="text-gray-800">{teamName(u.teamId)}</dd>
            {u.phone && (
              <>
                <dt className="text-gray-500">{t('users.form.phone')}</dt>
                <dd className="text-gray-800">{formatPhone(u.phone)}</dd>
              </>
            )}
            <dt className="text-gray-500">{t('users.columns.languages')}</dt>
            <dd className="text-gray-800">{u.languages.map((l) => languageName(l, lng)).join(', ') || '—'}</dd>
            <dt className="text-gray-500">{t('users.columns.lastLogin')}</dt>
            <dd className="text-gray-800">{u.lastLoginAt ? formatRelative(u.lastLoginAt, lng) : t('common.never')}</dd>
          </dl>
          <div className="mt-2">
            <UserRowActions user={u} {...handlers} />
          </div>
        </li>
      ))}
    </ul>
  );
}
