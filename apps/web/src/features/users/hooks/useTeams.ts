import { useQuery } from '@tanstack/react-query';
import { useCurrentUser } from '../../auth';
import { teamKeys } from '../api/userKeys';
import { usersApi } from '../api/usersApi';

export function useTeams() {
  const { abilities } = useCurrentUser();
  return useQuery({
    queryKey: teamKeys.list(),
    queryFn: ({ signal }) => usersApi.teams(signal),
    enabled: abilities.viewTeam,
    staleTime: 5 * 60_000,
  });
}
