import type { DuplicatePage, DuplicatePair, LeadBriefList, MergeList, MergePlan, MergeResult } from '@telehub/shared';
import { api } from '../../../lib/api';

export type LeadBrief = DuplicatePair['a'];

const lead = (id: string) => `/leads/${encodeURIComponent(id)}`;

/** Query keys for duplicates and merges; any merge, undo or dismissal invalidates `all`. */
export const duplicateKeys = {
  all: ['duplicates'] as const,
  list: (page: number, pageSize: number) => [...duplicateKeys.all, 'list', { page, pageSize }] as const,
  ofLead: (id: string) => [...duplicateKeys.all, 'of', id] as const,
  preview: (survivorId: string, otherId: string) => [...duplicateKeys.all, 'preview', survivorId, otherId] as const,
  merges: (id: string) => [...duplicateKeys.all, 'merges', id] as const,
};

export const duplicatesApi = {
  list: (page: number, pageSize: number, signal?: AbortSignal) => api<DuplicatePage>('/leads/duplicates', { query: { page, pageSize }, signal }),
  dismiss: (a: string, b: string) => api<undefined>('/leads/duplicates/dismiss', { method: 'POST', body: { leadIds: [a, b] } }),
  ofLead: (id: string, signal?: AbortSignal) => api<LeadBriefList>(`${lead(id)}/duplicates`, { signal }),
  preview: (survivorId: string, otherId: string, signal?: AbortSignal) => api<MergePlan>(`${lead(survivorId)}/merge-preview`, { query: { otherId }, signal }),
  merge: (survivorId: string, otherId: string) => api<MergeResult>(`${lead(survivorId)}/merge`, { method: 'POST', body: { otherId } }),
  merges: (id: string, signal?: AbortSignal) => api<MergeList>(`${lead(id)}/merges`, { signal }),
  undo: (mergeId: string) => api<{ survivorId: string; restoredId: string }>(`/leads/merges/${encodeURIComponent(mergeId)}/undo`, { method: 'POST' }),
};
