import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Campaign, CreateCampaignBody, Presence, UpdateCampaignBody } from '@telehub/shared';
import { type CampaignAction, campaignKeys, campaignsApi } from '../api/campaignsApi';

/** A saved campaign replaces the held copy at once; the list and figures are read again. */
export function useSaveCampaign() {
  const qc = useQueryClient();
  return useMutation<Campaign, Error, { id?: string; create?: CreateCampaignBody; update?: UpdateCampaignBody }>({
    mutationFn: ({ id, create, update }) => {
      if (id && update) return campaignsApi.update(id, update);
      if (create) return campaignsApi.create(create);
      throw new Error('useSaveCampaign: nothing to save');
    },
    onSuccess: async (campaign) => {
      qc.setQueryData(campaignKeys.detail(campaign.id), campaign);
      await qc.invalidateQueries({ queryKey: campaignKeys.list() });
    },
  });
}

/** Start, pause, stop or archive. */
export function useCampaignAction() {
  const qc = useQueryClient();
  return useMutation<Campaign, Error, { id: string; action: CampaignAction }>({
    mutationFn: ({ id, action }) => campaignsApi.act(id, action),
    onSuccess: async (campaign) => {
      qc.setQueryData(campaignKeys.detail(campaign.id), campaign);
      await Promise.all([qc.invalidateQueries({ queryKey: campaignKeys.list() }), qc.invalidateQueries({ queryKey: campaignKeys.stats(campaign.id) })]);
    },
  });
}

/** Adds leads by id to the campaign's queue; the answer says how many were new to it. */
export function useAddCampaignLeads() {
  const qc = useQueryClient();
  return useMutation<{ added: number }, Error, { id: string; leadIds: string[] }>({
    mutationFn: ({ id, leadIds }) => campaignsApi.addLeads(id, leadIds),
    onSuccess: (_, { id }) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: campaignKeys.detail(id) }),
        qc.invalidateQueries({ queryKey: campaignKeys.stats(id) }),
        qc.invalidateQueries({ queryKey: campaignKeys.list() }),
      ]),
  });
}

/** A manager moves an agent between campaigns; the floor shows it when the server pushes the new presence. */
export function useMoveAgent() {
  const qc = useQueryClient();
  return useMutation<Presence, Error, { userId: string; campaignId: string | null }>({
    mutationFn: ({ userId, campaignId }) => campaignsApi.moveAgent(userId, campaignId),
    onSuccess: () => qc.invalidateQueries({ queryKey: campaignKeys.statsAll() }),
  });
}
