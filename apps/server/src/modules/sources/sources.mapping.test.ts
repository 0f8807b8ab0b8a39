import { selectQueryProblem } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { readPage, retryAfterMs } from './laravel.client.js';
import { formatSourceTime, mapStatus, parseSourceTime } from './sources.mapping.js';

const IST = 'Asia/Kolkata';

describe('source timestamps', () => {
  it('reads Laravel local times in the CRM zone, and ISO 8601 exactly', () => {
    expect(parseSourceTime('2025-01-02 10:00:00', IST)?.toISOString()).toBe('2025-01-02T04:30:00.000Z');
    expect(parseSourceTime('2025-01-02T10:00:00.000000Z', IST)?.toISOString()).toBe('2025-01-02T10:00:00.000Z');
    expect(parseSourceTime('2025-01-02T10:00:00+05:30', IST)?.toISOString()).toBe('2025-01-02T04:30:00.000Z');
    expect(parseSourceTime('2025-01-02T10:00:00-0400', IST)?.toISOString()).toBe('2025-01-02T14:00:00.000Z');
    expect(parseSourceTime('2025-01-02 10:00:00.250', IST)?.toISOString()).toBe('2025-01-02T04:30:00.250Z');
    expect(parseSourceTime('2025-01-02', IST)?.toISOString()).toBe('2025-01-01T18:30:00.000Z');
    expect(parseSourceTime(1735812000, IST)?.toISOString()).toBe('2025-01-02T10:00:00.000Z');
    // New York changes its clocks: the offset follows the date.
    expect(parseSourceTime('2025-07-01 12:00:00', 'America/New_York')?.toISOString()).toBe('2025-07-01T16:00:00.000Z');
    expect(parseSourceTime('2025-01-01 12:00:00', 'America/New_York')?.toISOString()).toBe('2025-01-01T17:00:00.000Z');
    for (const bad of ['0000-00-00 00:00:00', 'yesterday', '', null, '2025-13-01 00:00:00']) expect(parseSourceTime(bad, IST)).toBeNull();
  });

  it('writes a time with the zone offset, to the second', () => {
    expect(formatSourceTime(new Date('2025-01-02T04:30:00.900Z'), IST)).toBe('2025-01-02T10:00:00+05:30');
    expect(formatSourceTime(new Date(0), IST)).toBe('1970-01-01T05:30:00+05:30');
    expect(formatSourceTime(new Date('2025-01-01T17:00:00Z'), 'America/New_York')).toBe('2025-01-01T12:00:00-05:00');
  });
});

describe('status words', () => {
  it('folds common CRM words to TeleHub statuses, and leaves unknown ones alone', () => {
    expect(['Hot Lead', 'follow-up', 'CALL BACK', 'Not Interested', 'admission_done', 'Wrong Number', 'won', 'Fresh'].map((w) => mapStatus(w))).toEqual([
      'interested',
      'callback',
      'callback',
      'not_interested',
      'converted',
      'invalid',
      'converted',
      'new',
    ]);
    expect(mapStatus('Something Else')).toBeUndefined();
    expect(mapStatus(null)).toBeUndefined();
    expect(mapStatus('Enquiry Pending', { 'enquiry pending': 'new' })).toBe('new');
  });
});

describe('custom MySQL queries', () => {
  it('accepts one plain SELECT and nothing else', () => {
    expect(selectQueryProblem("SELECT * FROM enquiries WHERE note = 'a; b -- c # d /* e */ into'")).toBeNull();
    expect(selectQueryProblem('select id from `into`;')).toBeNull();
    expect(selectQueryProblem('UPDATE enquiries SET x = 1')).toBe('must be a single SELECT statement');
    expect(selectQueryProblem('SELECT 1; SELECT 2')).toBe('must be a single statement (no ;)');
    expect(selectQueryProblem('SELECT 1 -- comment')).toBe('must not contain comments');
    expect(selectQueryProblem('SELECT /*!50000 1 */')).toBe('must not contain comments');
    expect(selectQueryProblem('SELECT * INTO OUTFILE "/tmp/x" FROM t')).toBe('must not write anywhere (INTO)');
    expect(selectQueryProblem('SELECT * FROM t FOR UPDATE')).toBe('must not lock rows');
    expect(selectQueryProblem("SELECT 'unclosed")).toBe('has an unclosed quote');
  });
});

describe('Laravel pages and waits', () => {
  it('reads both pagination shapes and a bare array', () => {
    expect(readPage({ current_page: 1, data: [1, 2], last_page: 2, next_page_url: 'http://x?page=2', per_page: 2, total: 3 })).toEqual({
      items: [1, 2],
      currentPage: 1,
      lastPage: 2,
      hasNext: true,
    });
    expect(readPage({ data: [3], links: { next: null }, meta: { current_page: 2, last_page: 2, total: 3 } })).toMatchObject({ hasNext: false, currentPage: 2 });
    expect(readPage({ data: [3], meta: { current_page: 1, last_page: 4 } })).toMatchObject({ hasNext: true });
    expect(readPage([1])).toMatchObject({ items: [1], hasNext: false });
    expect(() => readPage({ leads: [] })).toThrow('without a data array');
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeNull();
  });
});
