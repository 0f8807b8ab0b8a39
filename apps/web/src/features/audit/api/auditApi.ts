import type { AuditEntry, AuditFilter, AuditPage } from '@telehub/shared';
import { api, downloadFile } from '../../../lib/api';

export type { AuditEntry, AuditFilter, AuditPage };

export type AuditQuery = AuditFilter & { page: number; pageSize: number };

export const auditKeys = {
  all: ['audit'] as const,
  list: (q: AuditQuery) => [...auditKeys.all, 'list', q] as const,
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => api<AuditPage>('/audit', { query, signal }),
  exportCsv: (filter: AuditFilter) =>
    downloadFile('/audit/export', {
      query: { ...filter, format: 'csv' },
      accept: 'text/csv',
      fallbackName: `telehub-audit-${new Date().toISOString().slice(0, 10)}.csv`,
    }),
};
