/**
 * Recording round trip through the app: the simulator's recording is fetched after the call,
 * stored encrypted (no plain audio bytes on disk), played back with byte ranges, refused to
 * other telecallers, and every listen is audited.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Call } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-rec-'));
beforeAll(async () => {
  t = await createTestApp({
    env: { SIMULATOR_ANSWER_RATE: '1', SIMULATOR_SPEED: '20', TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_DATA_DIR: dataDir },
  });
});
afterAll(async () => {
  await t?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('call recordings', () => {
  it('are kept encrypted and played back in ranges, only to those allowed', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Recorded Lead', phone: '9001122334', ownerId: t.cast.telecaller.id });
    const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<Call>().id;
    let call = res.json<Call>();
    for (let i = 0; i < 500 && call.status !== 'in_progress'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      call = (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
    }
    // Let a few seconds of conversation pass (at 20x), then hang up.
    await new Promise((r) => setTimeout(r, 400));
    await t.request({ method: 'POST', url: `/api/v1/calls/${id}/hangup`, as: t.cast.telecaller, payload: {} });
    for (let i = 0; i < 500 && !call.recordingAvailable; i++) {
      await new Promise((r) => setTimeout(r, 20));
      call = (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<Call>();
    }
    expect(call).toMatchObject({ status: 'completed', recordingAvailable: true, recordingNotice: true });

    const whole = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/recording`, as: t.cast.telecaller });
    expect(whole.statusCode).toBe(200);
    expect(whole.headers['content-type']).toBe('audio/wav');
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const audio = whole.rawPayload;
    expect(audio.subarray(0, 4).toString('ascii')).toBe('RIFF');
    expect(Number(whole.headers['content-length'])).toBe(audio.length);

    const part = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/recording`, as: t.cast.telecaller, headers: { range: 'bytes=100-70099' } });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-70099/${audio.length}`);
    expect(part.rawPayload.equals(audio.subarray(100, 70100))).toBe(true);
    const tail = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/recording`, as: t.cast.manager, headers: { range: 'bytes=-500' } });
    expect(tail.statusCode).toBe(206);
    expect(tail.rawPayload.equals(audio.subarray(audio.length - 500))).toBe(true);
    const beyond = await t.request({
      method: 'GET',
      url: `/api/v1/calls/${id}/recording`,
      as: t.cast.telecaller,
      headers: { range: `bytes=${audio.length}-` },
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-range']).toBe(`bytes */${audio.length}`);

    // On disk: nothing of the WAV in the clear.
    const stored = filesUnder(dataDir).filter((f) => f.endsWith('.thr'));
    expect(stored).toHaveLength(1);
    const onDisk = readFileSync(stored[0] ?? '');
    expect(onDisk.includes(Buffer.from('WAVEfmt '))).toBe(false);
    expect(onDisk.includes(audio.subarray(2000, 2064))).toBe(false);

    // Another telecaller cannot see the call; the lead's new owner sees it but may not listen.
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}/recording`, as: t.cast.otherTelecaller })).statusCode).toBe(404);
    await t.app.services.leads.update(SYSTEM_ACTOR, lead.id, { ownerId: t.cast.otherTelecaller.id });
    expect((await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.otherTelecaller })).statusCode).toBe(200);
    const refused = await t.request({ method: 'GET', url: `/api/v1/calls/${id}/recording`, as: t.cast.otherTelecaller });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'RECORDING_FORBIDDEN' });

    const audit = await t.request({ method: 'GET', url: '/api/v1/audit?action=recording.listen', as: t.cast.admin });
    const entries = audit.json<{ items: { actorId: string; entityId: string }[] }>().items.filter((e) => e.entityId === id);
    // The agent's several range requests within a minute count once; the manager's once.
    expect(entries.map((e) => e.actorId).sort()).toEqual([t.cast.telecaller.id, t.cast.manager.id].sort());
  });
});
