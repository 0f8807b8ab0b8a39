/**
 * A finished call analysed through the app: a call on the simulator ends, its recording is
 * fetched; the analysis job reads both and GET /calls/:id/analysis answers it to those who may see
 * the call. Runs again when the recording arrives after the wrap-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Call, CallAnalysis } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-analysis-'));
beforeAll(async () => {
  t = await createTestApp({
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '20', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_DATA_DIR: dataDir },
  });
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function until<T>(read: () => Promise<T>, done: (v: T) => boolean, what: string): Promise<T> {
  let v = await read();
  for (let i = 0; i < 750 && !done(v); i++) {
    await new Promise((r) => setTimeout(r, 20));
    v = await read();
  }
  if (!done(v)) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
  return v;
}

describe('call analysis', () => {
  it('analyses a call once it ends, from its recording and transcript, before the wrap-up, for those who may see the call', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Analysed Lead', phone: '9001122399', ownerId: t.cast.telecaller.id });
    const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<Call>().id;
    const get = async () => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
    await until(get, (c) => c.status === 'in_progress', 'the call to connect');

    // Before the call is over there is nothing yet.
    const early = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/analysis`, as: t.cast.telecaller });
    expect(early.statusCode).toBe(200);
    expect(early.json<CallAnalysis>()).toMatchObject({ status: 'pending', talkRatio: null, objections: [], qaScore: null });

    // About 20 s of conversation at 20x, then hang up.
    await new Promise((r) => setTimeout(r, 1000));
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.telecaller, payload: {} });
    await until(get, (c) => c.status === 'completed', 'the call to end');
    const analysis = await until(
      async () => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}/analysis`, as: t.cast.telecaller })).json<CallAnalysis>(),
      (a) => a.status === 'done' && a.sources.recording && a.sources.transcript,
      'the analysis with recording and transcript',
    );
    expect(analysis.error).toBeNull();
    expect(analysis.talkRatio).toBeGreaterThan(0);
    expect(analysis.talkRatio).toBeLessThan(1);
    expect(analysis.timeline?.lead.length).toBeGreaterThan(0);
    expect(analysis.timeline?.agent.length).toBeGreaterThan(0);
    expect(analysis.sentiment.lead).not.toBeNull();
    expect(analysis.summary.length).toBeGreaterThan(0);
    // No language model here: the local rules write it.
    expect(analysis.sources.summaryBy).toBe('rules');
    expect(analysis.analyzedAt).not.toBeNull();
    // Ready before the telecaller wraps up: the form is prefilled from it, and the suggestion is one they can save.
    expect(analysis.wrapUp).not.toBeNull();
    const disposed = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${id}/disposition`,
      as: t.cast.telecaller,
      // A suggested callback still needs its time from the telecaller (the form proposes one).
      payload: {
        disposition: analysis.wrapUp?.disposition,
        notes: analysis.wrapUp?.note,
        ...(analysis.wrapUp?.disposition === 'callback' ? { callbackAt: new Date(Date.now() + 86_400_000).toISOString() } : {}),
      },
    });
    expect(disposed.statusCode, disposed.body).toBeLessThan(300);

    // The manager who watches the telecaller sees it; another team's telecaller gets the same 404 as for the call.
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}/analysis`, as: t.cast.manager })).statusCode).toBe(200);
    const other = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/analysis`, as: t.cast.otherTelecaller });
    expect(other.statusCode).toBe(404);
    expect(other.json()).toMatchObject({ code: 'CALL_NOT_FOUND' });
  });

  it('answers 404 for a call that does not exist, and analyses a call nobody answered as having nothing to go on', async () => {
    const missing = await t.request({ method: 'GET', url: '/api/v1/calls/00000000-0000-4000-8000-000000000001/analysis', as: t.cast.admin });
    expect(missing.statusCode).toBe(404);
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Silent Lead', phone: '9001122398', ownerId: t.cast.telecaller.id });
    const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    const id = res.json<Call>().id;
    // Hung up while it rings: no conversation, no recording.
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.telecaller, payload: {} });
    await until(
      async () => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>(),
      (c) => c.status !== 'queued' && c.status !== 'dialing' && c.status !== 'ringing' && c.status !== 'in_progress',
      'the call to end',
    );
    await t.app.services.analysis.run(id);
    const a = (await t.request({ method: 'GET', url: `/api/v1/calls/${id}/analysis`, as: t.cast.telecaller })).json<CallAnalysis>();
    expect(a).toMatchObject({ status: 'done', sources: { recording: false, transcript: false }, talkRatio: null, summary: '', wrapUp: null });
  });

  it('backfills: every finished conversation since a date is analysed again, with progress', async () => {
    await t.db.database.db.execute(sql`delete from call_analyses`);
    const seen: [number, number][] = [];
    const r = await t.app.services.analysis.backfill(new Date(Date.now() - 3_600_000), (done, total) => seen.push([done, total]));
    // The conversation of the first test; the call nobody answered is not one.
    expect(r).toEqual({ analysed: 1, failed: [] });
    expect(seen).toEqual([[1, 1]]);
    const [row] = rowsOf<{ status: string }>(await t.db.database.db.execute(sql`select status from call_analyses`));
    expect(row?.status).toBe('done');
  });
});
