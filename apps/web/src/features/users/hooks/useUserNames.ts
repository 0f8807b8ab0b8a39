import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth';
import { useUsers } from './useUsers';

/**
 * Turns a user id into a name. Telecallers cannot list users, so they know only themselves;
 * managers know the people of their own teams.
 */
export function useUserNames() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const users = useUsers();
  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const u of users.data?.items ?? []) map.set(u.id, u.name);
    map.set(user.id, user.name);
    return map;
  }, [users.data, user.id, user.name]);

  const nameOf = useCallback((id: string | null | undefined): string => (id ? (names.get(id) ?? t('common.unknownUser')) : t('common.unassigned')), [names, t]);

  return { names, nameOf, loading: users.isPending && users.fetchStatus !== 'idle' };
}
