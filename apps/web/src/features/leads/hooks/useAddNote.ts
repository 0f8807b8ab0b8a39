import { type InfiniteData, useMutation, useQueryClient } from '@tanstack/react-query';
import type { Activity, ActivityList } from '@telehub/shared';
import { leadKeys } from '../../../lib/leadKeys';
import { leadsApi } from '../api/leadsApi';

/** Adds a note and puts it at the top of the timeline straight away. */
export function useAddNote(leadId: string) {
  const qc = useQueryClient();
  return useMutation<Activity, Error, string>({
    mutationFn: (body) => leadsApi.addNote(leadId, body),
    onSuccess: async (note) => {
      qc.setQueryData<InfiniteData<ActivityList, string | undefined>>(leadKeys.timeline(leadId), (data) => {
        if (!data) return data;
        const [first, ...rest] = data.pages;
        if (!first) return data;
        return { ...data, pages: [{ ...first, items: [note, ...first.items.filter((a) => a.id !== note.id)] }, ...rest] };
      });
      await Promise.all([qc.invalidateQueries({ queryKey: leadKeys.timeline(leadId) }), qc.invalidateQueries({ queryKey: leadKeys.lists() })]);
    },
  });
}
