// Campaigns and their dial queues (campaign_members). Later the dialer works these queues.
// Gives the leads module a campaign filter without exposing its tables.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { CampaignsService } from './campaigns.service.js';

export { campaignsPolicy } from './campaigns.policy.js';
export type { AttemptOutcome, CampaignQueueService, LeasedMember } from './campaigns.queue-service.js';
export { ABANDON_REST_MS } from './campaigns.retry.js';
export { campaignsRoutes } from './campaigns.routes.js';
export { CampaignErrors, type CampaignsService, createCampaignAccess, createCampaignsService } from './campaigns.service.js';

/** Campaign places are lead data: they follow merges and leave with an erased person. */
export function register(_r: Registrar, s: { campaigns: CampaignsService; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.campaigns.dataHolder);
}
