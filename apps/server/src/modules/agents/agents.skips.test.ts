/**
 * Skipping a lead with a reason, through the API on a real database: the skip is remembered (a
 * fresh next() leaves the lead out, as after a reload), ends at the next reset in India, lets a
 * callback falling due come first, shows on the lead's timeline, and is lead data.
 */
import type { NextLead, Skip, SkipRules } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { skipEndsAt } from './agents.skips.js';

/** A clock the test moves on: 12:00 in India today to start with. */
const HOUR = 3_600_000;
const clock = (() => {
  const now = new Date();
  const ist = new Date(now.getTime() + 5.5 * HOUR);
  const noon = Date.UTC(ist.getUTCFullYear(), ist.getUTCMonth(), ist.getUTCDate(), 12, 0) - 5.5 * HOUR;
  const c = { offset: noon - now.getTime(), now: () => new Date(Date.now() + c.offset) };
  return c;
})();

let t: TestApp;
let me: Person;
beforeAll(async () => {
  t = await createTestApp({ clock });
  // An agent of their own, so the queue holds only this file's leads.
  const agent = await t.app.services.users.create(SYSTEM_ACTOR, {
    email: 'skipper@test.example',
    name: 'Skip Agent',
    role: 'telecaller',
    password: 'correct-horse-battery',
    teamId: t.cast.teamId,
  });
  me = { id: agent.id, email: agent.email, role: 'telecaller', teamId: t.cast.teamId, token: await t.login('skipper@test.example') };
});
afterAll(() => t?.close());

let seq = 0;
const lead = (ownerId = me.id) => t.app.services.leads.create(SYSTEM_ACTOR, { name: `Skip Lead ${++seq}`, phone: `94${String(40_000_000 + seq)}`, ownerId });
const next = async (query = '') => {
  const res = await t.request({ method: 'GET', url: `/api/v1/workspace/next${query}`, as: me });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NextLead>();
};
/** Runs `fn` with the clock `ms` ahead (signed in again: the session would have run out), then back. */
async function later(ms: number, fn: () => Promise<void>) {
  clock.offset += ms;
  try {
    me.token = await t.login(me.email);
    await fn();
  } finally {
    clock.offset -= ms;
    me.token = await t.login(me.email);
  }
}
/** How long a skip keeps its lead out of the queue. */
const lasts = (s: Skip) => new Date(s.until).getTime() - new Date(s.createdAt).getTime();
const skip = (payload: object, who: Person = me) => t.request({ method: 'POST', url: '/api/v1/workspace/skips', as: who, payload });

describe('skipping a lead with a reason', () => {
  it('keeps the lead out of the queue across fresh reads, until the next day in India', async () => {
    const a = await lead();
    const b = await lead();
    expect((await next()).lead?.id).toBe(a.id);

    const res = await skip({ leadId: a.id, reason: 'language', note: 'Speaks only Tamil' });
    expect(res.statusCode, res.body).toBe(201);
    const saved = res.json<Skip>();
    expect(saved).toMatchObject({ leadId: a.id, reason: 'language', note: 'Speaks only Tamil' });
    // Midnight in India, twelve hours after noon today.
    expect(saved.until).toBe(skipEndsAt(new Date(saved.createdAt), '00:00').toISOString());
    expect(lasts(saved)).toBeGreaterThan(12 * HOUR - 60_000);
    expect(lasts(saved)).toBeLessThanOrEqual(12 * HOUR);

    // A reload asks again with nothing in the query: the skipped lead stays out.
    const after = await next();
    expect(after).toMatchObject({ reason: 'queue', lead: { id: b.id }, remaining: 0 });
    expect((await next()).lead?.id).toBe(b.id);

    // The lead's timeline says who skipped it and why.
    const timeline = await t.request({ method: 'GET', url: `/api/v1/leads/${a.id}/activities`, as: me });
    expect(timeline.json<{ items: unknown[] }>().items).toContainEqual(
      expect.objectContaining({ type: 'skipped', actorId: me.id, body: 'Speaks only Tamil', data: { reason: 'language', until: saved.until } }),
    );

    // The next day it is back, first again (never called).
    await later(13 * HOUR, async () => expect((await next()).lead?.id).toBe(a.id));
    // Clean up for the next test: both leads out of this agent's way.
    await t.app.services.leads.update(SYSTEM_ACTOR, a.id, { status: 'converted' });
    await t.app.services.leads.update(SYSTEM_ACTOR, b.id, { status: 'converted' });
  });

  it('lets a callback falling due come first, skipped or not', async () => {
    const c = await lead();
    expect((await skip({ leadId: c.id, reason: 'wrong_time' })).statusCode).toBe(201);
    expect((await next()).lead).toBeNull();
    await t.app.services.agents.callbacks.replaceForLead(t.db.database.db, {
      leadId: c.id,
      agentId: me.id,
      callId: null,
      dueAt: new Date(clock.now().getTime() - 60_000),
      notes: null,
    });
    expect(await next()).toMatchObject({ reason: 'callback', lead: { id: c.id } });
    // Passed over in this visit (the query), the callback waits too.
    expect((await next(`?skip=${c.id}`)).lead).toBeNull();
    await t.app.services.agents.callbacks.replaceForLead(t.db.database.db, { leadId: c.id, agentId: me.id, callId: null, dueAt: null, notes: null });
    await t.app.services.leads.update(SYSTEM_ACTOR, c.id, { status: 'converted' });
  });

  it('is the agent’s own, for leads they may see, with a reason from the list', async () => {
    const d = await lead();
    expect((await skip({ leadId: d.id, reason: 'bored' })).statusCode).toBe(400);
    expect((await skip({ leadId: d.id })).statusCode).toBe(400);
    expect((await skip({ leadId: d.id, reason: 'other', note: 'x'.repeat(501) })).statusCode).toBe(400);
    // Another team's telecaller cannot see the lead.
    expect((await skip({ leadId: d.id, reason: 'duplicate' }, t.cast.otherTelecaller)).statusCode).toBe(404);
    // Someone else's skip leaves this agent's queue alone.
    expect((await skip({ leadId: d.id, reason: 'duplicate' }, t.cast.admin)).statusCode).toBe(201);
    expect((await next()).lead?.id).toBe(d.id);
    expect((await skip({ leadId: d.id, reason: 'needs_info' })).statusCode).toBe(201);
    expect((await next()).lead).toBeNull();
  });

  it('ends at the time of day an admin sets', async () => {
    expect((await t.request({ method: 'GET', url: '/api/v1/workspace/skip-rules', as: me })).json<SkipRules>()).toEqual({ resetAt: '00:00' });
    expect((await t.request({ method: 'PUT', url: '/api/v1/workspace/skip-rules', as: t.cast.manager, payload: { resetAt: '18:00' } })).statusCode).toBe(403);
    expect((await t.request({ method: 'PUT', url: '/api/v1/workspace/skip-rules', as: t.cast.admin, payload: { resetAt: '25:00' } })).statusCode).toBe(400);
    const set = await t.request({ method: 'PUT', url: '/api/v1/workspace/skip-rules', as: t.cast.admin, payload: { resetAt: '18:00' } });
    expect(set.json<SkipRules>()).toEqual({ resetAt: '18:00' });
    const e = await lead();
    const saved = (await skip({ leadId: e.id, reason: 'wrong_time' })).json<Skip>();
    // Noon now: back at six this evening, India time.
    expect(lasts(saved)).toBeGreaterThan(6 * HOUR - 60_000);
    expect(lasts(saved)).toBeLessThanOrEqual(6 * HOUR);
    await later(7 * HOUR, async () => expect((await next()).lead?.id).toBe(e.id));
    await t.request({ method: 'PUT', url: '/api/v1/workspace/skip-rules', as: t.cast.admin, payload: { resetAt: '00:00' } });
  });

  it('follows a merge, and leaves with an erased person', async () => {
    const holder = t.app.services.leads.holders.all().find((h) => h.name === 'agent_skips');
    if (!holder) throw new Error('skips are not registered as lead data');
    const ref = async (id: string) => {
      const l = await t.app.services.leads.get(SYSTEM_ACTOR, id);
      return { id: l.id, phone: l.phone, email: l.email };
    };
    const f = await lead();
    const survivor = await lead();
    await skip({ leadId: f.id, reason: 'duplicate', note: 'Same as the Pune enquiry' });
    const db = t.db.database.db;
    await db.transaction((tx) => holder.move(tx, f.id, survivor.id));
    expect(await holder.export(await ref(f.id))).toEqual([]);
    expect(await holder.export(await ref(survivor.id))).toEqual([expect.objectContaining({ reason: 'duplicate', note: 'Same as the Pune enquiry' })]);
    // The skip went with the merge: the survivor is out of the queue, the merged lead back in it.
    expect((await next()).lead?.id).toBe(f.id);
    // Read before the transaction: the embedded database serves one statement at a time.
    const person = await ref(survivor.id);
    await db.transaction((tx) => holder.erase(tx, person));
    expect(await holder.export(person)).toEqual([]);
  });

  it('clocks the reset in India whatever the hour', () => {
    const at = (iso: string) => new Date(iso);
    // 23:30 in India is 18:00 UTC: the skip lasts until midnight, half an hour.
    expect(skipEndsAt(at('2026-03-10T18:00:00Z'), '00:00').toISOString()).toBe('2026-03-10T18:30:00.000Z');
    // 00:10 in India: until the next midnight.
    expect(skipEndsAt(at('2026-03-10T18:40:00Z'), '00:00').toISOString()).toBe('2026-03-11T18:30:00.000Z');
    // 05:00 in India with a 06:00 reset: an hour.
    expect(skipEndsAt(at('2026-03-10T23:30:00Z'), '06:00').toISOString()).toBe('2026-03-11T00:30:00.000Z');
  });
});
