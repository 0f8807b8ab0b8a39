import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Lead, UpdateLeadBody } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { leadsApi } from '../api/leadsApi';

/** Saves a change; the lead shows the server's answer at once, lists and timeline refetch. */
export function useUpdateLead(id: string) {
  const qc = useQueryClient();
  return useMutation<Lead, Error, UpdateLeadBody>({
    mutationFn: (body) => leadsApi.update(id, body),
    onSuccess: async (lead) => {
      qc.setQueryData(leadKeys.detail(id), lead);
      await Promise.all([qc.invalidateQueries({ queryKey: leadKeys.lists() }), qc.invalidateQueries({ queryKey: leadKeys.timeline(id) })]);
    },
  });
}
