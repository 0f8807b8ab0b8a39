/**
 * The whole app on Exotel: a dial reaches the Exotel stand-in as Exotel would take it, callbacks
 * come back shuffled, twice and with forged tokens, a call whose callbacks never came is
 * reconciled from Call Details, and the recording is fetched and kept.
 */
import type { Call, CallWithLead } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { StandinServer } from '../../platform/testing/standin-server.js';
import { ExotelStandin } from '../../providers/telephony/exotel/testing/exotel-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let exotel: ExotelStandin;
let base = '';
const TOKEN = 'exo-webhook-7Qm2xT';

beforeAll(async () => {
  exotel = await new ExotelStandin().start();
  t = await createTestApp({
    env: {
      TELEPHONY_PROVIDER: 'exotel',
      EXOTEL_ACCOUNT_SID: exotel.accountSid,
      EXOTEL_API_KEY: exotel.apiKey,
      EXOTEL_API_TOKEN: exotel.apiToken,
      EXOTEL_CALLER_ID: exotel.callerId,
      EXOTEL_API_BASE_URL: exotel.url,
      EXOTEL_WEBHOOK_TOKEN: TOKEN,
      PUBLIC_BASE_URL: exotel.publicBaseUrl,
      TELEHUB_CALLING_HOURS: '00:00-24:00',
      TELEHUB_MAX_ATTEMPTS_PER_DAY: '20',
    },
  });
  await t.app.services.users.update(SYSTEM_ACTOR, t.cast.telecaller.id, { phone: '+919812300001' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = t.app.server.address();
  if (!addr || typeof addr === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await t?.close();
  await exotel?.stop();
});

let n = 0;
async function dial(): Promise<Call> {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Exotel Lead ${++n}`,
    phone: `99887${String(10_000 + n)}`,
    ownerId: t.cast.telecaller.id,
  });
  const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Call>();
}
const read = async (id: string) => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<CallWithLead>();
const dispose = (id: string) =>
  t.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'interested' } });

describe('calls on Exotel', () => {
  it('places the call as Exotel expects and applies shuffled, repeated callbacks once', async () => {
    const call = await dial();
    const [connect] = exotel.connects();
    expect(connect?.form).toMatchObject({ From: '+919812300001', CallerId: exotel.callerId, CustomField: call.id, RecordingChannels: 'dual' });
    expect(connect?.form.StatusCallback).toBe(`${exotel.publicBaseUrl}/webhooks/exotel/status/${TOKEN}`);
    expect(call.providerCallId).toBeTruthy();
    const sid = call.providerCallId ?? '';

    exotel.finish(sid, { kind: 'completed', talkSeconds: 42 });
    // A forged token: 404, nothing stored.
    const forged = await fetch(`${base}/webhooks/exotel/status/wrong-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(exotel.callbackBody(sid, 'answered')),
    });
    expect(forged.status).toBe(404);
    expect((await read(call.id)).status).toBe('dialing');

    // The terminal callback first, then the answered one, each twice, one as a form.
    for (const [kind, as] of [
      ['terminal', 'json'],
      ['answered', 'form'],
      ['terminal', 'form'],
      ['answered', 'json'],
    ] as const) {
      const r = await exotel.deliver(sid, kind, base, as);
      expect(r.status, r.body).toBe(200);
    }
    const ended = await read(call.id);
    expect(ended).toMatchObject({ status: 'completed', durationSeconds: 42, wrapUpPending: true });
    expect(ended.answeredAt).not.toBeNull();
    await t.app.services.jobs.idle();
    expect((await read(call.id)).recordingAvailable).toBe(true);
    const audio = await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/recording`, as: t.cast.telecaller });
    expect(audio.statusCode).toBe(200);
    expect(audio.rawPayload.equals(exotel.recordingBytes(sid))).toBe(true);
    expect((await dispose(call.id)).statusCode).toBe(200);
  });

  it('refuses a duration of 1e300 seconds with 400, never a 500, and keeps the call as it was', async () => {
    const call = await dial();
    const sid = call.providerCallId ?? '';
    exotel.finish(sid, { kind: 'completed', talkSeconds: 42 });
    const res = await fetch(`${base}/webhooks/exotel/status/${TOKEN}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...exotel.callbackBody(sid, 'terminal'), ConversationDuration: 1e300 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ details: [{ path: 'ConversationDuration' }] });
    expect((await read(call.id)).status).toBe('dialing');
    // The real callback still applies.
    expect((await exotel.deliver(sid, 'terminal', base)).status).toBe(200);
    expect(await read(call.id)).toMatchObject({ status: 'completed', durationSeconds: 42 });
    await t.app.services.jobs.idle();
    expect((await dispose(call.id)).statusCode).toBe(200);
  });

  it("never fetches a recording from a host that is not Exotel's, and says so in the audit log", async () => {
    const foreign: string[] = [];
    const server = new StandinServer(async (req, res) => {
      foreign.push(req.url ?? '');
      res.end('ID3 not the call');
    });
    await server.start();
    try {
      const call = await dial();
      const sid = call.providerCallId ?? '';
      exotel.finish(sid, { kind: 'completed', talkSeconds: 30 });
      const res = await fetch(`${base}/webhooks/exotel/status/${TOKEN}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...exotel.callbackBody(sid, 'terminal'), RecordingUrl: `${server.url}/exotelrecordings/${exotel.accountSid}/${sid}.mp3` }),
      });
      expect(res.status).toBe(200);
      await t.app.services.jobs.idle();
      expect(foreign).toEqual([]);
      expect(await read(call.id)).toMatchObject({ status: 'completed', recordingAvailable: false });
      const audio = await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/recording`, as: t.cast.telecaller });
      expect(audio.statusCode).toBe(404);
      const audit = (await t.request({ method: 'GET', url: '/api/v1/audit?action=recording.refused', as: t.cast.admin })).json();
      expect(audit.items).toEqual([expect.objectContaining({ entityId: call.id, details: expect.objectContaining({ host: new URL(server.url).host }) })]);
      expect((await dispose(call.id)).statusCode).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('reconciles a call whose callbacks never came from Call Details', async () => {
    const call = await dial();
    const sid = call.providerCallId ?? '';
    exotel.finish(sid, { kind: 'lead-no-answer' });
    const swept = await t.app.services.calls.sweepStale({ reconcileAfterMs: -1000, abandonAfterMs: 24 * 3600_000 });
    expect(swept.reconciled).toBeGreaterThanOrEqual(1);
    expect(await read(call.id)).toMatchObject({ status: 'no_answer', wrapUpPending: true, answeredAt: null });
    // The late callback is a repeat of what reconciliation applied.
    const late = await exotel.deliver(sid, 'terminal', base);
    expect(late.status).toBe(200);
    expect(await read(call.id)).toMatchObject({ status: 'no_answer' });
    expect((await dispose(call.id)).statusCode).toBe(200);
  });

  it('refuses power and predictive campaigns on Exotel with a plain message, and runs progressive ones', async () => {
    for (const dialMode of ['power', 'predictive']) {
      const res = await t.request({ method: 'POST', url: '/api/v1/campaigns', as: t.cast.manager, payload: { name: `Exotel ${dialMode}`, dialMode } });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'DIAL_MODE_UNSUPPORTED',
        message: expect.stringMatching(/cannot run .* campaigns; it can run: preview, progressive/),
      });
    }
    const ok = await t.request({
      method: 'POST',
      url: '/api/v1/campaigns',
      as: t.cast.manager,
      payload: { name: 'Exotel progressive', dialMode: 'progressive' },
    });
    expect(ok.statusCode).toBe(201);
  });

  it('says plainly that Exotel cannot hang up from here', async () => {
    const call = await dial();
    const res = await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/hangup`, as: t.cast.telecaller, payload: {} });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'HANGUP_UNSUPPORTED', message: expect.stringMatching(/hang up your handset/) });
    expect((await t.request({ method: 'GET', url: '/api/v1/telephony', as: t.cast.telecaller })).json()).toEqual({
      provider: 'exotel',
      canHangUp: false,
      supervision: [],
      supervisionNote: expect.stringMatching(/not available with Exotel/),
      recordsCalls: true,
      inbound: true,
      dialModes: ['preview', 'progressive'],
    });
    exotel.finish(call.providerCallId ?? '', { kind: 'lead-busy' });
    await exotel.deliver(call.providerCallId ?? '', 'terminal', base);
    expect((await read(call.id)).status).toBe('busy');
  });

  it('refuses a lead-first call plainly, before anything is stored or dialled', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Dialer Lead', phone: '9988700001', ownerId: t.cast.telecaller.id });
    const before = exotel.requests.length;
    await expect(t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: lead.id, agentId: null, mode: 'lead_first' })).rejects.toMatchObject({
      code: 'DIAL_MODE_UNSUPPORTED',
      message: 'The exotel provider cannot place lead-first calls',
    });
    expect(exotel.requests.length).toBe(before);
    expect((await t.app.services.callsReader.list(SYSTEM_ACTOR, { leadId: lead.id, page: 1, pageSize: 10 })).total).toBe(0);
  });

  it('a caller ringing the ExoPhone: the owner’s phone is rung first, the one who answered is on the call, and a caller nobody answered is owed a callback', async () => {
    // An owner with nothing left over from the calls above, and someone in the other team.
    const made = await t.app.services.users.create(SYSTEM_ACTOR, {
      email: 'exo-owner@test.example',
      name: 'Exo Owner',
      role: 'telecaller',
      password: 'test-password-1',
      teamId: t.cast.teamId,
      phone: '+919812300003',
    });
    const owner = { ...t.cast.telecaller, id: made.id, email: made.email, token: await t.login(made.email, 'test-password-1') };
    await t.app.services.users.update(SYSTEM_ACTOR, t.cast.otherTelecaller.id, { phone: '+919812300002' });
    for (const p of [owner, t.cast.otherTelecaller]) {
      const res = await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: p, payload: { state: 'available' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    const flow = {
      connectUrl: `${base}/webhooks/exotel/incoming/${TOKEN}`,
      passthruUrl: `${base}/webhooks/exotel/passthru/${TOKEN}`,
      greetingUrl: `${base}/webhooks/exotel/greeting/${TOKEN}`,
    };
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Rings Back', phone: '9988711111', ownerId: owner.id });
    // The flow's Passthru applets report the dial (the answer's own dial report would go to PUBLIC_BASE_URL, not served here).
    const run = await exotel.inboundCall(flow, { from: lead.phone, outcome: { kind: 'answered', by: 0, talkSeconds: 42 }, reports: 'applet' });
    expect(run.connect.problems).toEqual([]);
    // The owner first, then anyone free (the other team's telecaller); the owner picks up.
    expect((run.connect.body as { destination: { numbers: string[] } }).destination.numbers).toEqual(['+919812300003', '+919812300002']);
    expect(run.rung.map((r) => r.number)).toEqual(['+919812300003']);
    const [inbound] = (await t.request({ method: 'GET', url: `/api/v1/calls?leadId=${lead.id}`, as: t.cast.admin })).json<{ items: Call[] }>().items;
    expect(inbound).toMatchObject({ direction: 'inbound', agentId: owner.id, status: 'completed', provider: 'exotel' });
    const saved = await t.request({ method: 'POST', url: `/api/v1/calls/${inbound?.id}/disposition`, as: owner, payload: { disposition: 'interested' } });
    expect(saved.statusCode, saved.body).toBe(200);

    // Nobody picks up: a missed call, and a callback for the owner.
    const again = await exotel.inboundCall(flow, { from: lead.phone, outcome: { kind: 'no-answer' }, reports: 'applet' });
    expect(again.branch).toBe('nobody-answered');
    const missedCall = await (async () => {
      for (let i = 0; i < 100; i++) {
        const queue = (await t.request({ method: 'GET', url: '/api/v1/inbound/queue', as: t.cast.admin })).json<{
          items: { leadId: string; state: string; missedReason: string | null }[];
        }>();
        const item = queue.items.find((x) => x.leadId === lead.id && x.state === 'missed');
        if (item) return item;
        await new Promise((r) => setTimeout(r, 50));
      }
      return undefined;
    })();
    expect(missedCall).toMatchObject({ missedReason: 'no_agent' });
    const callbacks = (await t.request({ method: 'GET', url: '/api/v1/callbacks', as: owner })).json<{
      items: { leadId: string; source: string }[];
    }>().items;
    expect(callbacks.find((c) => c.leadId === lead.id)).toMatchObject({ source: 'missed_call' });
  });
});
