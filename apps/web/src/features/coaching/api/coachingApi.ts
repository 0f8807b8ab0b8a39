import type { Calibration, CoachingItem, CreateCoachingItemBody, ReviewQueueItem, SkillHistory, SkillMatrix } from '@telehub/shared';
import { api } from '../../../lib/api';

export type ItemQuery = { agentId?: string; status?: CoachingItem['status'] };

export const coachingKeys = {
  all: ['coaching'] as const,
  skills: (days: number) => [...coachingKeys.all, 'skills', days] as const,
  history: (agentId: string, skill: string, weeks: number) => [...coachingKeys.all, 'history', agentId, skill, weeks] as const,
  items: () => [...coachingKeys.all, 'items'] as const,
  itemList: (q: ItemQuery) => [...coachingKeys.items(), q] as const,
  review: () => [...coachingKeys.all, 'review'] as const,
  queue: () => [...coachingKeys.review(), 'queue'] as const,
  calibration: (from: string) => [...coachingKeys.review(), 'calibration', from] as const,
};

const itemPath = (id: string) => `/coaching/items/${encodeURIComponent(id)}`;

export const coachingApi = {
  skills: (days: number, signal?: AbortSignal) => api<SkillMatrix>('/coaching/skills', { query: { days }, signal }),
  history: (agentId: string, skill: string, weeks: number, signal?: AbortSignal) =>
    api<SkillHistory>(`/coaching/skills/${encodeURIComponent(agentId)}/history`, { query: { skill, weeks }, signal }),
  items: (q: ItemQuery, signal?: AbortSignal) => api<{ items: CoachingItem[] }>('/coaching/items', { query: q, signal }),
  create: (body: CreateCoachingItemBody) => api<CoachingItem>('/coaching/items', { method: 'POST', body }),
  update: (id: string, body: { status?: 'open' | 'dismissed'; note?: string | null }) => api<CoachingItem>(itemPath(id), { method: 'PATCH', body }),
  suggest: () => api<{ created: number }>('/coaching/suggest', { method: 'POST' }),
  queue: (signal?: AbortSignal) => api<{ items: ReviewQueueItem[] }>('/qa/queue', { signal }),
  calibration: (from: string, signal?: AbortSignal) => api<Calibration>('/qa/calibration', { query: { from }, signal }),
};
