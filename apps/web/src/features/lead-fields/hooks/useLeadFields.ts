import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LeadFieldDefinition } from '@telehub/shared';
import { type LeadFieldInput, type LeadFieldPatch, leadFieldKeys, leadFieldsApi } from '../api/leadFieldsApi';

/** The definitions, in their order. They change rarely (an admin in Settings), so pages share one copy for a while. */
export function useLeadFields() {
  return useQuery({ queryKey: leadFieldKeys.list(), queryFn: ({ signal }) => leadFieldsApi.list(signal), staleTime: 5 * 60_000 });
}

/** Keys in the data without a definition (admins). */
export function useUnknownLeadFields() {
  return useQuery({ queryKey: leadFieldKeys.unknown(), queryFn: ({ signal }) => leadFieldsApi.unknown(signal) });
}

export function useSaveLeadField() {
  const qc = useQueryClient();
  return useMutation<LeadFieldDefinition, Error, { id?: string; create?: LeadFieldInput; update?: LeadFieldPatch }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return leadFieldsApi.update(id, update);
      if (create) return leadFieldsApi.create(create);
      throw new Error('useSaveLeadField: nothing to save');
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: leadFieldKeys.all }),
  });
}

export function useDeleteLeadField() {
  const qc = useQueryClient();
  return useMutation<undefined, Error, string>({
    mutationFn: (id) => leadFieldsApi.remove(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: leadFieldKeys.all }),
  });
}

/** Moves a field to a place; the list shows the new order at once and settles on the server's. */
export function useMoveLeadField() {
  const qc = useQueryClient();
  return useMutation<LeadFieldDefinition, Error, { id: string; order: number }, { before: unknown }>({
    // One move at a time, in the order they were asked for, so quick clicks land as the list showed them.
    scope: { id: 'lead-fields.order' },
    mutationFn: ({ id, order }) => leadFieldsApi.update(id, { order }),
    onMutate: async ({ id, order }) => {
      await qc.cancelQueries({ queryKey: leadFieldKeys.list() });
      const before = qc.getQueryData(leadFieldKeys.list());
      qc.setQueryData<{ items: LeadFieldDefinition[] }>(leadFieldKeys.list(), (old) => {
        if (!old) return old;
        const moving = old.items.find((f) => f.id === id);
        if (!moving) return old;
        const rest = old.items.filter((f) => f.id !== id);
        rest.splice(Math.min(order, rest.length), 0, moving);
        return { items: rest.map((f, i) => ({ ...f, order: i })) };
      });
      return { before };
    },
    onError: (_err, _vars, ctx) => qc.setQueryData(leadFieldKeys.list(), ctx?.before),
    onSettled: () => qc.invalidateQueries({ queryKey: leadFieldKeys.list() }),
  });
}
