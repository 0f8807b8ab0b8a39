import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { type AuditFilter, type AuditQuery, auditApi, auditKeys } from '../api/auditApi';

/** A page of the log; `enabled` false while the filters cannot be sent (an inverted date range). */
export function useAuditLog(query: AuditQuery, enabled = true) {
  return useQuery({
    queryKey: auditKeys.list(query),
    queryFn: ({ signal }) => auditApi.list(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Downloads the entries matching the filters as CSV (the server records the export). */
export function useExportAudit() {
  return useMutation<void, Error, AuditFilter>({ mutationFn: (filter) => auditApi.exportCsv(filter) });
}
