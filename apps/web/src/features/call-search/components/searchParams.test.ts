import { describe, expect, it } from 'vitest';
import { activeFilterCount, filtersFromParams, NO_FILTERS, PAGE_SIZE, paramsFromFilters, toApiQuery, withChange } from './searchParams';

const CAMPAIGN = '6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e';

describe('the search in the URL', () => {
  it('reads nothing as the first visit: no words, no filters, page 1', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual(NO_FILTERS);
  });

  it('goes to the URL and back unchanged', () => {
    const filters = {
      ...NO_FILTERS,
      q: 'फीस kitni',
      objection: 'price' as const,
      handled: 'false' as const,
      sentiment: 'negative' as const,
      minScore: 0,
      maxScore: 70,
      campaignId: CAMPAIGN,
      agentId: 'a1',
      outcome: 'callback',
      from: '2026-03-01',
      to: '2026-03-31',
      page: 3,
    };
    const params = paramsFromFilters(filters);
    expect(params.get('campaign')).toBe(CAMPAIGN);
    expect(params.get('minScore')).toBe('0');
    expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
  });

  it('writes only what is set, and page 1 not at all', () => {
    expect(paramsFromFilters({ ...NO_FILTERS, q: 'fees' }).toString()).toBe('q=fees');
    expect(paramsFromFilters(NO_FILTERS).toString()).toBe('');
  });

  it('leaves out what cannot be right', () => {
    const f = filtersFromParams(new URLSearchParams('objection=money&sentiment=angry&handled=maybe&minScore=abc&maxScore=400&from=yesterday&page=-2'));
    expect(f).toEqual({ ...NO_FILTERS, maxScore: 100 });
  });

  it('starts again from page 1 when a filter changes', () => {
    expect(withChange({ ...NO_FILTERS, page: 4 }, { sentiment: 'positive' })).toMatchObject({ sentiment: 'positive', page: 1 });
    expect(withChange({ ...NO_FILTERS, page: 4 }, { page: 5 }).page).toBe(5);
  });

  it('counts the filters set, the words aside', () => {
    expect(activeFilterCount({ ...NO_FILTERS, q: 'fees', page: 2 })).toBe(0);
    expect(activeFilterCount({ ...NO_FILTERS, objection: 'price', minScore: 0, to: '2026-01-01' })).toBe(3);
  });
});

describe('the API query', () => {
  it('sends only what is set, with the page size', () => {
    expect(toApiQuery({ ...NO_FILTERS, q: 'fees', minScore: 0 })).toEqual(
      expect.objectContaining({ q: 'fees', minScore: 0, page: 1, pageSize: PAGE_SIZE, objection: undefined, from: undefined }),
    );
  });

  it('turns calendar days into the whole of those days where the browser is', () => {
    const q = toApiQuery({ ...NO_FILTERS, from: '2026-03-01', to: '2026-03-02' });
    expect(q.from).toBe(new Date(2026, 2, 1, 0, 0, 0).toISOString());
    expect(q.to).toBe(new Date(2026, 2, 2, 23, 59, 59, 999).toISOString());
  });
});
