import { asc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { MAX_RETRY_MS } from './outbox.js';
import { outbox } from './sources.tables.js';
import { CrmStandin } from './testing/crm-standin.js';

/** Call outcomes written back to the CRM: kept until it accepts them, delivered once each. */
let t: TestApp;
let crm: CrmStandin;
let now = Date.parse('2026-03-02T10:00:00Z');
const clock = { now: () => new Date(now) };
const advance = (ms: number) => {
  now += ms;
};
let crmLead = '';
let localLead = '';

beforeAll(async () => {
  crm = await new CrmStandin().start();
  t = await createTestApp({ clock, env: { LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token, LARAVEL_CRM_TIMEOUT: '1' } });
  const { leads } = t.app.services;
  const [fromCrm] = await leads.ingest(SYSTEM_ACTOR, [
    { source: 'laravel', externalId: '501', fields: { name: 'From The CRM', phone: '9876543501' }, sourceUpdatedAt: new Date('2026-01-01T00:00:00Z') },
  ]);
  crmLead = fromCrm?.leadId ?? '';
  localLead = (await leads.create(SYSTEM_ACTOR, { name: 'Only Here', phone: '9876543502' })).id;
});
afterAll(async () => {
  await t?.close();
  await crm?.stop();
});

const rows = () => t.db.database.db.select().from(outbox).orderBy(asc(outbox.id));
const { enqueue, deliver } = {
  enqueue: (callId: string, leadId = crmLead, outcome = 'interested') =>
    t.app.services.sources.enqueueCallOutcome({ callId, leadId, durationSeconds: 95.4, outcome, notes: `notes for ${callId}` }),
  deliver: () => t.app.services.sources.deliverOutbox(),
};
/** Access tokens follow the test clock: sign in again after moving it. */
const admin = async (): Promise<Person> => ({ ...t.cast.admin, token: await t.login(t.cast.admin.email) });

describe('CRM write-back outbox', () => {
  it('queues only outcomes of leads that came from the CRM, once per call', async () => {
    expect(await enqueue('call-local', localLead)).toEqual({ queued: false });
    await crm.stop();
    expect(await enqueue('call-1')).toEqual({ queued: true });
    expect(await enqueue('call-1')).toEqual({ queued: true });
    expect(await enqueue('call-2', crmLead, 'callback')).toEqual({ queued: true });
    await t.app.services.jobs.idle();
    const stored = await rows();
    expect(stored.map((r) => [r.topic, r.key, r.payload])).toEqual([
      ['laravel.call', 'call-1', { lead_id: 501, duration: 95, outcome: 'interested', notes: 'notes for call-1' }],
      ['laravel.call', 'call-2', { lead_id: 501, duration: 95, outcome: 'callback', notes: 'notes for call-2' }],
    ]);
  });

  it('keeps messages pending with attempts and the error while the CRM is down, backing off', async () => {
    // The enqueue above kicked a delivery already: the CRM was down.
    let stored = await rows();
    expect(stored.map((r) => ({ status: r.status, attempts: r.attempts }))).toEqual([
      { status: 'pending', attempts: 1 },
      { status: 'pending', attempts: 1 },
    ]);
    expect(stored[0]?.lastError).toContain('network error');
    const firstDelay = (stored[0]?.nextAttemptAt.getTime() ?? 0) - now;
    expect(firstDelay).toBeGreaterThanOrEqual(12_000);
    expect(firstDelay).toBeLessThanOrEqual(15_000);

    // Not due yet: nothing is tried.
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    advance(15_001);
    expect(await deliver()).toEqual({ delivered: 0, failed: 2 });
    stored = await rows();
    expect(stored.map((r) => r.attempts)).toEqual([2, 2]);
    const secondDelay = (stored[0]?.nextAttemptAt.getTime() ?? 0) - now;
    expect(secondDelay).toBeGreaterThanOrEqual(24_000);
    expect(secondDelay).toBeLessThanOrEqual(30_000);

    const list = await t.request({ method: 'GET', url: '/api/v1/sources', as: await admin() });
    expect(list.json().outbox).toEqual({ pending: 2, delivered: 0, oldestPendingAgeSeconds: 15, lastError: expect.stringContaining('network error') });
  });

  it('delivers each message exactly once when the CRM is back', async () => {
    await crm.start();
    advance(30_001);
    expect(await deliver()).toEqual({ delivered: 2, failed: 0 });
    expect(crm.calls).toEqual([
      { key: 'telehub-laravel.call-call-1', body: { lead_id: 501, duration: 95, outcome: 'interested', notes: 'notes for call-1' } },
      { key: 'telehub-laravel.call-call-2', body: { lead_id: 501, duration: 95, outcome: 'callback', notes: 'notes for call-2' } },
    ]);
    for (const r of crm.requests.filter((x) => x.path === '/api/v1/calls')) {
      expect(r.headers).toMatchObject({ authorization: `Bearer ${crm.token}`, accept: 'application/json', 'content-type': 'application/json' });
    }
    // Again later, and the same call reported twice: still one POST per call.
    expect(await enqueue('call-1')).toEqual({ queued: true });
    advance(MAX_RETRY_MS);
    expect(await deliver()).toEqual({ delivered: 0, failed: 0 });
    await t.app.services.jobs.idle();
    expect(crm.calls).toHaveLength(2);
    expect((await rows()).map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['delivered', 3, null],
      ['delivered', 3, null],
    ]);
  });

  it('is kicked right after an outcome is queued, without waiting for the schedule', async () => {
    expect(await enqueue('call-3')).toEqual({ queued: true });
    await t.app.services.jobs.idle();
    expect(crm.calls.map((c) => c.key)).toContain('telehub-laravel.call-call-3');
  });

  it('keeps retrying a message the CRM refuses, at the longest interval, flagging the refusal', async () => {
    crm.callsStatus = 422;
    await enqueue('call-4');
    await t.app.services.jobs.idle();
    const [refused] = (await rows()).filter((r) => r.key === 'call-4');
    expect(refused).toMatchObject({ status: 'pending', attempts: 1 });
    expect(refused?.lastError).toMatch(/^HTTP 422: the CRM refused this message; retrying every 15 minutes/);
    expect(refused?.nextAttemptAt.getTime()).toBe(now + MAX_RETRY_MS);

    crm.callsStatus = 429;
    advance(MAX_RETRY_MS);
    expect(await deliver()).toEqual({ delivered: 0, failed: 1 });
    const [limited] = (await rows()).filter((r) => r.key === 'call-4');
    expect(limited).toMatchObject({ attempts: 2, lastError: expect.stringContaining('HTTP 429') });

    crm.callsStatus = 201;
    advance(MAX_RETRY_MS);
    expect(await deliver()).toEqual({ delivered: 1, failed: 0 });
    expect(crm.calls.filter((c) => c.key === 'telehub-laravel.call-call-4')).toHaveLength(1);
    const list = await t.request({ method: 'GET', url: '/api/v1/sources', as: await admin() });
    expect(list.json().outbox).toEqual({ pending: 0, delivered: 4, oldestPendingAgeSeconds: null, lastError: null });
  });
});
