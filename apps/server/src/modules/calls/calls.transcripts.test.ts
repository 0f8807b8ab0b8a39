/**
 * Streaming segments: stored in batches, once each, published in order after they are stored,
 * never through the provider-event table, and never waiting for the call's row lock.
 */
import type { TranscriptSegment } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import { usingPostgres } from '../../test/db.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { calls } from './calls.tables.js';

let t: TestApp;
let callId = '';
beforeAll(async () => {
  t = await createTestApp();
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Stream Lead', phone: '9300000001', ownerId: t.cast.telecaller.id });
  const [row] = await t.db.database.db
    .insert(calls)
    .values({ leadId: lead.id, agentId: t.cast.telecaller.id, provider: 'simulator', providerCallId: 'SIM-stream-1', status: 'in_progress' })
    .returning({ id: calls.id });
  callId = row?.id ?? '';
});
afterAll(() => t?.close());

const segment = (seq: number, over: Partial<ProviderEvent> = {}): ProviderEvent => ({
  provider: 'simulator',
  providerEventId: `SIM-stream-1:seg:${seq}`,
  providerCallId: 'SIM-stream-1',
  callId,
  kind: 'transcript',
  occurredAt: new Date(),
  segment: { seq, speaker: seq % 2 ? 'lead' : 'agent', language: 'hinglish', text: `line ${seq}`, startMs: seq * 1000, endMs: seq * 1000 + 900 },
  raw: {},
  ...over,
});
const count = async (q: ReturnType<typeof sql>) => Number(rowsOf<{ n: number }>(await t.db.database.db.execute(q))[0]?.n);

describe('streaming transcript segments', () => {
  it('stores a burst in batches, each once, and publishes them in order after they are stored', async () => {
    const { ingest, bus } = t.app.services;
    const seen: TranscriptSegment[] = [];
    const storedWhenSeen: number[] = [];
    const off = bus.subscribe('transcript.segment', async ({ segment }) => {
      seen.push(segment);
      storedWhenSeen.push(await count(sql`select count(*)::int as n from transcript_segments where call_id = ${callId} and seq = ${segment.seq}`));
    });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => ingest(segment(i))));
    expect(results.every((r) => r.applied && r.callId === callId)).toBe(true);
    // The same segments again (a redelivery): nothing new is stored or published.
    const again = await Promise.all([ingest(segment(3)), ingest(segment(59))]);
    expect(again.map((r) => r.applied)).toEqual([false, false]);
    // By the provider's call id alone, too.
    expect((await ingest(segment(60, { callId: null }))).applied).toBe(true);
    await new Promise((r) => setTimeout(r, 20));
    off();
    expect(seen.map((s) => s.seq)).toEqual(Array.from({ length: 61 }, (_, i) => i));
    expect(storedWhenSeen.every((n) => n === 1)).toBe(true);
    expect(await count(sql`select count(*)::int as n from transcript_segments where call_id = ${callId}`)).toBe(61);
    // The provider-event table is for status and recording events only.
    expect(await count(sql`select count(*)::int as n from call_events where call_id = ${callId}`)).toBe(0);
    const read = await t.app.services.callsReader.transcript(SYSTEM_ACTOR, callId, 57);
    expect(read.items.map((s) => s.text)).toEqual(['line 58', 'line 59', 'line 60']);
  });

  it('does not apply a segment for an unknown call, or for a call another provider placed', async () => {
    const { ingest } = t.app.services;
    expect(await ingest(segment(1, { callId: null, providerCallId: 'SIM-nobody' }))).toEqual({ stored: false, applied: false, callId: null });
    expect(await ingest(segment(99, { provider: 'twilio', callId }))).toMatchObject({ applied: false });
  });

  it.skipIf(!usingPostgres())('is stored while another transaction holds the call’s row lock', async () => {
    const { ingest } = t.app.services;
    let release: () => void = () => undefined;
    const holding = new Promise<void>((r) => {
      release = r;
    });
    let locked: () => void = () => undefined;
    const isLocked = new Promise<void>((r) => {
      locked = r;
    });
    const tx = t.db.database.db.transaction(async (db) => {
      await db.execute(sql`select id from calls where id = ${callId} for no key update`);
      locked();
      await holding;
    });
    await isLocked;
    try {
      const stored = await Promise.race([ingest(segment(200)), new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 3000))]);
      expect(stored).toMatchObject({ applied: true });
    } finally {
      release();
      await tx;
    }
  });
});
