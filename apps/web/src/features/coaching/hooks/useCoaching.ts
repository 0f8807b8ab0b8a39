import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CoachingItem, CreateCoachingItemBody } from '@telehub/shared';
import { coachingApi, coachingKeys, type ItemQuery } from '../api/coachingApi';

/** The window the skills are read over (the server's default). */
export const SKILL_DAYS = 30;
export const TREND_WEEKS = 8;

export function useSkillMatrix(days = SKILL_DAYS) {
  return useQuery({ queryKey: coachingKeys.skills(days), queryFn: ({ signal }) => coachingApi.skills(days, signal) });
}

export function useSkillHistory(agentId: string, skill: string | null, weeks = TREND_WEEKS) {
  return useQuery({
    queryKey: coachingKeys.history(agentId, skill ?? '', weeks),
    queryFn: ({ signal }) => coachingApi.history(agentId, skill ?? '', weeks, signal),
    enabled: skill !== null,
    placeholderData: keepPreviousData,
  });
}

export function useCoachingItems(q: ItemQuery = {}) {
  return useQuery({ queryKey: coachingKeys.itemList(q), queryFn: ({ signal }) => coachingApi.items(q, signal) });
}

/** Items change by hand, by suggestion, and by measuring: every list of them is read again. */
function useItemsChanged() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: coachingKeys.items() });
}

export function useAssignItem() {
  const changed = useItemsChanged();
  return useMutation<CoachingItem, Error, CreateCoachingItemBody>({ mutationFn: (body) => coachingApi.create(body), onSuccess: () => changed() });
}

export function useDismissItem() {
  const changed = useItemsChanged();
  return useMutation<CoachingItem, Error, string>({ mutationFn: (id) => coachingApi.update(id, { status: 'dismissed' }), onSuccess: () => changed() });
}

export function useSuggestItems() {
  const changed = useItemsChanged();
  return useMutation<{ created: number }, Error, void>({ mutationFn: () => coachingApi.suggest(), onSuccess: () => changed() });
}
