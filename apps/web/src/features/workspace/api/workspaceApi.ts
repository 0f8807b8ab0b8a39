import type { Callback, CallbackList, NextLead, Presence, SetPresenceBody, TodayCounters } from '@telehub/shared';
import { api } from '../../../lib/api';

export const workspaceApi = {
  /** Skipped leads go as repeated `skip` parameters. */
  next: (skip: readonly string[], signal?: AbortSignal) => {
    const qs = new URLSearchParams(skip.map((id) => ['skip', id])).toString();
    return api<NextLead>(`/workspace/next${qs ? `?${qs}` : ''}`, { signal });
  },
  today: (signal?: AbortSignal) => api<TodayCounters>('/workspace/today', { signal }),
  callbacks: (signal?: AbortSignal) => api<CallbackList>('/callbacks', { query: { status: 'pending' }, signal }),
  closeCallback: (id: string) => api<Callback>(`/callbacks/${encodeURIComponent(id)}`, { method: 'PATCH', body: { status: 'done' } }),
  presence: (signal?: AbortSignal) => api<Presence>('/presence/me', { signal }),
  setPresence: (body: SetPresenceBody) => api<Presence>('/presence/me', { method: 'PUT', body }),
};
