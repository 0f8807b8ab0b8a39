import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import type { Clock } from '../context.js';
import { rowsOf } from '../db/client.js';
import { createLogger } from '../logging.js';
import { createDomainEvents } from './domain.js';
import { domainEvents } from './domain.tables.js';

declare module './domain.js' {
  interface DomainEvents {
    'test.domain.happened': { n: number };
    'test.domain.other': { id: string };
  }
}

const logger = createLogger({ level: 'silent' });
let t: TestDatabase;
let now = new Date('2026-03-02T10:00:00Z');
const clock: Clock = { now: () => now };
const outbox = () => createDomainEvents({ db: t.database.db, clock, logger });

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

const pending = async () =>
  rowsOf<{ n: number }>(await t.database.db.execute(sql`select count(*)::int as n from ${domainEvents} where dispatched_at is null`))[0]?.n ?? 0;

describe('domain events', () => {
  it('exist only when their transaction commits, and run each reaction after it with every payload', async () => {
    const events = outbox();
    const seen: number[][] = [];
    events.on('test.domain.happened', 'collect', async (ps) => void seen.push(ps.map((p) => p.n)));
    await t.database.db
      .transaction(async (tx) => {
        await events.emit(tx, 'test.domain.happened', { n: 1 });
        throw new Error('rolled back');
      })
      .catch(() => undefined);
    await t.database.db.transaction(async (tx) => {
      await events.emit(tx, 'test.domain.happened', { n: 2 });
      await events.emit(tx, 'test.domain.happened', { n: 3 });
    });
    expect(seen).toEqual([]);
    expect(await events.flush()).toEqual({ dispatched: 2, failed: 0 });
    expect(seen).toEqual([[2, 3]]);
    expect(await events.flush()).toEqual({ dispatched: 0, failed: 0 });
    expect(await pending()).toBe(0);
  });

  it('loses nothing when the process dies between commit and flush: the next node to flush runs it', async () => {
    const dying = outbox();
    await t.database.db.transaction(async (tx) => dying.emit(tx, 'test.domain.other', { id: 'after-crash' }));
    // This node is gone before it flushed. Another starts, declares the same reaction, sweeps.
    const next = outbox();
    const got: string[] = [];
    next.on('test.domain.other', 'record', async (ps) => void got.push(...ps.map((p) => p.id)));
    expect((await next.backlog()).pending).toBe(1);
    await next.flush();
    expect(got).toEqual(['after-crash']);
    expect((await next.backlog()).pending).toBe(0);
  });

  it('retries a failed reaction with backoff, without running the ones that succeeded again', async () => {
    const events = outbox();
    let fails = 2;
    const ok: number[] = [];
    const flaky: number[] = [];
    events.on('test.domain.happened', 'ok', async (ps) => void ok.push(...ps.map((p) => p.n)));
    events.on('test.domain.happened', 'flaky', async (ps) => {
      if (fails-- > 0) throw new Error('CRM down');
      flaky.push(...ps.map((p) => p.n));
    });
    await t.database.db.transaction(async (tx) => events.emit(tx, 'test.domain.happened', { n: 7 }));
    expect(await events.flush()).toEqual({ dispatched: 0, failed: 1 });
    const [row] = await t.database.db.select().from(domainEvents).where(sql`dispatched_at is null`);
    expect(row).toMatchObject({ done: ['ok'], attempts: 1, lastError: 'flaky: CRM down' });
    // Not due yet: the first retry waits 5 s.
    expect(await events.flush()).toEqual({ dispatched: 0, failed: 0 });
    now = new Date(now.getTime() + 5_000);
    expect(await events.flush()).toEqual({ dispatched: 0, failed: 1 });
    now = new Date(now.getTime() + 9_000);
    expect(await events.flush()).toEqual({ dispatched: 0, failed: 0 });
    now = new Date(now.getTime() + 1_000);
    expect(await events.flush()).toEqual({ dispatched: 1, failed: 0 });
    expect(ok).toEqual([7]);
    expect(flaky).toEqual([7]);
  });

  it('gives each event to one of two nodes flushing at once, and a claim of a dead node passes on', async () => {
    const a = outbox();
    const b = createDomainEvents({ db: t.database.db, clock, logger, batch: 3, claimMs: 60_000 });
    const byA: string[] = [];
    const byB: string[] = [];
    a.on('test.domain.other', 'x', async (ps) => void byA.push(...ps.map((p) => p.id)));
    b.on('test.domain.other', 'x', async (ps) => void byB.push(...ps.map((p) => p.id)));
    await t.database.db.transaction(async (tx) => {
      for (let i = 0; i < 20; i++) await a.emit(tx, 'test.domain.other', { id: `e${i}` });
    });
    await Promise.all([a.flush(), b.flush()]);
    expect([...byA, ...byB].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `e${i}`).sort());

    // A node claims an event and dies: after the claim runs out, another node takes it.
    await t.database.db.transaction(async (tx) => a.emit(tx, 'test.domain.other', { id: 'orphan' }));
    await t.database.db.execute(
      sql`update ${domainEvents} set claimed_by = 'dead', claimed_until = ${new Date(now.getTime() + 60_000)} where dispatched_at is null`,
    );
    await a.flush();
    expect(byA).not.toContain('orphan');
    now = new Date(now.getTime() + 61_000);
    await a.flush();
    expect(byA).toContain('orphan');
  });

  it('prunes dispatched events after the retention and keeps those not dispatched', async () => {
    const events = outbox();
    await t.database.db.transaction(async (tx) => events.emit(tx, 'test.domain.happened', { n: 99 }));
    events.on('test.domain.happened', 'boom', async () => {
      throw new Error('never');
    });
    await events.flush();
    now = new Date(now.getTime() + 8 * 86_400_000);
    const pruned = await events.prune(7 * 86_400_000);
    expect(pruned).toBeGreaterThan(0);
    const left = await t.database.db.select({ payload: domainEvents.payload }).from(domainEvents);
    expect(left).toEqual([{ payload: { n: 99 } }]);
  });
});
