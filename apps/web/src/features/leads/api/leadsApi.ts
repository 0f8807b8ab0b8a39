import type { Activity, ActivityList, Lead, LeadListQuery, LeadPage, LeadStatus, UpdateLeadBody } from '@telehub/shared';
import { api, downloadFile } from '../../../lib/api';

/** The list query as the client holds it (before the server's parsing and defaults). */
export type LeadQuery = {
  q?: string;
  status?: LeadStatus[];
  ownerId?: string;
  campaignId?: string;
  tag?: string;
  dnd?: 'true' | 'false';
  sort: LeadListQuery['sort'];
  page: number;
  pageSize: number;
};

export type LeadExportFilter = Omit<LeadQuery, 'sort' | 'page' | 'pageSize'>;

export const leadsApi = {
  list: (query: LeadQuery, signal?: AbortSignal) => api<LeadPage>('/leads', { query, signal }),
  get: (id: string, signal?: AbortSignal) => api<Lead>(`/leads/${encodeURIComponent(id)}`, { signal }),
  update: (id: string, body: UpdateLeadBody) => api<Lead>(`/leads/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  timeline: (id: string, before: string | undefined, signal?: AbortSignal) =>
    api<ActivityList>(`/leads/${encodeURIComponent(id)}/activities`, { query: { before, limit: 30 }, signal }),
  addNote: (id: string, body: string) => api<Activity>(`/leads/${encodeURIComponent(id)}/notes`, { method: 'POST', body: { body } }),
  exportCsv: (filter: LeadExportFilter) =>
    downloadFile('/leads/export', { query: filter, accept: 'text/csv', fallbackName: `telehub-leads-${new Date().toISOString().slice(0, 10)}.csv` }),
};
