import type { Lead } from '@telehub/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { syncState } from './sources.tables.js';
import { type CrmLead, CrmStandin } from './testing/crm-standin.js';

let t: TestApp;
let crm: CrmStandin;
beforeAll(async () => {
  crm = await new CrmStandin().start();
  t = await createTestApp({ env: { LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token, LARAVEL_CRM_TIMEOUT: '2' } });
});
afterAll(async () => {
  await t?.close();
  await crm?.stop();
});

const sync = () => t.request({ method: 'POST', url: '/api/v1/sources/laravel/sync', as: t.cast.admin });
const known = (id: number): CrmLead => {
  const l = crm.leads.get(id);
  if (!l) throw new Error(`no CRM lead ${id}`);
  return l;
};
const leadsFrom = async (): Promise<Lead[]> => {
  const res = await t.request({ method: 'GET', url: '/api/v1/leads?pageSize=100', as: t.cast.admin });
  return res.json<{ items: Lead[] }>().items.filter((l) => l.sources.some((s) => s.source === 'laravel'));
};
const byCrmId = async (id: number) => (await leadsFrom()).find((l) => l.sources.some((s) => s.source === 'laravel' && s.externalId === String(id)));

describe('Laravel CRM pull', () => {
  it('pulls every lead on the first run, paging, mapping statuses, owners and extra fields', async () => {
    crm.users = [
      { id: 7, name: 'Caller In CRM', email: 'CALLER@test.example' },
      { id: 8, name: 'Left The Company', email: 'gone@crm.example' },
    ];
    crm.put(
      {
        id: 1,
        name: 'Asha Verma',
        phone: '98765 00001',
        email: 'Asha@Example.org',
        status: 'Hot Lead',
        course: 'MBA',
        assigned_to: 7,
        created_at: '2025-01-01 09:00:00',
        updated_at: '2025-01-02 10:00:00',
      },
      { id: 2, name: 'Bhavesh Patel', phone: '+91 98765-00002', status: 'follow up', updated_at: '2025-01-02 10:00:00' },
      { id: 3, name: 'राहुल शर्मा', phone: '098765 00003', status: 'Admission Done', city: 'Jaipur', updated_at: '2025-01-03 11:30:00' },
      { id: 4, name: 'Deepa Nair', phone: '12345', status: 'new', updated_at: '2025-01-03 12:00:00' },
      { id: 5, name: 'Esha Gupta', phone: '9876500005', status: 'Weird Custom', updated_at: '2025-01-04T06:30:00.000000Z' },
      { id: 6, name: 'Farhan Ali', phone: '9876500006', status: 'contacted', updated_at: '2025-01-05 09:15:00' },
      { id: 7, name: 'Gita Rao', phone: '9876500007', status: 'new', user_id: { id: 8 }, updated_at: '2025-01-05 18:45:30' },
    );

    const res = await sync();
    expect(res.statusCode).toBe(200);
    // 18:45:30 in Kolkata is 13:15:30 UTC.
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 7, created: 6, updated: 0, unchanged: 0, failed: 1, cursor: '2025-01-05T13:15:30.000Z' });
    expect(res.json().errors).toEqual([{ externalId: '4', reason: expect.stringContaining('too short') }]);

    const pages = crm.leadRequests();
    expect(pages.map((r) => r.query)).toEqual([
      { updated_since: '1970-01-01T05:30:00+05:30', page: '1' },
      { updated_since: '1970-01-01T05:30:00+05:30', page: '2' },
      { updated_since: '1970-01-01T05:30:00+05:30', page: '3' },
    ]);
    for (const r of crm.requests) expect(r.headers).toMatchObject({ authorization: `Bearer ${crm.token}`, accept: 'application/json' });

    const asha = await byCrmId(1);
    expect(asha).toMatchObject({
      name: 'Asha Verma',
      phone: '+919876500001',
      email: 'asha@example.org',
      status: 'interested',
      ownerId: t.cast.telecaller.id,
      metadata: { laravel: { status: 'Hot Lead', course: 'MBA', assigned_to: 7, updated_at: '2025-01-02 10:00:00' } },
    });
    expect((await byCrmId(2))?.status).toBe('callback');
    expect(await byCrmId(3)).toMatchObject({ name: 'राहुल शर्मा', phone: '+919876500003', status: 'converted', city: 'Jaipur' });
    expect((await byCrmId(5))?.status).toBe('new');
    // CRM user 8 matches nobody here: the lead stays unassigned.
    expect((await byCrmId(7))?.ownerId).toBeNull();
    expect(await byCrmId(4)).toBeUndefined();
    expect(await leadsFrom()).toHaveLength(6);

    const list = await t.request({ method: 'GET', url: '/api/v1/sources', as: t.cast.admin });
    const laravel = list.json().items.find((s: { source: string }) => s.source === 'laravel');
    expect(laravel).toMatchObject({
      configured: true,
      status: 'succeeded',
      everySeconds: 300,
      lastError: null,
      cursor: '2025-01-05T13:15:30.000Z',
      lastSummary: { fetched: 7, created: 6, updated: 0, failed: 1, cursor: '2025-01-05T13:15:30.000Z' },
    });
    expect(laravel.lastSuccessAt).toEqual(expect.any(String));
    expect(list.json().items.map((s: { source: string; configured: boolean }) => [s.source, s.configured])).toEqual([
      ['laravel', true],
      ['mysql', false],
      ['amqp', false],
    ]);
  });

  it('asks only for what changed since the cursor (one second of overlap) and changes nothing twice', async () => {
    const before = crm.leadRequests().length;
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 1, created: 0, updated: 0, unchanged: 1, failed: 0, cursor: '2025-01-05T13:15:30.000Z' });
    expect(crm.leadRequests().slice(before)[0]?.query).toEqual({ updated_since: '2025-01-05T18:45:29+05:30', page: '1' });
  });

  it('picks up records changed between runs, in the API-resource shape with ISO dates', async () => {
    crm.shape = 'resource';
    crm.put(
      { ...known(2), status: 'Not Interested', updated_at: '2025-01-06T04:30:00Z' },
      { ...known(4), phone: '9876500004', updated_at: '2025-01-06 10:00:00' },
      { id: 8, name: 'Hari Om', phone: '9876500008', status: 'interested', updated_at: '2025-01-06T11:00:00+05:30' },
    );
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 4, created: 2, updated: 1, unchanged: 1, failed: 0, cursor: '2025-01-06T05:30:00.000Z' });
    expect((await byCrmId(2))?.status).toBe('not_interested');
    expect(await byCrmId(4)).toMatchObject({ name: 'Deepa Nair', phone: '+919876500004' });
    expect(await leadsFrom()).toHaveLength(8);
    crm.shape = 'paginator';
  });

  it('lists runs newest first, and refuses a bad limit naming it', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/sources/laravel/runs?limit=2', as: t.cast.admin });
    expect(res.statusCode).toBe(200);
    const runs = res.json().items;
    expect(runs).toHaveLength(2);
    expect(runs[0]).toMatchObject({ source: 'laravel', trigger: 'manual', status: 'succeeded', fetched: 4, created: 2, updated: 1, failed: 0 });
    expect(runs[1]).toMatchObject({ fetched: 1, created: 0 });
    const bad = await t.request({ method: 'GET', url: '/api/v1/sources/laravel/runs?limit=0', as: t.cast.admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('limit');
    const unknown = await t.request({ method: 'GET', url: '/api/v1/sources/oracle/runs', as: t.cast.admin });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toContain('source');
  });

  it('runs one sync at a time: a second request while one runs gets 409 SYNC_RUNNING', async () => {
    crm.faults.push({ path: '/api/v1/leads', fault: { kind: 'delay', ms: 400 } });
    const [a, b] = await Promise.all([sync(), new Promise((r) => setTimeout(r, 100)).then(sync)]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(409);
    expect(b.json()).toMatchObject({ code: 'SYNC_RUNNING' });
  });

  it('fails a run clearly when the CRM refuses the token, and keeps the cursor', async () => {
    crm.token = 'rotated-token';
    const res = await sync();
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ code: 'SYNC_FAILED', run: { status: 'failed', fetched: 0, cursor: '2025-01-06T05:30:00.000Z' } });
    expect(res.json().message).toMatch(/401.*LARAVEL_CRM_TOKEN/);
    const list = await t.request({ method: 'GET', url: '/api/v1/sources', as: t.cast.admin });
    expect(list.json().items[0]).toMatchObject({
      source: 'laravel',
      status: 'failed',
      lastError: expect.stringContaining('401'),
      cursor: '2025-01-06T05:30:00.000Z',
    });
    crm.token = 'crm-test-token';
    expect((await sync()).statusCode).toBe(200);
  });
});

describe('CRM users', () => {
  it('lists CRM users with the TeleHub user each is linked to (by equal email)', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/sources/laravel/users', as: t.cast.admin });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      expect.objectContaining({ externalId: '7', name: 'Caller In CRM', email: 'caller@test.example', userId: t.cast.telecaller.id, userName: 'caller' }),
      expect.objectContaining({ externalId: '8', name: 'Left The Company', userId: null, userName: null }),
    ]);
  });

  it('links and unlinks by hand; an unlinked user stays unlinked after a refresh', async () => {
    const link = (id: string, userId: unknown) =>
      t.request({ method: 'PUT', url: `/api/v1/sources/laravel/users/${id}`, as: t.cast.admin, payload: { userId } });
    const linked = await link('8', t.cast.otherTelecaller.id);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toMatchObject({ externalId: '8', userId: t.cast.otherTelecaller.id });

    // Lead 7 names CRM user 8: the next change of it brings the owner along.
    crm.put({ ...known(7), updated_at: '2025-01-07 09:00:00' });
    expect((await sync()).json()).toMatchObject({ updated: 1 });
    expect((await byCrmId(7))?.ownerId).toBe(t.cast.otherTelecaller.id);

    expect((await link('7', null)).json()).toMatchObject({ userId: null });
    const refreshed = await t.request({ method: 'POST', url: '/api/v1/sources/laravel/users/refresh', as: t.cast.admin });
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().items.find((u: { externalId: string }) => u.externalId === '7')).toMatchObject({ userId: null });
  });

  it('refuses a bad link naming the field, an unknown user, and an unknown CRM user', async () => {
    const bad = await t.request({ method: 'PUT', url: '/api/v1/sources/laravel/users/7', as: t.cast.admin, payload: { userId: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('userId');
    const ghost = await t.request({
      method: 'PUT',
      url: '/api/v1/sources/laravel/users/7',
      as: t.cast.admin,
      payload: { userId: '11111111-1111-4111-8111-111111111111' },
    });
    expect(ghost.statusCode).toBe(422);
    const missing = await t.request({ method: 'PUT', url: '/api/v1/sources/laravel/users/999', as: t.cast.admin, payload: { userId: null } });
    expect(missing.statusCode).toBe(404);
  });

  it('reads users from a paginated users endpoint too', async () => {
    crm.usersShape = 'paginator';
    crm.perPage = 1;
    crm.users.push({ id: 9, name: 'Third Page', email: null });
    const res = await t.request({ method: 'POST', url: '/api/v1/sources/laravel/users/refresh', as: t.cast.admin });
    expect(
      res
        .json()
        .items.map((u: { externalId: string }) => u.externalId)
        .sort(),
    ).toEqual(['7', '8', '9']);
    crm.perPage = 3;
  });
});

describe('schedule', () => {
  it('registers the pull and the outbox delivery with the scheduler (one node at a time, by lease), pulling once the interval has passed', async () => {
    const { scheduler } = t.app.services;
    const latest = async () => (await t.request({ method: 'GET', url: '/api/v1/sources/laravel/runs?limit=1', as: t.cast.admin })).json().items[0];
    // The last run was moments ago: the look finds no pull due.
    const before = await latest();
    expect(await scheduler.runNow('sources.laravel.sync')).toBe(true);
    expect((await latest()).id).toBe(before.id);
    // Six minutes on (the interval is 5), it pulls.
    await t.db.database.db
      .update(syncState)
      .set({ lastRunAt: new Date(Date.now() - 6 * 60_000) })
      .where(eq(syncState.source, 'laravel'));
    expect(await scheduler.runNow('sources.laravel.sync')).toBe(true);
    expect(await latest()).toMatchObject({ trigger: 'schedule', status: 'succeeded' });
    expect(await scheduler.runNow('sources.outbox.deliver')).toBe(true);
    // The MySQL look is registered too, and does nothing while that connector is off.
    expect(await scheduler.runNow('sources.mysql.sync')).toBe(true);
    expect((await t.request({ method: 'GET', url: '/api/v1/sources/mysql/runs?limit=1', as: t.cast.admin })).json().items).toEqual([]);
  });
});

describe('idempotence', () => {
  it('reads everything again from scratch and changes nothing', async () => {
    await t.db.database.db.update(syncState).set({ cursor: null }).where(eq(syncState.source, 'laravel'));
    const res = await sync();
    expect(res.json()).toMatchObject({ status: 'succeeded', fetched: 8, created: 0, updated: 0, unchanged: 8, failed: 0 });
    expect(await leadsFrom()).toHaveLength(8);
  });
});
