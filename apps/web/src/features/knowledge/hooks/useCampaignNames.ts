import { useCampaigns } from '../../campaigns';

/** The campaigns articles and cards may belong to, and a name for each id (archived ones too). */
export function useCampaignNames() {
  const campaigns = useCampaigns();
  const items = campaigns.data?.items ?? [];
  const names = new Map(items.map((c) => [c.id, c.name]));
  return { campaigns: items, nameOf: (id: string) => names.get(id) ?? id.slice(0, 8), isPending: campaigns.isPending };
}
