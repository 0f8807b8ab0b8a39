import type { Campaign } from '@telehub/shared';
import { useCampaign } from '../../campaigns';
import { usePresence } from './useWorkspaceData';

/**
 * How the desk works now. manual: the agent's own queue and click-to-call. preview: a campaign's
 * next lead, dialed or skipped by the agent. auto: the campaign's dialer sends answered calls by
 * itself. loading: the agent's presence, or their campaign's settings, are not read yet.
 */
export type DeskMode = 'manual' | 'preview' | 'auto' | 'loading';

/** The campaign the agent works (from their presence), read again every minute: a manager may change its mode or script. */
export function useMyCampaign(): { campaignId: string | null; campaign: Campaign | null; mode: DeskMode; query: ReturnType<typeof useCampaign> } {
  const presence = usePresence();
  const campaignId = presence.data?.campaignId ?? null;
  const query = useCampaign(campaignId, 60_000);
  const campaign = campaignId && query.data?.id === campaignId ? query.data : null;
  // Until the agent's presence is read, the desk cannot tell whether it is in a campaign: it shows
  // nothing rather than the agent's own queue for a moment. A failed read falls back to manual work.
  const mode: DeskMode = presence.isPending ? 'loading' : !campaignId ? 'manual' : !campaign ? 'loading' : campaign.dialMode === 'preview' ? 'preview' : 'auto';
  return { campaignId, campaign, mode, query };
}
