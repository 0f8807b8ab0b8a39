import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AssignmentRule, AssignmentRulePatch, AssignResult, BulkAssignBody } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { assignmentApi, assignmentKeys, type RuleInput } from '../api/assignmentApi';

export function useAssignmentRules() {
  return useQuery({ queryKey: assignmentKeys.rules(), queryFn: ({ signal }) => assignmentApi.rules(signal) });
}

export function useSaveRule() {
  const qc = useQueryClient();
  return useMutation<AssignmentRule, Error, { id?: string; create?: RuleInput; update?: AssignmentRulePatch }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return assignmentApi.update(id, update);
      if (create) return assignmentApi.create(create);
      throw new Error('useSaveRule: nothing to save');
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: assignmentKeys.all }),
  });
}

export function useDeleteRule() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => assignmentApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: assignmentKeys.all }),
  });
}

/** Owners change: every list and lead page refetches. */
export function useRunAssignment() {
  const qc = useQueryClient();
  return useMutation<{ assigned: number }, Error, void>({
    mutationFn: () => assignmentApi.run(),
    onSuccess: () => qc.invalidateQueries({ queryKey: leadKeys.all }),
  });
}

export function useBulkAssign() {
  const qc = useQueryClient();
  return useMutation<AssignResult, Error, BulkAssignBody>({
    mutationFn: (body) => assignmentApi.bulkAssign(body),
    onSuccess: () => qc.invalidateQueries({ queryKey: leadKeys.all }),
  });
}
