import type { Campaign, CampaignList } from '@telehub/shared';
import { api } from '../../../lib/api';

export type { Campaign };

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
};

export const campaignsApi = {
  list: (signal?: AbortSignal) => api<CampaignList>('/campaigns', { signal }),
};
