/**
 * The search as the page's URL holds it, so that a search can be shared and the back button
 * works: short keys, dates as calendar days (the browser's), and the API's query made from it.
 */
import { OBJECTION_TYPES, type ObjectionType, SENTIMENTS, type SentimentLabel } from '@telehub/shared';
import type { Query } from '../../../lib/api';

export type CallSearchFilters = {
  q: string;
  objection: ObjectionType | '';
  /** Whether the objection was answered: '' either way. */
  handled: 'true' | 'false' | '';
  sentiment: SentimentLabel | '';
  minScore: number | null;
  maxScore: number | null;
  campaignId: string;
  agentId: string;
  outcome: string;
  /** Calendar days, YYYY-MM-DD, both included. */
  from: string;
  to: string;
  page: number;
};

export const PAGE_SIZE = 20;

export const NO_FILTERS: CallSearchFilters = {
  q: '',
  objection: '',
  handled: '',
  sentiment: '',
  minScore: null,
  maxScore: null,
  campaignId: '',
  agentId: '',
  outcome: '',
  from: '',
  to: '',
  page: 1,
};

/** The URL's name for each filter (ids read as `agent` and `campaign`, as in the leads list). */
const KEYS = {
  q: 'q',
  objection: 'objection',
  handled: 'handled',
  sentiment: 'sentiment',
  minScore: 'minScore',
  maxScore: 'maxScore',
  campaignId: 'campaign',
  agentId: 'agent',
  outcome: 'outcome',
  from: 'from',
  to: 'to',
  page: 'page',
} as const satisfies Record<keyof CallSearchFilters, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(list: readonly T[], v: string | null): T | '' => (v !== null && (list as readonly string[]).includes(v) ? (v as T) : '');
const score = (v: string | null): number | null => {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(100, Math.max(0, n)) : null;
};
const day = (v: string | null) => (v !== null && DAY.test(v) ? v : '');

/** What the URL asks for; values that cannot be right (an unknown sentiment, a bad date) are left out. */
export function filtersFromParams(params: URLSearchParams): CallSearchFilters {
  const handled = params.get(KEYS.handled);
  return {
    q: params.get(KEYS.q)?.trim() ?? '',
    objection: oneOf(OBJECTION_TYPES, params.get(KEYS.objection)),
    handled: handled === 'true' || handled === 'false' ? handled : '',
    sentiment: oneOf(SENTIMENTS, params.get(KEYS.sentiment)),
    minScore: score(params.get(KEYS.minScore)),
    maxScore: score(params.get(KEYS.maxScore)),
    campaignId: params.get(KEYS.campaignId) ?? '',
    agentId: params.get(KEYS.agentId) ?? '',
    outcome: params.get(KEYS.outcome) ?? '',
    from: day(params.get(KEYS.from)),
    to: day(params.get(KEYS.to)),
    page: Math.max(1, Math.floor(Number(params.get(KEYS.page))) || 1),
  };
}

/** The URL for a search: only what is set, page 1 left out. */
export function paramsFromFilters(f: CallSearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, key] of Object.entries(KEYS) as [keyof CallSearchFilters, string][]) {
    const v = f[field];
    if (v === '' || v === null || (field === 'page' && v === 1)) continue;
    params.set(key, String(v));
  }
  return params;
}

/** Filters changed: any change but the page's own starts again from page 1. */
export function withChange(f: CallSearchFilters, patch: Partial<CallSearchFilters>): CallSearchFilters {
  return { ...f, page: 1, ...patch };
}

/** How many filters are set (the words not counted): shown on the phone's filter button. */
export function activeFilterCount(f: CallSearchFilters): number {
  const { q: _q, page: _page, ...rest } = f;
  return Object.values(rest).filter((v) => v !== '' && v !== null).length;
}

/** The start of a calendar day, or the last moment of it, in the browser's time zone, as an ISO time. */
function dayBound(d: string, end: boolean): string | undefined {
  if (!d) return undefined;
  const at = new Date(`${d}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The API's query (GET /calls/search); empty values are dropped by the API client. */
export function toApiQuery(f: CallSearchFilters): Query {
  return {
    q: f.q || undefined,
    objection: f.objection || undefined,
    handled: f.handled || undefined,
    sentiment: f.sentiment || undefined,
    minScore: f.minScore ?? undefined,
    maxScore: f.maxScore ?? undefined,
    campaignId: f.campaignId || undefined,
    agentId: f.agentId || undefined,
    outcome: f.outcome || undefined,
    from: dayBound(f.from, false),
    to: dayBound(f.to, true),
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}
