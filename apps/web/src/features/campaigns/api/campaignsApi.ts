import type {
  Call,
  Campaign,
  CampaignDispositions,
  CampaignList,
  CampaignStats,
  CreateCampaignBody,
  Disposition,
  DispositionList,
  Lead,
  Presence,
  UpdateCampaignBody,
} from '@telehub/shared';
import { api } from '../../../lib/api';

export type { Campaign };

/** What moves a campaign from one status to the next (the server refuses a move that is not allowed, with 409). */
export const CAMPAIGN_ACTIONS = ['start', 'pause', 'stop', 'archive'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];

/**
 * Preview mode's next lead. The contract names the lead itself; the shared `PreviewLead` names
 * only its id: both are read, so the page works with either answer.
 */
export type CampaignNext = { lead?: Lead | null; leadId?: string | null; remaining: number };

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: () => [...campaignKeys.all, 'list'] as const,
  details: () => [...campaignKeys.all, 'detail'] as const,
  detail: (id: string) => [...campaignKeys.details(), id] as const,
  statsAll: () => [...campaignKeys.all, 'stats'] as const,
  stats: (id: string) => [...campaignKeys.statsAll(), id] as const,
  /** A campaign's own disposition list, or the organisation's as it offers it. */
  dispositions: (id: string) => [...campaignKeys.all, 'dispositions', id] as const,
};

const path = (id: string, rest = '') => `/campaigns/${encodeURIComponent(id)}${rest}`;

export const campaignsApi = {
  list: (signal?: AbortSignal) => api<CampaignList>('/campaigns', { signal }),
  get: (id: string, signal?: AbortSignal) => api<Campaign>(path(id), { signal }),
  create: (body: CreateCampaignBody) => api<Campaign>('/campaigns', { method: 'POST', body }),
  update: (id: string, body: UpdateCampaignBody) => api<Campaign>(path(id), { method: 'PATCH', body }),
  act: (id: string, action: CampaignAction) => api<Campaign>(path(id, `/${action}`), { method: 'POST' }),
  addLeads: (id: string, leadIds: string[]) => api<{ added: number }>(path(id, '/leads'), { method: 'POST', body: { leadIds } }),
  stats: (id: string, signal?: AbortSignal) => api<CampaignStats>(path(id, '/stats'), { signal }),
  /** Preview mode: the lead held for this agent for a few minutes, and how many wait after it. */
  next: (id: string, signal?: AbortSignal) => api<CampaignNext>(path(id, '/next'), { signal }),
  skip: (id: string, leadId: string) => api<undefined>(path(id, '/skip'), { method: 'POST', body: { leadId } }),
  /** Preview mode: dial the lead held for this agent (their phone first); the queue counts the attempt. */
  dial: (id: string, leadId: string, consentGiven?: boolean) =>
    api<Call>(path(id, '/dial'), { method: 'POST', body: { leadId, ...(consentGiven ? { consentGiven: true } : {}) } }),
  dispositions: (id: string, signal?: AbortSignal) => api<CampaignDispositions>(path(id, '/dispositions'), { signal }),
  /** Gives the campaign its own disposition list (admins). */
  saveDispositions: (id: string, items: Disposition[]) => api<CampaignDispositions>(path(id, '/dispositions'), { method: 'PUT', body: { items } }),
  /** The campaign goes back to the organisation's list (admins). */
  clearDispositions: (id: string) => api<CampaignDispositions>(path(id, '/dispositions'), { method: 'DELETE' }),
  /** Replaces the organisation's disposition list (admins). */
  saveOrgDispositions: (items: Disposition[]) => api<DispositionList>('/dispositions', { method: 'PUT', body: { items } }),
  /** A manager moves an agent into a campaign, or out of any (null). */
  moveAgent: (userId: string, campaignId: string | null) =>
    api<Presence>(`/agents/${encodeURIComponent(userId)}/campaign`, { method: 'PUT', body: { campaignId } }),
};
