import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  BulkUsersBody,
  BulkUsersResult,
  CreateTeamBody,
  CreateUserBody,
  DeactivateUserResult,
  Team,
  UpdateTeamBody,
  UpdateUserBody,
  User,
} from '@telehub/shared';
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

/** Checks (dryRun) or creates the people of a CSV; a real run refetches the lists. */
export function useBulkInvite() {
  const qc = useQueryClient();
  return useMutation<BulkUsersResult, Error, BulkUsersBody>({
    mutationFn: (body) => usersApi.bulk(body),
    onSuccess: (result) =>
      result.dryRun ? undefined : Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: teamKeys.all })]),
  });
}

/** Deactivates with a hand-over (null: the unassigned pool); leads and callbacks moved, so every list refetches. */
export function useDeactivateUser() {
  const qc = useQueryClient();
  return useMutation<DeactivateUserResult, Error, { id: string; handOverTo: string | null }>({
    mutationFn: ({ id, handOverTo }) => usersApi.deactivate(id, { handOverTo }),
    onSuccess: () => qc.invalidateQueries(),
  });
}

export function useReactivateUser() {
  const qc = useQueryClient();
  return useMutation<User, Error, string>({
    mutationFn: (id) => usersApi.reactivate(id),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: userKeys.all }), qc.invalidateQueries({ queryKey: teamKeys.all })]),
  });
}
