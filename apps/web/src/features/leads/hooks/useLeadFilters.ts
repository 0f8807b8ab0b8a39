import { LEAD_SORTS, LEAD_STATUSES, type LeadSort, type LeadStatus } from '@telehub/shared';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { LeadQuery } from '../api/leadsApi';

export const PAGE_SIZES = [25, 50, 100];
const DEFAULT_SORT: LeadSort = '-createdAt';
const DEFAULT_PAGE_SIZE = 25;

/** All leads, only those on the DND registry, or only those not on it. */
export type DndFilter = '' | 'true' | 'false';
const isDndFilter = (v: string | null): v is 'true' | 'false' => v === 'true' || v === 'false';

export type LeadFilters = {
  q: string;
  status: LeadStatus[];
  owner: string;
  campaign: string;
  tag: string;
  dnd: DndFilter;
  sort: LeadSort;
  page: number;
  pageSize: number;
};

export const isStatus = (s: string): s is LeadStatus => (LEAD_STATUSES as readonly string[]).includes(s);
export const isSort = (s: string | null): s is LeadSort => s !== null && (LEAD_SORTS as readonly string[]).includes(s);

function positiveInt(raw: string | null, fallback: number, max: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : fallback;
}

export function parseLeadFilters(params: URLSearchParams): LeadFilters {
  const dnd = params.get('dnd');
  const size = positiveInt(params.get('size'), DEFAULT_PAGE_SIZE, 100);
  const sort = params.get('sort');
  return {
    q: params.get('q') ?? '',
    status: (params.get('status') ?? '').split(',').filter(isStatus),
    owner: params.get('owner') ?? '',
    campaign: params.get('campaign') ?? '',
    tag: params.get('tag') ?? '',
    dnd: isDndFilter(dnd) ? dnd : '',
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    page: positiveInt(params.get('page'), 1, 100_000),
    pageSize: PAGE_SIZES.includes(size) ? size : DEFAULT_PAGE_SIZE,
  };
}

/** Only what differs from the defaults goes into the address, so links stay short. */
export function serializeLeadFilters(f: LeadFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.q.trim()) p.set('q', f.q.trim());
  if (f.status.length > 0) p.set('status', f.status.join(','));
  if (f.owner) p.set('owner', f.owner);
  if (f.campaign) p.set('campaign', f.campaign);
  if (f.tag.trim()) p.set('tag', f.tag.trim());
  if (f.dnd) p.set('dnd', f.dnd);
  if (f.sort !== DEFAULT_SORT) p.set('sort', f.sort);
  if (f.page > 1) p.set('page', String(f.page));
  if (f.pageSize !== DEFAULT_PAGE_SIZE) p.set('size', String(f.pageSize));
  return p;
}

export function toLeadQuery(f: LeadFilters): LeadQuery {
  return {
    q: f.q.trim() || undefined,
    status: f.status.length > 0 ? f.status : undefined,
    ownerId: f.owner || undefined,
    campaignId: f.campaign || undefined,
    tag: f.tag.trim() || undefined,
    dnd: f.dnd || undefined,
    sort: f.sort,
    page: f.page,
    pageSize: f.pageSize,
  };
}

export const hasActiveFilters = (f: LeadFilters) => Boolean(f.q.trim() || f.status.length || f.owner || f.campaign || f.tag.trim() || f.dnd);

/** The leads filters, kept in the query string so reload and back/forward keep them. */
export function useLeadFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => parseLeadFilters(params), [params]);

  const update = useCallback(
    (patch: Partial<LeadFilters>, opts: { replace?: boolean } = {}) => {
      setParams(
        (prev) => {
          const current = parseLeadFilters(prev);
          // Any change of filter starts again from the first page.
          const next = { ...current, ...patch, page: patch.page ?? 1 };
          return serializeLeadFilters(next);
        },
        { replace: opts.replace ?? false },
      );
    },
    [setParams],
  );

  const clear = useCallback(
    () => setParams(serializeLeadFilters({ ...parseLeadFilters(new URLSearchParams()), sort: filters.sort, pageSize: filters.pageSize })),
    [setParams, filters.sort, filters.pageSize],
  );

  return { filters, update, clear };
}
