/**
 * The calls table partitioned by month on a real database: call ids are time-ordered; the
 * provider's call id stays unique with or without partitions; converting keeps every call, every
 * foreign key both ways and the triggers; calls placed afterwards land in their month's partition;
 * the months ahead are made, and a month whose calls sit in the default partition is reported.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { idAtInstant, instantOfId, monthOf } from './calls.partitions.js';

let t: TestApp;
let n = 0;
const db = () => t.db.database.db;
const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db().execute(q))[0] as T;
const lead = () => t.app.services.leads.create(SYSTEM_ACTOR, { name: `Partition Lead ${++n}`, phone: `95${String(40_000_000 + n)}` });
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string; cause?: { code?: string } }) => e.cause?.code ?? e.code ?? 'error',
  );

/** A finished call laid down directly, with the id given (or the table's default). */
async function insertCall(leadId: string, providerCallId: string, id?: string) {
  const row = await one<{ id: string }>(sql`
    insert into calls (${sql.raw(id ? 'id, ' : '')}lead_id, provider, provider_call_id, status, started_at, ended_at)
    values (${sql.raw(id ? `'${id}', ` : '')}${leadId}, 'simulator', ${providerCallId}, 'completed', now(), now()) returning id`);
  return row.id;
}

beforeAll(async () => {
  t = await createTestApp({ clock: noonInIndia(), env: { SIMULATOR_ANSWER_RATE: '0', SIMULATOR_SPEED: '1000' } });
});
afterAll(() => t?.close());

describe('time-ordered call ids', () => {
  it('are version 7 ids that carry the instant they were made', async () => {
    const l = await lead();
    const before = Date.now();
    const id = await insertCall(l.id, `p-${++n}`);
    expect(id[14]).toBe('7');
    const at = instantOfId(id)?.getTime() ?? 0;
    expect(at).toBeGreaterThanOrEqual(before - 5);
    expect(at).toBeLessThanOrEqual(Date.now() + 5);
    // Ids made later sort later.
    const later = await insertCall(l.id, `p-${++n}`);
    expect(later > id).toBe(true);
    expect(idAtInstant(Date.UTC(2026, 11, 1))).toBe('01a22ee6-b000-0000-0000-000000000000');
    expect(monthOf(new Date('2026-12-15T10:00:00Z'))).toMatchObject({
      name: 'calls_y2026m12',
      from: idAtInstant(Date.UTC(2026, 11, 1)),
      to: idAtInstant(Date.UTC(2027, 0, 1)),
    });
  });

  it('keep one call per provider call id, also when the id is set later', async () => {
    const l = await lead();
    await insertCall(l.id, 'dup-1');
    expect(await codeOf(insertCall(l.id, 'dup-1'))).toBe('23505');
    const late = await insertCall(l.id, `p-${++n}`);
    expect(await codeOf(db().execute(sql`update calls set provider_call_id = 'dup-1' where id = ${late}`))).toBe('23505');
    // Changing a call's provider id frees the old one.
    await db().execute(sql`update calls set provider_call_id = 'dup-2' where provider_call_id = 'dup-1'`);
    await insertCall(l.id, 'dup-1');
  });
});

describe('partitioned by month', () => {
  let legacy: string;
  let before: number;

  beforeAll(async () => {
    const l = await lead();
    // A call made before ids were time-ordered (a random id), with an event pointing at it.
    legacy = await insertCall(l.id, 'legacy-1', 'f3a9c1de-2b4a-4c8e-9f10-5d6e7a8b9c0d');
    await db().execute(
      sql`insert into call_events (call_id, provider, provider_event_id, type, payload) values (${legacy}, 'simulator', 'ev-legacy', 'completed', '{}'::jsonb)`,
    );
    before = (await one<{ n: number }>(sql`select count(*)::int as n from calls`)).n;
  });

  it('converts the table, keeping every call where it can be found', async () => {
    const p = t.app.services.callPartitions;
    expect((await p.status()).partitioned).toBe(false);
    const r = await p.convert({ monthsAhead: 2 });
    expect(r.converted).toBe(true);
    expect(r.calls).toBe(before);
    const now = t.app.services.clock.now();
    expect(r.partitions).toEqual(expect.arrayContaining(['calls_default', monthOf(now).name, monthOf(now, 1).name, monthOf(now, 2).name]));
    const status = await p.status();
    expect(status.partitioned).toBe(true);
    expect(status.partitions.reduce((s, x) => s + x.rows, 0)).toBe(before);
    // The random id is outside this month's range: the default partition holds it.
    expect(status.partitions.find((x) => x.name === 'calls_default')?.rows).toBe(1);
    expect((await one<{ part: string }>(sql`select tableoid::regclass::text as part from calls where id = ${legacy}`)).part).toBe('calls_default');
    // Again: nothing to do.
    expect((await p.convert({ monthsAhead: 2 })).converted).toBe(false);
  });

  it('keeps the foreign keys both ways, the provider-id guard and the indexes', async () => {
    // Into calls: an event for a call that does not exist is refused.
    expect(
      await codeOf(
        db().execute(
          sql`insert into call_events (call_id, provider, provider_event_id, type, payload) values ('00000000-0000-7000-8000-000000000000', 'simulator', 'ev-x', 'x', '{}'::jsonb)`,
        ),
      ),
    ).toBe('23503');
    // Out of calls: a call of a lead that does not exist is refused; deleting a lead takes its calls and their keys.
    expect(await codeOf(insertCall('00000000-0000-4000-8000-000000000000', `p-${++n}`))).toBe('23503');
    const l = await lead();
    const id = await insertCall(l.id, 'gone-1');
    await db().execute(sql`delete from leads where id = ${l.id}`);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from calls where id = ${id}`)).n).toBe(0);
    expect((await one<{ n: number }>(sql`select count(*)::int as n from call_provider_keys where provider_call_id = 'gone-1'`)).n).toBe(0);
    // The provider's id is still unique across partitions.
    const other = await lead();
    expect(await codeOf(insertCall(other.id, 'legacy-1'))).toBe('23505');
    const indexes = rowsOf<{ name: string }>(await db().execute(sql`select indexname as name from pg_indexes where tablename = 'calls'`)).map((i) => i.name);
    expect(indexes).toEqual(expect.arrayContaining(['calls_pkey', 'calls_lead_idx', 'calls_open_idx', 'calls_provider_call_idx']));
  });

  it('places calls through the app into their month’s partition', async () => {
    const l = await lead();
    const call = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: l.id, agentId: null, mode: 'lead_first' });
    const made = instantOfId(call.id) ?? new Date(0);
    expect((await one<{ part: string }>(sql`select tableoid::regclass::text as part from calls where id = ${call.id}`)).part).toBe(monthOf(made).name);
    const read = await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}`, as: t.cast.admin });
    expect(read.statusCode).toBe(200);
  });

  it('makes the months ahead, and reports a month whose calls are in the default partition', async () => {
    const p = t.app.services.callPartitions;
    const now = t.app.services.clock.now();
    // A call whose id is of six months ahead lands in the default partition.
    const ahead = monthOf(now, 6);
    const l = await lead();
    await insertCall(l.id, `p-${++n}`, ahead.from.replace(/-0000-0000-000000000000$/, '-7000-8000-000000000001'));
    const r = await p.ensureAhead(6);
    expect(r.created).toEqual([monthOf(now, 3).name, monthOf(now, 4).name, monthOf(now, 5).name]);
    expect(r.blocked).toEqual([ahead.name]);
    expect((await p.ensureAhead(5)).created).toEqual([]);
  });
});
