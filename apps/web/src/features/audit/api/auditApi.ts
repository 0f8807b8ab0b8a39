import type { AuditEntry, AuditPage } from '@telehub/shared';
import { api } from '../../../lib/api';

export type { AuditEntry, AuditPage };

export type AuditQuery = { action?: string; entityType?: string; page: number; pageSize: number };

export const auditKeys = {
  all: ['audit'] as const,
  list: (q: AuditQuery) => [...auditKeys.all, 'list', q] as const,
};

export const auditApi = {
  list: (query: AuditQuery, signal?: AbortSignal) => api<AuditPage>('/audit', { query, signal }),
};
