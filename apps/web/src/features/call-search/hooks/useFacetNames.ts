import { useCallback, useMemo } from 'react';
import { useCurrentUser } from '../../auth';
import { useCampaigns } from '../../campaigns';
import { useUserNames } from '../../users';

const shortId = (id: string) => id.slice(0, 8);

/**
 * Names for the ids the facets count: campaigns from the campaign list, agents from the users the
 * person may see (staff), else from the agents named in the results; a short id otherwise.
 */
export function useFacetNames(seen: readonly ({ id: string; name: string } | null)[]) {
  const { abilities } = useCurrentUser();
  const campaigns = useCampaigns();
  const { names } = useUserNames();
  const campaignNames = useMemo(() => new Map((campaigns.data?.items ?? []).map((c) => [c.id, c.name])), [campaigns.data]);
  const agentNames = useMemo(() => {
    const map = new Map(names);
    for (const a of seen) if (a?.name) map.set(a.id, a.name);
    return map;
  }, [names, seen]);
  return {
    campaignName: useCallback((id: string) => campaignNames.get(id) ?? shortId(id), [campaignNames]),
    agentName: useCallback((id: string) => agentNames.get(id) ?? shortId(id), [agentNames]),
    /** Only staff choose among agents; a telecaller's calls are all their own. */
    showAgents: abilities.viewTeam,
  };
}
