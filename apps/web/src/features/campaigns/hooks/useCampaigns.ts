import { useQuery } from '@tanstack/react-query';
import { campaignKeys, campaignsApi } from '../api/campaignsApi';

export function useCampaigns() {
  return useQuery({ queryKey: campaignKeys.list(), queryFn: ({ signal }) => campaignsApi.list(signal), staleTime: 5 * 60_000 });
}
