import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AuditQuery, auditApi, auditKeys } from '../api/auditApi';

export function useAuditLog(query: AuditQuery) {
  return useQuery({ queryKey: auditKeys.list(query), queryFn: ({ signal }) => auditApi.list(query, signal), placeholderData: keepPreviousData });
}
