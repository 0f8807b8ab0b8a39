import { randomBytes } from 'node:crypto';
import type { Lead } from '@telehub/shared';
import type { Channel, ChannelModel } from 'amqplib';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { type ApplyResult, createAmqpConsumer } from './amqp.consumer.js';
import { mapLaravelLead } from './laravel.mapping.js';
import { consumedEvents } from './sources.tables.js';
import { CrmStandin } from './testing/crm-standin.js';

/**
 * Event-driven sync against the real RabbitMQ (AMQP_URL, default guest on localhost). Without a
 * reachable broker the file is skipped, except in CI, where that is a failure.
 */
const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const amqp = await import('amqplib');

async function reachable(): Promise<string | null> {
  try {
    const c = await amqp.connect(AMQP_URL, { timeout: 3000 });
    await c.close();
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
const problem = await reachable();
if (problem && process.env.CI) throw new Error(`RabbitMQ at AMQP_URL is required in CI: ${problem}`);
if (problem) console.warn(`Skipping the event consumer tests: no RabbitMQ at ${AMQP_URL} (${problem})`);

const queue = `telehub.test.${randomBytes(4).toString('hex')}`;
let t: TestApp;
let crm: CrmStandin;
let pub: ChannelModel;
let ch: Channel;
const queues = [queue, `${queue}.dead`];

const publish = (body: unknown, messageId?: string, q = queue) =>
  ch.sendToQueue(q, Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), { persistent: true, contentType: 'application/json', messageId });

const crmLeads = async (): Promise<Lead[]> => {
  const res = await t.request({ method: 'GET', url: '/api/v1/leads?pageSize=100', as: t.cast.admin });
  return res.json<{ items: Lead[] }>().items.filter((l) => l.sources.some((s) => s.source === 'laravel'));
};
const byCrmId = async (id: number) => (await crmLeads()).find((l) => l.sources.some((s) => s.externalId === String(id)));
const consumer = () => t.app.services.sources.consumerState();
/** Waits until `n` messages in all have been applied, skipped as duplicates or dead-lettered. */
const settled = (n: number) =>
  until(`${n} messages handled`, async () => {
    const c = consumer()?.counters;
    return c !== undefined && c.applied + c.duplicates + c.deadLettered >= n;
  });
const lead = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Event Lead ${id}`,
  phone: `97${String(id).padStart(8, '0')}`,
  status: 'new',
  updated_at: '2025-04-01 10:00:00',
  ...extra,
});

describe.skipIf(problem !== null)('CRM lead events over AMQP', () => {
  beforeAll(async () => {
    crm = await new CrmStandin().start();
    t = await createTestApp({ env: { LARAVEL_AMQP_URL: AMQP_URL, LARAVEL_AMQP_QUEUE: queue, LARAVEL_CRM_URL: crm.url, LARAVEL_CRM_TOKEN: crm.token } });
    await t.app.services.sources.whenConsuming();
    pub = await amqp.connect(AMQP_URL);
    ch = await pub.createChannel();
  });

  afterAll(async () => {
    await t?.close();
    for (const q of queues) await ch?.deleteQueue(q).catch(() => undefined);
    await pub?.close().catch(() => undefined);
    await crm?.stop();
  });

  it('applies lead.created and lead.updated events, and says so in the sources list', async () => {
    publish({ event: 'lead.created', id: 'evt-1', data: lead(1, { status: 'Hot', campus: 'Noida' }) });
    publish({ event: 'lead.updated', id: 'evt-2', data: lead(1, { status: 'Admission Done', campus: 'Noida', updated_at: '2025-04-02 10:00:00' }) });
    await settled(2);
    expect(await byCrmId(1)).toMatchObject({ name: 'Event Lead 1', phone: '+919700000001', status: 'converted', metadata: { laravel: { campus: 'Noida' } } });
    expect(consumer()?.counters).toEqual({ received: 2, applied: 2, duplicates: 0, deadLettered: 0 });

    const list = await t.request({ method: 'GET', url: '/api/v1/sources', as: t.cast.admin });
    expect(list.json().items.find((s: { source: string }) => s.source === 'amqp')).toMatchObject({
      configured: true,
      status: 'consuming',
      lastError: null,
      lastSummary: { received: 2, applied: 2, duplicates: 0, deadLettered: 0 },
    });
  });

  it('applies a redelivered event once (by message id, by body id, or by content)', async () => {
    const before = consumer()?.counters.received ?? 0;
    const twice = { event: 'lead.created', data: lead(2) };
    publish(twice, 'msg-2');
    publish(twice, 'msg-2');
    publish({ event: 'lead.created', id: 77, data: lead(3) });
    publish({ event: 'lead.created', id: 77, data: lead(3) });
    publish({ event: 'lead.created', data: lead(4) });
    publish({ event: 'lead.created', data: lead(4) });
    await settled(before + 6);
    expect(consumer()?.counters).toMatchObject({ applied: 5, duplicates: 3 });
    for (const id of [2, 3, 4]) expect((await crmLeads()).filter((l) => l.sources.some((s) => s.externalId === String(id)))).toHaveLength(1);
    const events = await t.db.database.db.select().from(consumedEvents).where(eq(consumedEvents.source, 'amqp'));
    expect(events.map((e) => e.eventId).sort()).toEqual(['hash:', 'id:77', 'id:evt-1', 'id:evt-2', 'msg:msg-2'].map((p) => expect.stringContaining(p)));
  });

  it('fetches the lead from the CRM when an event carries only its id', async () => {
    const before = consumer()?.counters.applied ?? 0;
    crm.put(lead(10, { status: 'Call Back' }));
    publish({ event: 'lead.updated', id: 'evt-10', data: { id: 10 } });
    await until('the fetched lead', async () => (consumer()?.counters.applied ?? 0) > before);
    expect(await byCrmId(10)).toMatchObject({ name: 'Event Lead 10', status: 'callback' });
    expect(crm.requests.map((r) => r.path)).toContain('/api/v1/leads/10');
  });

  it('moves malformed messages to the dead-letter queue with the reason, and keeps going', async () => {
    const before = consumer()?.counters.received ?? 0;
    publish('{not json', 'bad-1');
    publish({ event: 'lead.exploded', data: lead(5) }, 'bad-2');
    publish({ event: 'lead.created', data: 'a string' }, 'bad-3');
    publish({ event: 'lead.created', data: { name: 'No Id' } }, 'bad-4');
    publish({ event: 'lead.created', data: lead(6, { phone: '123' }) }, 'bad-5');
    publish({ event: 'lead.created', data: lead(7) }, 'good-7');
    await settled(before + 6);
    expect(await byCrmId(7)).toBeDefined();
    const dead: { id: unknown; reason: unknown }[] = [];
    for (;;) {
      const m = await ch.get(`${queue}.dead`, { noAck: true });
      if (!m) break;
      dead.push({ id: m.properties.messageId, reason: m.properties.headers?.['x-telehub-error'] });
    }
    expect(dead).toEqual([
      { id: 'bad-1', reason: 'the body is not JSON' },
      { id: 'bad-2', reason: expect.stringContaining('event must be one of lead.created, lead.updated') },
      { id: 'bad-3', reason: expect.stringContaining('data') },
      { id: 'bad-4', reason: 'lead has no id' },
      { id: 'bad-5', reason: expect.stringContaining('too short') },
    ]);
    expect(consumer()?.counters.deadLettered).toBe(5);
    expect((await ch.checkQueue(queue)).messageCount).toBe(0);
  });

  it('acknowledges only after the event is stored: a consumer dying before that leaves it to be delivered again', async () => {
    const q = `${queue}.crash`;
    queues.push(q, `${q}.dead`);
    const { leads } = t.app.services;
    const db = t.db.database.db;
    const apply = async (data: Record<string, unknown>): Promise<ApplyResult> => {
      const m = mapLaravelLead(data, 'Asia/Kolkata');
      if (!m.ok) return { ok: false, reason: m.reason };
      const [o] = await leads.ingest(SYSTEM_ACTOR, [m.record]);
      return o && o.outcome !== 'rejected' ? { ok: true, outcome: o.outcome } : { ok: false, reason: o?.reason ?? 'rejected' };
    };
    const outcomes: string[] = [];
    const base = {
      url: AMQP_URL,
      queue: q,
      db,
      clock: { now: () => new Date() },
      logger: createLogger({ level: 'silent' }),
      reconnect: { firstMs: 50, maxMs: 200 },
    };
    const dying = createAmqpConsumer({
      ...base,
      apply: async (data) => {
        const r = await apply(data);
        if (r.ok) outcomes.push(`first:${r.outcome}`);
        return r;
      },
      // The process dies after the lead is written but before the event is recorded and acked.
      beforeCommit: async () => {
        await dying.stop({ drain: false });
        throw new Error('killed');
      },
    });
    dying.start();
    await dying.whenConsuming();
    publish({ event: 'lead.created', id: 'crash-1', data: lead(8) }, undefined, q);
    await until('the first consumer to die', async () => dying.state().status === 'stopped');
    expect(outcomes).toEqual(['first:created']);
    const recorded = () =>
      db
        .select()
        .from(consumedEvents)
        .where(and(eq(consumedEvents.source, 'amqp'), eq(consumedEvents.eventId, 'id:crash-1')));
    expect(await recorded()).toHaveLength(0);
    await until('the message back in the queue', async () => (await ch.checkQueue(q)).messageCount === 1);

    const survivor = createAmqpConsumer({
      ...base,
      apply: async (data) => {
        const r = await apply(data);
        if (r.ok) outcomes.push(`second:${r.outcome}`);
        return r;
      },
    });
    survivor.start();
    await until('the survivor to apply it', async () => survivor.state().counters.applied === 1);
    await survivor.stop();
    expect(outcomes).toEqual(['first:created', 'second:unchanged']);
    expect(await recorded()).toHaveLength(1);
    expect((await ch.checkQueue(q)).messageCount).toBe(0);
    expect((await crmLeads()).filter((l) => l.sources.some((s) => s.externalId === '8'))).toHaveLength(1);
  });

  it('reconnects with backoff when the broker drops it, and consumes again', async () => {
    const q = `${queue}.flaky`;
    queues.push(q, `${q}.dead`);
    const applied: unknown[] = [];
    const c = createAmqpConsumer({
      url: AMQP_URL,
      queue: q,
      db: t.db.database.db,
      clock: { now: () => new Date() },
      logger: createLogger({ level: 'silent' }),
      reconnect: { firstMs: 50, maxMs: 200 },
      apply: async (data) => {
        applied.push(data.id);
        return { ok: true, outcome: 'created' };
      },
    });
    c.start();
    await c.whenConsuming();
    // Deleting the queue cancels the consumer on the broker's side: the consumer starts over.
    await ch.deleteQueue(q);
    await until('the consumer to notice', async () => c.state().status !== 'consuming');
    await c.whenConsuming();
    publish({ event: 'lead.created', id: 'after-reconnect', data: lead(9) }, undefined, q);
    await until('the event after reconnecting', async () => applied.length === 1);
    expect(applied).toEqual([9]);
    await c.stop();
    expect(c.state().status).toBe('stopped');
  });
});
