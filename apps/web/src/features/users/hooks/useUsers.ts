import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../auth';
import { userKeys } from '../api/userKeys';
import { usersApi } from '../api/usersApi';

/** Users the signed-in person may see (all for admins, their teams for managers). */
export function useUsers() {
  const { abilities } = useCurrentUser();
  return useQuery({
    queryKey: userKeys.list(),
    queryFn: ({ signal }) => usersApi.list(signal),
    enabled: abilities.viewTeam,
    staleTime: 5 * 60_000,
  });
}
