// Campaigns: the list other features pick a campaign from (filters, rules, imports).
export { useCampaigns } from './hooks/useCampaigns';
