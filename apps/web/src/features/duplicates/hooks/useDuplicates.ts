import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MergeResult } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { duplicateKeys, duplicatesApi } from '../api/duplicatesApi';

export function useDuplicatePairs(page: number, pageSize: number) {
  return useQuery({
    queryKey: duplicateKeys.list(page, pageSize),
    queryFn: ({ signal }) => duplicatesApi.list(page, pageSize, signal),
    placeholderData: keepPreviousData,
  });
}

export function useLeadDuplicates(leadId: string, enabled: boolean) {
  return useQuery({ queryKey: duplicateKeys.ofLead(leadId), queryFn: ({ signal }) => duplicatesApi.ofLead(leadId, signal), enabled });
}

export function useMergePreview(survivorId: string, otherId: string) {
  return useQuery({
    queryKey: duplicateKeys.preview(survivorId, otherId),
    queryFn: ({ signal }) => duplicatesApi.preview(survivorId, otherId, signal),
    staleTime: 0,
  });
}

export function useMergeHistory(leadId: string, enabled: boolean) {
  return useQuery({ queryKey: duplicateKeys.merges(leadId), queryFn: ({ signal }) => duplicatesApi.merges(leadId, signal), enabled });
}

/**
 * Merges, undos and dismissals change which pairs exist and what both leads look like. An open
 * merge preview is left alone: it would now answer 404 for the retired lead, and it is asked
 * afresh whenever the dialog opens.
 */
function useRefreshAfter() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: duplicateKeys.all, predicate: (q) => q.queryKey[1] !== 'preview' }),
      qc.invalidateQueries({ queryKey: leadKeys.all }),
    ]);
}

export function useMergeLeads() {
  const refresh = useRefreshAfter();
  return useMutation<MergeResult, Error, { survivorId: string; otherId: string }>({
    mutationFn: ({ survivorId, otherId }) => duplicatesApi.merge(survivorId, otherId),
    onSuccess: refresh,
  });
}

export function useUndoMerge() {
  const refresh = useRefreshAfter();
  return useMutation<{ survivorId: string; restoredId: string }, Error, string>({ mutationFn: (mergeId) => duplicatesApi.undo(mergeId), onSuccess: refresh });
}

export function useDismissPair() {
  const refresh = useRefreshAfter();
  return useMutation<undefined, Error, { a: string; b: string }>({ mutationFn: ({ a, b }) => duplicatesApi.dismiss(a, b), onSuccess: refresh });
}
