import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FollowupRule, FollowupRuleInput, FollowupRulePatch, FollowupRun } from '@telehub/shared';
import { followupKeys, followupsApi } from '../api/followupsApi';

export function useFollowupRules() {
  return useQuery({ queryKey: followupKeys.rules(), queryFn: ({ signal }) => followupsApi.rules(signal) });
}

/** The templates messaging offers; a server without them (or an error) leaves free text. */
export function useTemplateChoices() {
  return useQuery({ queryKey: followupKeys.templates(), queryFn: ({ signal }) => followupsApi.templates(signal), staleTime: 5 * 60_000, retry: false });
}

export function useSaveFollowupRule() {
  const qc = useQueryClient();
  return useMutation<FollowupRule, Error, { id?: string; create?: FollowupRuleInput; update?: FollowupRulePatch }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return followupsApi.update(id, update);
      if (create) return followupsApi.create(create);
      throw new Error('useSaveFollowupRule: nothing to save');
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.rules() }),
  });
}

export function useDeleteFollowupRule() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => followupsApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.all }),
  });
}

export function useLeadFollowups(leadId: string) {
  return useQuery({ queryKey: followupKeys.lead(leadId), queryFn: ({ signal }) => followupsApi.leadRuns(leadId, signal) });
}

export function useCancelFollowup(leadId: string) {
  const qc = useQueryClient();
  return useMutation<FollowupRun, Error, string>({
    mutationFn: (runId) => followupsApi.cancel(runId),
    onSuccess: () => qc.invalidateQueries({ queryKey: followupKeys.lead(leadId) }),
  });
}
