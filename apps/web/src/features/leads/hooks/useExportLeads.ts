import { useMutation } from '@tanstack/react-query';
import { type LeadExportFilter, leadsApi } from '../api/leadsApi';

export function useExportLeads() {
  return useMutation<void, Error, LeadExportFilter>({ mutationFn: (filter) => leadsApi.exportCsv(filter) });
}
