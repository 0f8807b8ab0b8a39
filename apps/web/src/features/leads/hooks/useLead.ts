import { useQuery } from '@tanstack/react-query';
import { leadKeys } from '../../../lib/leadKeys';
import { leadsApi } from '../api/leadsApi';

export function useLead(id: string) {
  return useQuery({ queryKey: leadKeys.detail(id), queryFn: ({ signal }) => leadsApi.get(id, signal) });
}
