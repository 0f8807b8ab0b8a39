import type { CallSearchResult } from '@telehub/shared';
import { api } from '../../../lib/api';
import { type CallSearchFilters, toApiQuery } from '../components/searchParams';

export const callSearchKeys = {
  all: ['call-search'] as const,
  results: (filters: CallSearchFilters) => [...callSearchKeys.all, 'results', filters] as const,
};

export const callSearchApi = {
  search: (filters: CallSearchFilters, signal?: AbortSignal) => api<CallSearchResult>('/calls/search', { query: toApiQuery(filters), signal }),
};
