import type { User } from '@telehub/shared';
import { Pencil, UserCheck, UserX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/Button';

export type RowHandlers = { onEdit: (u: User) => void; onDeactivate: (u: User) => void; onReactivate: (u: User) => void; busyId?: string };

/** Edit, and deactivate or reactivate: the same buttons in the table and on the phone's cards. */
export function UserRowActions({ user, onEdit, onDeactivate, onReactivate, busyId }: RowHandlers & { user: User }) {
  const { t } = useTranslation();
  return (
    <div className="flex justify-end gap-1">
      <Button size="sm" variant="ghost" onClick={() => onEdit(user)} aria-label={t('users.editUser', { name: user.name })}>
        <Pencil aria-hidden className="size-4" />
        <span className="hidden lg:inline">{t('common.edit')}</span>
      </Button>
      {user.active ? (
        <Button size="sm" variant="ghost" onClick={() => onDeactivate(user)} aria-label={t('users.actions.deactivateUser', { name: user.name })}>
          <UserX aria-hidden className="size-4" />
          <span className="hidden lg:inline">{t('users.actions.deactivate')}</span>
        </Button>
      ) : (
        <Button
          size="sm"
          variant="ghost"
          disabled={busyId === user.id}
          onClick={() => onReactivate(user)}
          aria-label={t('users.actions.reactivateUser', { name: user.name })}
        >
          <UserCheck aria-hidden className="size-4" />
          <span className="hidden lg:inline">{t('users.actions.reactivate')}</span>
        </Button>
      )}
    </div>
  );
}
