import { useQueries, useQuery } from '@tanstack/react-query';
import { campaignKeys, campaignsApi } from '../api/campaignsApi';

/** Every campaign. Pickers elsewhere (filters, rules, imports) can live with a list a few minutes old; `refreshMs` asks more often. */
export function useCampaigns(refreshMs?: number) {
  return useQuery({
    queryKey: campaignKeys.list(),
    queryFn: ({ signal }) => campaignsApi.list(signal),
    staleTime: refreshMs ?? 5 * 60_000,
    refetchInterval: refreshMs,
  });
}

/** One campaign (null: none). `refreshMs` re-reads it on a timer (its mode or script may change while agents work it). */
export function useCampaign(id: string | null, refreshMs?: number) {
  return useQuery({
    queryKey: campaignKeys.detail(id ?? ''),
    queryFn: ({ signal }) => campaignsApi.get(id ?? '', signal),
    enabled: id !== null,
    refetchInterval: refreshMs,
  });
}

/** The live figures: the server works them out from the queue and today's calls, so they are asked for every 5 s. */
export function useCampaignStats(id: string | null, pollMs = 5_000) {
  return useQuery({
    queryKey: campaignKeys.stats(id ?? ''),
    queryFn: ({ signal }) => campaignsApi.stats(id ?? '', signal),
    enabled: id !== null,
    refetchInterval: pollMs,
    staleTime: pollMs / 2,
  });
}

/** Figures of several campaigns at once (the list's "agents now" and abandon rate); each fails on its own. */
export function useCampaignStatsMany(ids: string[], pollMs = 30_000) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: campaignKeys.stats(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => campaignsApi.stats(id, signal),
      refetchInterval: pollMs,
      staleTime: pollMs / 2,
    })),
  });
}
