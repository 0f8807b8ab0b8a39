/**
 * In-call controls on Exotel: its v1 Voice API cannot act on a call once placed, so mute, hold,
 * transfer and keypad tones are refused with 409 CONTROL_UNSUPPORTED naming Exotel, the control
 * state says why in a sentence, and nothing reaches Exotel; a redial waits for the handset to hang up.
 */
import type { Call, CallControls } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { ExotelStandin } from '../../providers/telephony/exotel/testing/exotel-standin.js';
import { EXOTEL_CONTROLS_UNAVAILABLE } from '../../providers/telephony/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let exotel: ExotelStandin;
let base = '';
const TOKEN = 'exo-webhook-Controls9';

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

describe('in-call controls on Exotel', () => {
  it('refuses mute, hold, transfer and tones plainly, naming Exotel, and sends Exotel nothing', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
      name: 'Exotel Controls Lead',
      phone: '9988771234',
      ownerId: t.cast.telecaller.id,
      metadata: { alternatePhones: ['+919988771235'] },
    });
    const placed = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
    expect(placed.statusCode, placed.body).toBe(201);
    const call = placed.json<Call>();
    const sid = call.providerCallId ?? '';
    exotel.finish(sid, { kind: 'completed', talkSeconds: 30 });
    expect((await exotel.deliver(sid, 'answered', base)).status).toBe(200);
    const requestsBefore = exotel.requests.length;

    const state = (await t.request({ method: 'GET', url: `/api/v1/calls/${call.id}/controls`, as: t.cast.telecaller })).json<CallControls>();
    expect(state.status).toBe('in_progress');
    for (const c of ['mute', 'hold', 'transfer', 'dtmf'] as const) {
      expect(state.can[c]).toEqual({ ok: false, reason: 'provider', note: EXOTEL_CONTROLS_UNAVAILABLE });
    }
    expect(EXOTEL_CONTROLS_UNAVAILABLE).toBe('Exotel does not let TeleHub mute, hold or transfer a call; use your phone’s own buttons.');

    for (const body of [
      { action: 'mute' },
      { action: 'hold' },
      { action: 'dtmf', digits: '1' },
      { action: 'transfer', toUserId: t.cast.manager.id, mode: 'cold' },
    ]) {
      const res = await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/controls`, as: t.cast.telecaller, payload: body });
      expect(res.statusCode, body.action).toBe(409);
      expect(res.json()).toMatchObject({ code: 'CONTROL_UNSUPPORTED', provider: 'exotel', message: EXOTEL_CONTROLS_UNAVAILABLE });
    }

    // Redial: the other number is there, but the handset ends the call first.
    expect(state.numbers.map((n) => n.phone)).toEqual(['+919988771234', '+919988771235']);
    expect(state.can.redial).toMatchObject({ ok: false, reason: 'provider' });
    const redial = await t.request({ method: 'POST', url: `/api/v1/calls/${call.id}/redial`, as: t.cast.telecaller, payload: { phone: '+919988771235' } });
    expect(redial.statusCode).toBe(409);
    expect(redial.json()).toMatchObject({ code: 'HANGUP_UNSUPPORTED' });
    expect(exotel.requests.length).toBe(requestsBefore);

    expect((await exotel.deliver(sid, 'terminal', base)).status).toBe(200);
    const dispose = await t.request({
      method: 'POST',
      url: `/api/v1/calls/${call.id}/disposition`,
      as: t.cast.telecaller,
      payload: { disposition: 'interested' },
    });
    expect(dispose.statusCode).toBe(200);
  });
});
