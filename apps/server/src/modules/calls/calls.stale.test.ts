/**
 * Vendor calls whose callbacks never came: once a call is silent past the point where its next
 * event was due (ringing past the ring time, talking past the call limit), the sweep asks the
 * provider for the call (Twilio's Calls API, Exotel's Call Details, each served by its stand-in,
 * which checks the request as the vendor does) and ingests the answer like a callback.
 */
import type { Call, CallWithLead, Presence } from '@telehub/shared';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { ExotelStandin } from '../../providers/telephony/exotel/testing/exotel-standin.js';
import { TwilioStandin } from '../../providers/telephony/twilio/testing/twilio-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

const RULES = { TELEHUB_CALLING_HOURS: '00:00-24:00', TELEHUB_MAX_ATTEMPTS_PER_DAY: '50', TELEHUB_RING_TIMEOUT: '30', TELEHUB_CALL_TIME_LIMIT: '1800' };
/** Past the longest an unanswered call may be silent: the agent's ring, the lead's ring, a minute of grace. */
const PAST_RINGING = (2 * 30 + 60 + 1) * 1000;

/** Time stands still but for the test's steps, on a whole second (Twilio's times have no more), so talk times come out exact. */
const T0 = Math.floor(Date.now() / 1000) * 1000;
const clock = { offsetMs: 0, now: () => new Date(T0 + clock.offsetMs) };

let seq = 0;
async function dial(t: TestApp): Promise<Call> {
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
    name: `Silent Lead ${++seq}`,
    phone: `95${String(10_000_000 + seq)}`,
    ownerId: t.cast.telecaller.id,
  });
  const res = await t.request({ method: 'POST', url: '/api/v1/calls', as: t.cast.telecaller, payload: { leadId: lead.id } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Call>();
}
const read = async (t: TestApp, id: string) => (await t.request({ method: 'GET', url: `/api/v1/calls/${id}`, as: t.cast.telecaller })).json<CallWithLead>();
const presence = async (t: TestApp) => (await t.request({ method: 'GET', url: '/api/v1/presence/me', as: t.cast.telecaller })).json<Presence>();
const dispose = (t: TestApp, id: string) =>
  t.request({ method: 'POST', url: `/api/v1/calls/${id}/disposition`, as: t.cast.telecaller, payload: { disposition: 'not_interested' } });

beforeEach(() => {
  clock.offsetMs = 0;
});

describe('a Twilio call with no callbacks', () => {
  let t: TestApp;
  let twilio: TwilioStandin;
  beforeAll(async () => {
    twilio = await new TwilioStandin().start();
    twilio.now = clock.now;
    t = await createTestApp({
      clock,
      env: {
        ...RULES,
        TELEPHONY_PROVIDER: 'twilio',
        TWILIO_ACCOUNT_SID: twilio.accountSid,
        TWILIO_AUTH_TOKEN: twilio.authToken,
        TWILIO_CALLER_ID: twilio.callerId,
        TWILIO_API_BASE_URL: twilio.url,
        PUBLIC_BASE_URL: twilio.publicBaseUrl,
      },
    });
    await t.app.services.users.update(SYSTEM_ACTOR, t.cast.telecaller.id, { phone: '+919812300001' });
  });
  afterAll(async () => {
    await t?.close();
    await twilio?.stop();
  });
  const fetches = (sid: string) => twilio.find('GET', new RegExp(`^/Calls/${sid}\\.json$`));

  it('is left alone within its bounds, then fetched from the Calls API and ended as Twilio says', async () => {
    const call = await dial(t);
    const sid = call.providerCallId ?? '';
    // The agent's phone rang out; the callback saying so was lost.
    twilio.progress(sid, 'ringing');
    twilio.progress(sid, 'no-answer');

    clock.offsetMs = 60_000;
    await t.app.services.calls.sweepStale();
    expect(fetches(sid)).toHaveLength(0);
    expect((await read(t, call.id)).status).toBe('dialing');

    clock.offsetMs = PAST_RINGING;
    await t.app.services.calls.sweepStale();
    const [fetched] = fetches(sid);
    expect(fetched?.status).toBe(200);
    expect(fetched?.headers.authorization).toBe(`Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
    expect(await read(t, call.id)).toMatchObject({ status: 'no_answer', wrapUpPending: true, answeredAt: null });
    expect((await presence(t)).state).toBe('wrap_up');
    expect((await dispose(t, call.id)).statusCode).toBe(200);
  });

  it('takes a lead-first call’s end, talk time included, from the lead’s leg', async () => {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Dialer Lead', phone: '9512300099', ownerId: t.cast.telecaller.id });
    const call = await t.app.services.calls.placeCall(SYSTEM_ACTOR, { leadId: lead.id, agentId: null, mode: 'lead_first' });
    const sid = call.providerCallId ?? '';
    twilio.progress(sid, 'ringing');
    clock.offsetMs = 5_000;
    twilio.answer(sid);
    clock.offsetMs = 47_000;
    twilio.progress(sid, 'completed');

    clock.offsetMs = PAST_RINGING;
    await t.app.services.calls.sweepStale();
    expect(fetches(sid)).toHaveLength(1);
    const ended = await read(t, call.id);
    expect(ended).toMatchObject({ status: 'completed', durationSeconds: 42 });
    expect(ended.endedAt && ended.answeredAt ? Date.parse(ended.endedAt) - Date.parse(ended.answeredAt) : null).toBe(42_000);
  });

  it('asks again no more than once a minute while Twilio says the call goes on', async () => {
    const call = await dial(t);
    const sid = call.providerCallId ?? '';
    clock.offsetMs = PAST_RINGING;
    await t.app.services.calls.sweepStale();
    clock.offsetMs = PAST_RINGING + 20_000;
    await t.app.services.calls.sweepStale();
    expect(fetches(sid)).toHaveLength(1);
    expect((await read(t, call.id)).status).toBe('dialing');
    clock.offsetMs = PAST_RINGING + 61_000;
    twilio.progress(sid, 'busy');
    await t.app.services.calls.sweepStale();
    expect(fetches(sid)).toHaveLength(2);
    expect((await read(t, call.id)).status).toBe('busy');
    expect((await dispose(t, call.id)).statusCode).toBe(200);
  });
});

describe('an Exotel call with no callbacks', () => {
  let t: TestApp;
  let exotel: ExotelStandin;
  beforeAll(async () => {
    exotel = await new ExotelStandin().start();
    t = await createTestApp({
      clock,
      env: {
        ...RULES,
        TELEPHONY_PROVIDER: 'exotel',
        EXOTEL_ACCOUNT_SID: exotel.accountSid,
        EXOTEL_API_KEY: exotel.apiKey,
        EXOTEL_API_TOKEN: exotel.apiToken,
        EXOTEL_CALLER_ID: exotel.callerId,
        EXOTEL_API_BASE_URL: exotel.url,
        EXOTEL_WEBHOOK_TOKEN: 'exo-stale-token',
        PUBLIC_BASE_URL: exotel.publicBaseUrl,
      },
    });
    await t.app.services.users.update(SYSTEM_ACTOR, t.cast.telecaller.id, { phone: '+919812300001' });
  });
  afterAll(async () => {
    await t?.close();
    await exotel?.stop();
  });

  it('is fetched from Call Details once silent past its ring time, long before EXOTEL_RECONCILE_AFTER', async () => {
    const call = await dial(t);
    const sid = call.providerCallId ?? '';
    exotel.finish(sid, { kind: 'lead-busy' });
    const details = () => exotel.requests.filter((r) => r.route === 'details' && r.path.endsWith(`/Calls/${sid}.json`));

    clock.offsetMs = 60_000;
    await t.app.services.calls.sweepStale();
    expect(details()).toHaveLength(0);

    clock.offsetMs = PAST_RINGING;
    await t.app.services.calls.sweepStale();
    expect(details().map((r) => r.status)).toEqual([200]);
    expect(await read(t, call.id)).toMatchObject({ status: 'busy', wrapUpPending: true });
    expect((await presence(t)).state).toBe('wrap_up');
    expect((await dispose(t, call.id)).statusCode).toBe(200);
  });
});
