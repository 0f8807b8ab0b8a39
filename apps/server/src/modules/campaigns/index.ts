// Campaigns and their dial queues (campaign_members). Later the dialer works these queues.
// Gives the leads module a campaign filter without exposing its tables.
export { campaignsRoutes } from './campaigns.routes.js';
export { type CampaignsService, createCampaignsService } from './campaigns.service.js';
