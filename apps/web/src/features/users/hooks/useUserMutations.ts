import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateTeamBody, CreateUserBody, Team, UpdateTeamBody, UpdateUserBody, User } from '@telehub/shared';
import { teamKeys, userKeys } from '../api/userKeys';
import { usersApi } from '../api/usersApi';

/** A user change can move team member counts too, so both lists refetch. */
export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation<User, Error, { id?: string; create?: CreateUserBody; update?: UpdateUserBody }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return usersApi.update(id, update);
      if (create) return usersApi.create(create);
      throw new Error('useSaveUser: nothing to save');
    },
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: teamKeys.all })]),
  });
}

export function useSaveTeam() {
  const qc = useQueryClient();
  return useMutation<Team, Error, { id?: string; create?: CreateTeamBody; update?: UpdateTeamBody }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return usersApi.updateTeam(id, update);
      if (create) return usersApi.createTeam(create);
      throw new Error('useSaveTeam: nothing to save');
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
