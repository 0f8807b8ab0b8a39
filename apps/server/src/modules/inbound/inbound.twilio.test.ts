/**
 * Inbound on Twilio through the whole app: the stand-in rings our number as Twilio does (the signed
 * voice-incoming webhook, the TwiML played, the waitUrl asked), the owner accepts in the workspace
 * and is joined to the caller's conference; a caller who hangs up in the queue is missed.
 */
import type { Call, InboundQueue, Presence } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { until } from '../../platform/testing/until.js';
import { TwilioStandin } from '../../providers/telephony/twilio/testing/twilio-standin.js';
import type { SignedCallback } from '../../providers/telephony/twilio/testing/twilio-standin.state.js';
import { noonInIndia } from '../../test/clock.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let twilio: TwilioStandin;
const clock = noonInIndia();

beforeAll(async () => {
  twilio = await new TwilioStandin().start();
  t = await createTestApp({
    clock,
    env: {
      TELEPHONY_PROVIDER: 'twilio',
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_CALLER_ID: twilio.callerId,
      TWILIO_API_BASE_URL: twilio.url,
      PUBLIC_BASE_URL: twilio.publicBaseUrl,
      TELEHUB_INBOUND_RING_SECONDS: '30',
    },
  });
  await t.app.services.users.update(SYSTEM_ACTOR, t.cast.telecaller.id, { phone: '+919812300001' });
});
afterAll(async () => {
  await t?.close();
  await twilio?.stop();
});

const deliver = async (cb: SignedCallback | null) => {
  if (!cb) throw new Error('no callback');
  const res = await t.app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
  expect(res.statusCode, res.body).toBeLessThan(300);
};
const queue = async () => (await t.request({ method: 'GET', url: '/api/v1/inbound/queue', as: t.cast.admin })).json<InboundQueue>();

describe('inbound on Twilio', () => {
  it('greets and queues the caller, tells them their place, and joins the owner who accepts', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Twilio Caller', phone: '9988722222', ownerId: t.cast.telecaller.id, language: 'hi' });
    await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: t.cast.telecaller, payload: { state: 'available' } });
    // Twilio sends the caller's number as it has it.
    const call = await twilio.incoming(t.app, { from: '+919988722222' });
    expect(call.answer.statusCode).toBe(200);
    const verbs = call.answer.twiml?.verbs.map((v) => v.name);
    expect(verbs).toEqual(expect.arrayContaining(['Say', 'Enqueue']));
    const say = call.answer.twiml?.verbs.find((v) => v.name === 'Say');
    expect(say?.attributes.language).toBe('hi-IN');
    // Their place in the queue, in Hindi, over the hold music.
    expect(call.wait?.twiml?.verbs.map((v) => v.name)).toEqual(['Say', 'Play']);
    expect(call.wait?.twiml?.verbs[0]?.text).toMatch(/अगली बारी आपकी है/);

    const offered = await until('the owner rung', async () => (await queue()).items.find((i) => i.leadId === lead.id && i.state === 'offered'));
    expect(offered.offeredTo).toBe(t.cast.telecaller.id);
    const accepted = await t.request({ method: 'POST', url: `/api/v1/calls/${offered.callId}/accept`, as: t.cast.telecaller });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json<Call>()).toMatchObject({ direction: 'inbound', agentId: t.cast.telecaller.id, providerCallId: call.callSid });
    // The caller is moved out of the queue into the call's conference, and the owner's phone is added to it.
    const moved = twilio.find('POST', new RegExp(`^/Calls/${call.callSid}\\.json$`));
    expect(moved.length).toBe(1);
    expect(String(moved[0]?.form?.get('Twiml'))).toContain(`>${offered.callId}</Conference>`);
    const added = twilio.find('POST', /^\/Conferences\/.+\/Participants\.json$/);
    expect(added.at(-1)?.form?.get('To')).toBe('+919812300001');
    expect((await t.request({ method: 'GET', url: '/api/v1/presence/me', as: t.cast.telecaller })).json<Presence>()).toMatchObject({
      state: 'on_call',
      callId: offered.callId,
    });
  });

  it('a caller who hangs up while queued is missed, and owed a callback by the owner', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Gives Up', phone: '9988733333', ownerId: t.cast.otherTelecaller.id });
    const call = await twilio.incoming(t.app, { from: '09988733333' });
    const waiting = await until('queued', async () => (await queue()).items.find((i) => i.leadId === lead.id && i.state === 'waiting'));
    await deliver(twilio.callerHangsUp(call.callSid));
    const missed = await until('missed', async () => (await queue()).items.find((i) => i.callId === waiting.callId && i.state === 'missed'));
    expect(missed.missedReason).toBe('caller_left');
    const round = await twilio.waitRound(t.app, call.callSid).catch(() => null);
    // Twilio does not ask a finished call's waitUrl; were it to, the caller would be let go.
    if (round) expect(round.twiml?.verbs.map((v) => v.name)).toEqual(['Leave']);
    const callbacks = (await t.request({ method: 'GET', url: '/api/v1/callbacks', as: t.cast.otherTelecaller })).json<{
      items: { leadId: string; source: string }[];
    }>().items;
    expect(callbacks.find((c) => c.leadId === lead.id)).toMatchObject({ source: 'missed_call' });
  });
});
