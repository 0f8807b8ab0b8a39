/** Query keys for calls: a call, its transcript and analysis, a lead's past calls, the disposition list. */
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
  dispositions: () => [...callKeys.all, 'dispositions'] as const,
  telephony: () => [...callKeys.all, 'telephony'] as const,
};
