// Campaigns: the auto-dialer's campaigns, their editor (with a campaign's own dispositions) and live
// page, the organisation's disposition list (staff, loaded on first visit), and what other features use: the list, one campaign, preview's next lead, moving agents.
export { type CampaignNext, campaignKeys, campaignsApi } from './api/campaignsApi';
export { AddToCampaignBar } from './components/AddToCampaignBar';
export { useMoveAgent } from './hooks/useCampaignMutations';
export { useCampaign, useCampaigns } from './hooks/useCampaigns';

export const loadCampaignsPage = () => import('./routes/CampaignsPage').then((m) => m.CampaignsPage);
export const loadCampaignEditPage = () => import('./routes/CampaignEditPage').then((m) => m.CampaignEditPage);
export const loadCampaignLivePage = () => import('./routes/CampaignLivePage').then((m) => m.CampaignLivePage);
export const loadDispositionsPage = () => import('./routes/DispositionsPage').then((m) => m.DispositionsPage);
