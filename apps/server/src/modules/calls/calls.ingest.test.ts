/**
 * The one ingestion path under chaos: the same provider events delivered shuffled, duplicated
 * and concurrently must leave every call in the same end state, stored once each (segments in
 * the transcript, everything else as a provider event).
 */
import type { Call, CallWithLead } from '@telehub/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { callEvents, transcriptSegments } from './calls.tables.js';

const clock = { now: () => new Date() };
let t: TestApp;
beforeAll(async () => {
  // Nobody answers and the ring lasts an hour: the simulator stays quiet after "ringing", and
  // the test supplies the rest of each call's events itself.
  t = await createTestApp({
    clock,
    env: { SIMULATOR_ANSWER_RATE: '0', TELEHUB_RING_TIMEOUT: '3600', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50' },
  });
});
afterAll(() => t?.close());

function mulberry(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

function eventsFor(call: Call, t0: number): ProviderEvent[] {
  const base = { provider: 'simulator' as const, providerCallId: call.providerCallId, callId: call.id, raw: {} };
  const at = (s: number) => new Date(t0 + s * 1000);
  return [
    { ...base, providerEventId: `${call.providerCallId}:x1`, kind: 'status', status: 'ringing', occurredAt: at(1) },
    { ...base, providerEventId: `${call.providerCallId}:x2`, kind: 'status', status: 'in_progress', occurredAt: at(6) },
    {
      ...base,
      providerEventId: `${call.providerCallId}:x3`,
      kind: 'transcript',
      occurredAt: at(7),
      segment: { seq: 0, speaker: 'agent', language: 'en', text: 'Hello', startMs: 1000, endMs: 3000 },
    },
    {
      ...base,
      providerEventId: `${call.providerCallId}:x4`,
      kind: 'transcript',
      occurredAt: at(9),
      segment: { seq: 1, speaker: 'lead', language: 'en', text: 'Hi, who is this?', startMs: 3500, endMs: 5000 },
    },
    {
      ...base,
      providerEventId: `${call.providerCallId}:x5`,
      kind: 'status',
      status: 'completed',
      occurredAt: at(66),
      endedAt: at(66),
      durationSeconds: 60,
      hangupBy: 'lead',
    },
    // A second, later report of the same end (a retried callback with its own id) must not move it.
    { ...base, providerEventId: `${call.providerCallId}:x6`, kind: 'status', status: 'completed', occurredAt: at(70), endedAt: at(70) },
    // A ringing report that arrives after everything else.
    { ...base, providerEventId: `${call.providerCallId}:x7`, kind: 'status', status: 'ringing', occurredAt: at(2) },
  ];
}

async function placeCall(): Promise<Call> {
  const n = Math.floor(Math.random() * 1e7);
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: `Chaos ${n}`, phone: `98${String(n).padStart(8, '0')}`, ownerId: t.cast.telecaller.id });
  const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<Call>();
}

const endState = (c: CallWithLead) => ({
  status: c.status,
  answeredAt: c.answeredAt,
  endedAt: c.endedAt,
  durationSeconds: c.durationSeconds,
  hangupBy: c.hangupBy,
  wrapUpPending: c.wrapUpPending,
});

describe('ingestion under chaos', () => {
  it('ends every shuffled, duplicated, concurrent delivery in the same state, each event stored once', async () => {
    const t0 = Date.parse('2026-11-25T06:00:00Z');
    const states: ReturnType<typeof endState>[] = [];
    for (let trial = 0; trial < 8; trial++) {
      const call = await placeCall();
      const events = eventsFor(call, t0);
      const rand = mulberry(trial + 1);
      const deliveries = events.flatMap((e) => Array.from({ length: 1 + Math.floor(rand() * 3) }, () => e));
      deliveries.sort(() => rand() - 0.5);
      // Half the trials deliver concurrently: the row lock must serialize them.
      if (trial % 2 === 0) await Promise.all(deliveries.map((e) => t.app.services.ingest(e)));
      else for (const e of deliveries) await t.app.services.ingest(e);

      const final = (await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}`, as: t.cast.telecaller })).json<CallWithLead>();
      states.push(endState(final));
      const db = t.db.database.db;
      const stored = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(callEvents)
        .where(sql`${callEvents.callId} = ${call.id} and ${callEvents.providerEventId} like ${`${call.providerCallId}:x%`}`);
      // Status and recording events are stored as provider events; transcript segments go to their own table only.
      expect(stored[0]?.n).toBe(events.filter((e) => e.kind !== 'transcript').length);
      const segs = await db.select().from(transcriptSegments).where(eq(transcriptSegments.callId, call.id));
      expect(segs.map((s) => s.seq).sort()).toEqual([0, 1]);
      const done = await t.request({
        method: 'POST',
        url: `/api/v1/calls/${call.id}/disposition`,
        as: t.cast.telecaller,
        payload: { disposition: 'interested' },
      });
      expect(done.statusCode, done.body).toBe(200);
    }
    expect(states[0]).toEqual({
      status: 'completed',
      answeredAt: '2026-11-25T06:00:06.000Z',
      endedAt: '2026-11-25T06:01:06.000Z',
      durationSeconds: 60,
      hangupBy: 'lead',
      wrapUpPending: true,
    });
    for (const s of states) expect(s).toEqual(states[0]);
  });

  it('marks as applied exactly the stored events that moved the call', async () => {
    const call = await placeCall();
    const events = eventsFor(call, Date.parse('2026-11-25T07:00:00Z'));
    const applied: Record<string, boolean> = {};
    for (const e of events) {
      const r = await t.app.services.ingest(e);
      if (e.kind !== 'transcript') applied[e.providerEventId] = r.applied;
    }
    const rows = await t.db.database.db
      .select({ id: callEvents.providerEventId, appliedAt: callEvents.appliedAt })
      .from(callEvents)
      .where(sql`${callEvents.callId} = ${call.id} and ${callEvents.providerEventId} like ${`${call.providerCallId}:x%`}`);
    const stored = Object.fromEntries(rows.map((r) => [r.id, r.appliedAt !== null]));
    // Ringing, answered and ended move it; the repeated end and the late ringing do not.
    const id = (n: number) => `${call.providerCallId}:x${n}`;
    expect(stored).toEqual({ [id(1)]: true, [id(2)]: true, [id(5)]: true, [id(6)]: false, [id(7)]: false });
    expect(applied).toEqual(stored);
    await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'interested' } });
  });

  it('answers a repeat with stored=false and changes nothing', async () => {
    const call = await placeCall();
    const [ringing] = eventsFor(call, Date.now());
    if (!ringing) throw new Error('no event');
    expect(await t.app.services.ingest(ringing)).toMatchObject({ stored: true, callId: call.id });
    expect(await t.app.services.ingest(ringing)).toEqual({ stored: false, applied: false, callId: call.id });
    await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/hangup`, as: t.cast.telecaller, payload: {} });
    const ended = await (async () => {
      for (let i = 0; i < 200; i++) {
        const c = (await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}`, as: t.cast.telecaller })).json<CallWithLead>();
        if (c.status === 'canceled') return c;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error('the hang-up never ended the call');
    })();
    expect(ended).toMatchObject({ hangupBy: 'agent', answeredAt: null, durationSeconds: 0 });
    await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'no_answer' } });
  });

  it('stores an event for an unknown call without applying it', async () => {
    const r = await t.app.services.ingest({
      provider: 'simulator',
      providerEventId: 'orphan-1',
      providerCallId: 'SIM-nobody',
      callId: '00000000-0000-4000-8000-000000000000',
      kind: 'status',
      status: 'completed',
      occurredAt: new Date(),
      raw: { note: 'for a call we never placed' },
    });
    expect(r).toEqual({ stored: true, applied: false, callId: null });
    const [row] = await t.db.database.db.select({ appliedAt: callEvents.appliedAt }).from(callEvents).where(eq(callEvents.providerEventId, 'orphan-1'));
    expect(row).toEqual({ appliedAt: null });
  });

  it('fails calls left live far too long', async () => {
    const call = await placeCall();
    const swept = await t.app.services.calls.sweepStale({ reconcileAfterMs: 0, abandonAfterMs: -60_000 });
    expect(swept.failed).toBeGreaterThanOrEqual(1);
    const c = (await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}`, as: t.cast.telecaller })).json<CallWithLead>();
    expect(c).toMatchObject({ status: 'failed', hangupBy: 'system', wrapUpPending: true });
    await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'no_answer' } });
  });
});
