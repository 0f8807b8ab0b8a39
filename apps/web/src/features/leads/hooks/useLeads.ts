import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { leadKeys } from '../../../lib/leadKeys';
import { type LeadQuery, leadsApi } from '../api/leadsApi';

export function useLeads(query: LeadQuery) {
  return useQuery({
    queryKey: leadKeys.list(query),
    queryFn: ({ signal }) => leadsApi.list(query, signal),
    placeholderData: keepPreviousData,
  });
}
