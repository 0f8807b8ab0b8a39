/** Query keys for calls: a call, its transcript and analysis, a lead's past calls, the disposition lists, a call's draft note. */
export const callKeys = {
  all: ['calls'] as const,
  details: () => [...callKeys.all, 'detail'] as const,
  detail: (id: string) => [...callKeys.details(), id] as const,
  /** A change that came before the call itself (see callCache). */
  early: (id: string) => [...callKeys.all, 'early', id] as const,
  transcript: (id: string) => [...callKeys.all, 'transcript', id] as const,
  analysis: (id: string) => [...callKeys.all, 'analysis', id] as const,
  lists: () => [...callKeys.all, 'list'] as const,
  forLead: (leadId: string) => [...callKeys.lists(), { leadId }] as const,
  /** One page of a lead's calls (invalidating forLead refreshes every page). */
  forLeadPage: (leadId: string, page: number, pageSize: number) => [...callKeys.forLead(leadId), { page, pageSize }] as const,
  dispositionLists: () => [...callKeys.all, 'dispositions'] as const,
  /** The organisation's list (null), or what a campaign's calls offer. */
  dispositions: (campaignId: string | null = null) => [...callKeys.dispositionLists(), campaignId ?? 'organisation'] as const,
  /** The note the agent types on their call, until wrap-up. */
  draftNote: (id: string) => [...callKeys.all, 'draft-note', id] as const,
  telephony: () => [...callKeys.all, 'telephony'] as const,
};
