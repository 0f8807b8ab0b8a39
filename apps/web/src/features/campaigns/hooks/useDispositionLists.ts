import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CampaignDispositions, Disposition, DispositionList } from '@telehub/shared';
import { callKeys } from '../../calls';
import { campaignKeys, campaignsApi } from '../api/campaignsApi';

export function useCampaignDispositions(id: string) {
  return useQuery({ queryKey: campaignKeys.dispositions(id), queryFn: ({ signal }) => campaignsApi.dispositions(id, signal) });
}

/** Every list a wrap-up or a campaign page reads is read again after a change. */
const refreshLists = (qc: ReturnType<typeof useQueryClient>) =>
  Promise.all([qc.invalidateQueries({ queryKey: callKeys.dispositionLists() }), qc.invalidateQueries({ queryKey: [...campaignKeys.all, 'dispositions'] })]);

/** Saves a campaign's own list (items), or sends it back to the organisation's (null). */
export function useSaveCampaignDispositions(id: string) {
  const qc = useQueryClient();
  return useMutation<CampaignDispositions, Error, Disposition[] | null>({
    mutationFn: (items) => (items ? campaignsApi.saveDispositions(id, items) : campaignsApi.clearDispositions(id)),
    onSuccess: async (saved) => {
      qc.setQueryData(campaignKeys.dispositions(id), saved);
      await refreshLists(qc);
    },
  });
}

export function useSaveOrgDispositions() {
  const qc = useQueryClient();
  return useMutation<DispositionList, Error, Disposition[]>({
    mutationFn: (items) => campaignsApi.saveOrgDispositions(items),
    onSuccess: async (saved) => {
      qc.setQueryData(callKeys.dispositions(null), saved);
      await refreshLists(qc);
    },
  });
}
