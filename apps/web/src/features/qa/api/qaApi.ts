import type { CallScore, ReviewBody, Scorecard, ScorecardInput } from '@telehub/shared';
import { api } from '../../../lib/api';

export const qaKeys = {
  all: ['qa'] as const,
  scorecards: () => [...qaKeys.all, 'scorecards'] as const,
  scorecard: (id: string) => [...qaKeys.scorecards(), id] as const,
  score: (callId: string) => [...qaKeys.all, 'score', callId] as const,
};

const cardPath = (id: string) => `/qa/scorecards/${encodeURIComponent(id)}`;
const scorePath = (callId: string) => `/calls/${encodeURIComponent(callId)}/score`;

export const qaApi = {
  scorecards: (signal?: AbortSignal) => api<{ items: Scorecard[] }>('/qa/scorecards', { signal }),
  scorecard: (id: string, signal?: AbortSignal) => api<Scorecard>(cardPath(id), { signal }),
  create: (body: ScorecardInput) => api<Scorecard>('/qa/scorecards', { method: 'POST', body }),
  update: (id: string, body: ScorecardInput) => api<Scorecard>(cardPath(id), { method: 'PUT', body }),
  score: (callId: string, signal?: AbortSignal) => api<{ score: CallScore | null }>(scorePath(callId), { signal }),
  review: (callId: string, body: ReviewBody) => api<CallScore>(`${scorePath(callId)}/review`, { method: 'POST', body }),
  dispute: (callId: string, reason: string) => api<CallScore>(`${scorePath(callId)}/disputes`, { method: 'POST', body: { reason } }),
  resolve: (callId: string, disputeId: string, body: { outcome: 'upheld' | 'rejected'; resolution: string }) =>
    api<CallScore>(`${scorePath(callId)}/disputes/${encodeURIComponent(disputeId)}/resolve`, { method: 'POST', body }),
};
