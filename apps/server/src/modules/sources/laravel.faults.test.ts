import type { Lead } from '@telehub/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { syncState } from './sources.tables.js';
import { type CrmLead, CrmStandin } from './testing/crm-standin.js';

/** The CRM misbehaving: errors, rate limits, silence, and a run that dies halfway. */
let t: TestApp;
let crm: CrmStandin;
beforeAll(async () => {
  crm = await new CrmStandin().start();
  t = await createTestApp({ env: { LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token, LARAVEL_CRM_TIMEOUT: '1s', LARAVEL_CRM_RETRIES: '3' } });
});
afterAll(async () => {
  await t?.close();
  await crm?.stop();
});

let base = 0;
/** Fresh leads and a fresh connector state for each test, so counts are exact. */
beforeEach(async () => {
  crm.leads.clear();
  crm.faults = [];
  crm.requests.length = 0;
  crm.perPage = 3;
  base += 100;
  await t.db.database.db.update(syncState).set({ cursor: null, checkpoint: null, status: 'idle' }).where(eq(syncState.source, 'laravel'));
});

const lead = (n: number, updatedAt: string): CrmLead => ({
  id: base + n,
  name: `Lead ${base + n}`,
  phone: `98${String(base + n).padStart(8, '0')}`,
  status: 'new',
  updated_at: updatedAt,
});
const seed = (count: number) => {
  for (let i = 1; i <= count; i++) crm.put(lead(i, `2025-02-${String(i).padStart(2, '0')} 10:00:00`));
};
const sync = () => t.request({ method: 'POST', url: '/api/v1/sources/laravel/sync', as: t.cast.admin });
const crmLeads = async (): Promise<Lead[]> => {
  const res = await t.request({ method: 'GET', url: '/api/v1/leads?pageSize=100', as: t.cast.admin });
  return res
    .json<{ items: Lead[] }>()
    .items.filter((l) => l.sources.some((s) => s.source === 'laravel' && Number(s.externalId) > base && Number(s.externalId) < base + 100));
};

describe('Laravel CRM faults', () => {
  it('retries 5xx answers with backoff and completes the run', async () => {
    seed(5);
    crm.faults.push({ path: '/api/v1/leads', page: 2, times: 2, fault: { kind: 'status', status: 502 } });
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 5, created: 5, failed: 0 });
    expect(crm.leadRequests().map((r) => `${r.query.page}:${r.status}`)).toEqual(['1:200', '2:502', '2:502', '2:200']);
    const [, first, second, third] = crm.leadRequests().map((r) => r.at);
    // Backoff doubles (with jitter): at least 250 ms, then at least 500 ms.
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(240);
    expect((third ?? 0) - (second ?? 0)).toBeGreaterThanOrEqual(490);
  });

  it('waits as long as a 429 Retry-After says, in seconds or as an HTTP date', async () => {
    seed(4);
    crm.faults.push({ path: '/api/v1/leads', page: 1, fault: { kind: 'status', status: 429, headers: { 'retry-after': '1' } } });
    const retryAt = Date.now() + 3000;
    crm.faults.push({ path: '/api/v1/leads', page: 2, fault: { kind: 'status', status: 429, headers: { 'retry-after': new Date(retryAt).toUTCString() } } });
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 4, created: 4 });
    const r = crm.leadRequests();
    expect(r.map((x) => `${x.query.page}:${x.status}`)).toEqual(['1:429', '1:200', '2:429', '2:200']);
    expect((r[1]?.at ?? 0) - (r[0]?.at ?? 0)).toBeGreaterThanOrEqual(990);
    // Not before the date given (an HTTP date has whole seconds).
    expect(r[3]?.at ?? 0).toBeGreaterThanOrEqual(retryAt - 1000);
    expect((r[3]?.at ?? 0) - (r[2]?.at ?? 0)).toBeGreaterThanOrEqual(700);
  });

  it('gives up a request that does not answer within LARAVEL_CRM_TIMEOUT and tries again', async () => {
    seed(2);
    crm.faults.push({ path: '/api/v1/leads', page: 1, fault: { kind: 'hang' } });
    const started = Date.now();
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 2, created: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(crm.leadRequests()).toHaveLength(2);
  });

  it('fails the run after the last attempt with a clear error, and the next run starts where it stopped', async () => {
    seed(2);
    crm.faults.push({ path: '/api/v1/leads', page: 1, times: 3, fault: { kind: 'hang' } });
    const res = await sync();
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'SYNC_FAILED', run: { status: 'failed', fetched: 0, created: 0 } });
    expect(res.json().message).toContain('failed after 3 attempts: no answer within 1 s');
    expect(crm.leadRequests()).toHaveLength(3);
    const runs = await t.request({ method: 'GET', url: '/api/v1/sources/laravel/runs?limit=1', as: t.cast.admin });
    expect(runs.json().items[0]).toMatchObject({ status: 'failed', error: expect.stringContaining('no answer within 1 s'), finishedAt: expect.any(String) });
    expect((await sync()).json()).toMatchObject({ status: 'succeeded', fetched: 2, created: 2 });
  });

  it('resumes a run that failed on page 3 from page 3, without duplicates, and loses no record the CRM moved meanwhile', async () => {
    seed(10);
    crm.faults.push({ path: '/api/v1/leads', page: 3, times: 3, fault: { kind: 'status', status: 500 } });
    const failed = await sync();
    expect(failed.statusCode).toBe(502);
    expect(failed.json().run).toMatchObject({ status: 'failed', fetched: 6, created: 6, failed: 0 });
    expect(await crmLeads()).toHaveLength(6);
    const since = crm.leadRequests()[0]?.query.updated_since;

    // Meanwhile lead 2 changes: sorted by updated_at it moves to the end, and lead 7 slides
    // from page 3 back onto page 2, which this run has already read.
    crm.put({ ...lead(2, '2025-03-01 09:00:00'), name: 'Lead Two Renamed' });
    crm.requests.length = 0;
    const resumed = await sync();
    expect(resumed.json()).toMatchObject({ status: 'succeeded', fetched: 4, created: 3, updated: 1, unchanged: 0, failed: 0 });
    expect(crm.leadRequests().map((r) => r.query)).toEqual([
      { updated_since: since, page: '3' },
      { updated_since: since, page: '4' },
    ]);
    // The cursor stops at the last change seen before the interruption (lead 6, 10:00 IST on the 6th)...
    expect(resumed.json().cursor).toBe('2025-02-06T04:30:00.000Z');

    // ...so the next run reads that stretch again and finds lead 7.
    const next = await sync();
    expect(next.json()).toMatchObject({ status: 'succeeded', fetched: 6, created: 1, updated: 0, unchanged: 5, cursor: '2025-03-01T03:30:00.000Z' });
    const all = await crmLeads();
    expect(all).toHaveLength(10);
    const ids = all.flatMap((l) => l.sources.filter((s) => s.source === 'laravel').map((s) => s.externalId));
    expect(new Set(ids).size).toBe(10);
    expect(all.find((l) => l.name === 'Lead Two Renamed')).toBeDefined();
  });

  it('fails at once, without retrying, when the CRM refuses the request (406 without JSON)', async () => {
    seed(1);
    crm.faults.push({ path: '/api/v1/leads', fault: { kind: 'status', status: 406, body: '{"message":"Not Acceptable"}' } });
    const res = await sync();
    expect(res.statusCode).toBe(502);
    expect(res.json().message).toContain('HTTP 406');
    expect(crm.leadRequests()).toHaveLength(1);
  });
});
