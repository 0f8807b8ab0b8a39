/**
 * Inbound calls on Twilio, end to end: the stand-in dials our number through the webhook routes
 * (signed as Twilio signs), reads what they answer as Twilio would and plays it (greeting, queue,
 * hold music), and the adapter takes the caller out of the queue (bridge, abandon, hangup)
 * through the REST calls the stand-in checks.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type InboundHooks, type IncomingAnswer, type IncomingCall, ProviderError, type ProviderEvent } from '../telephony.port.js';
import { type SignedCallback, TwilioStandin } from './testing/twilio-standin.js';
import { checkTwiml } from './testing/twilio-standin.twiml.js';
import { createTwilioProvider, type TwilioProvider } from './twilio.provider.js';
import { DEFAULT_HOLD_MUSIC_URL } from './twilio.twiml.js';
import { twilioWebhookRoutes } from './twilio.webhooks.js';

const PUBLIC = 'https://telehub.example.test';
const NUMBER = '+918045671234';
const CALLER = '+919812300002';
const AGENT = '+919876500001';
const RECEIVED = new Date('2025-03-01T10:00:30.000Z');
let twilio: TwilioStandin;
let provider: TwilioProvider;
let app: FastifyInstance;
let received: ProviderEvent[];
let routing: ReturnType<typeof inboundRecorder>;
/** Call ids stay unique across tests: the stand-in keeps every test's conferences. */
let n = 0;

/**
 * TeleHub's inbound routing as the adapter sees it, minus the database: every caller gets a call
 * id and, by default, the queue; `waiting` answers while the call is held (its place among the
 * held ones), null once let go.
 */
function inboundRecorder() {
  const arrived: IncomingCall[] = [];
  const asked: string[] = [];
  const held = new Map<string, string>();
  const state = {
    arrived,
    asked,
    held,
    decide: (call: IncomingCall): Omit<IncomingAnswer, 'callId'> => ({
      language: call.from === CALLER ? 'hi' : 'en',
      action: 'queue',
      message: 'Welcome to TeleHub. This call is recorded.',
      phones: [],
      ringSeconds: 20,
      record: true,
    }),
    failWaiting: false,
  };
  const hooks: InboundHooks = {
    async arrive(call) {
      arrived.push(call);
      const answer: IncomingAnswer = { callId: `5b2e8d1c-0000-4000-8000-${String(++n).padStart(12, '0')}`, ...state.decide(call) };
      if (answer.action === 'queue') held.set(call.providerCallId, answer.callId);
      return answer;
    },
    async waiting(providerCallId) {
      asked.push(providerCallId);
      if (state.failWaiting) throw new Error('database unavailable');
      const callId = held.get(providerCallId);
      if (!callId) return null;
      const position = [...held.keys()].indexOf(providerCallId) + 1;
      return { callId, position, language: 'hi', message: `Aap katar mein ${position} number par hain.` };
    },
    async connected() {},
  };
  return { arrived, asked, held, state, hooks };
}

async function buildApp(inbound: InboundHooks | undefined) {
  const a = Fastify({ logger: false });
  const ingest = async (event: ProviderEvent) => {
    received.push(event);
    return { stored: true, applied: true, callId: event.callId };
  };
  await a.register(twilioWebhookRoutes, { authToken: twilio.authToken, publicBaseUrl: PUBLIC, ingest, provider, now: () => RECEIVED, inbound });
  await a.ready();
  return a;
}

async function deliver(...callbacks: (SignedCallback | null | undefined)[]) {
  for (const cb of callbacks) {
    if (!cb) throw new Error('the stand-in sent no callback for this step');
    const res = await app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
    expect(res.statusCode, res.body).toBe(200);
  }
}

beforeAll(async () => {
  twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC, callerId: NUMBER }).start();
  provider = createTwilioProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    callerId: twilio.callerId,
    apiBaseUrl: twilio.url,
    publicBaseUrl: PUBLIC,
    baseBackoffMs: 5,
    mediaStreamUrl: (callId, leg) => `wss://telehub.example.test/media/${callId}/${leg}`,
  });
});
afterAll(async () => {
  await twilio?.stop();
});
beforeEach(async () => {
  let t = Date.parse('2025-03-01T10:00:00Z');
  twilio.now = () => {
    t += 1000;
    return new Date(t);
  };
  twilio.faults = [];
  twilio.requests.length = 0;
  twilio.spoken.length = 0;
  twilio.takeCallbacks();
  received = [];
  routing = inboundRecorder();
  app = await buildApp(routing.hooks);
});
afterEach(async () => {
  await app.close();
});

/** A caller in the queue: the greeting played and the first wait round asked. */
async function queued(from = CALLER) {
  const caller = await twilio.incoming(app, { from });
  const callId = routing.held.get(caller.callSid) ?? '';
  return { ...caller, callId, call: { callId, providerCallId: caller.callSid, inbound: true } };
}

const posts = () => twilio.requests.filter((r) => r.method === 'POST');

describe('verification', () => {
  it('refuses unsigned and forged requests on both inbound routes with 403, before asking TeleHub anything', async () => {
    const forger = new TwilioStandin({ publicBaseUrl: PUBLIC });
    const incoming = `${PUBLIC}/webhooks/twilio/voice-incoming`;
    const wait = `${PUBLIC}/webhooks/twilio/queue-wait?callId=5b2e8d1c-0000-4000-8000-000000000001`;
    const params = { AccountSid: twilio.accountSid, CallSid: `CA${'a'.repeat(32)}`, From: CALLER, To: NUMBER, CallStatus: 'ringing', Direction: 'inbound' };
    for (const url of [incoming, wait]) {
      const good = twilio.signed(url, { ...params, QueuePosition: '1' });
      const forged = forger.signed(url, good.params);
      const unsigned = { ...good, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
      for (const cb of [forged, unsigned]) {
        const res = await app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
        expect(res.statusCode, url).toBe(403);
        expect(res.json()).toMatchObject({ code: 'SIGNATURE_INVALID' });
      }
    }
    expect(routing.arrived).toHaveLength(0);
    expect(routing.asked).toHaveLength(0);
  });
});

describe('an incoming call', () => {
  it('hands TeleHub the caller, then greets, records and queues them with their place and hold music', async () => {
    const caller = await twilio.incoming(app, { from: CALLER });
    expect(routing.arrived).toEqual([
      { provider: 'twilio', providerCallId: caller.callSid, from: CALLER, to: NUMBER, occurredAt: RECEIVED, raw: caller.params },
    ]);
    const callId = routing.held.get(caller.callSid);
    expect(caller.answer).toMatchObject({ statusCode: 200, contentType: expect.stringMatching(/^text\/xml/) });
    const twiml = caller.answer.twiml;
    expect(twiml?.verbs.map((v) => v.name)).toEqual(['Start', 'Say', 'Enqueue']);
    expect(twiml?.recordings).toEqual([
      {
        channels: 'dual',
        track: 'both',
        trim: 'do-not-trim',
        recordingStatusCallback: `${PUBLIC}/webhooks/twilio/recording-status?callId=${callId}&mode=lead_first`,
        recordingStatusCallbackMethod: 'POST',
        recordingStatusCallbackEvent: 'completed absent',
      },
    ]);
    expect(twiml?.says).toEqual([{ text: 'Welcome to TeleHub. This call is recorded.', language: 'hi-IN' }]);
    // No action: the caller leaves the queue only by the REST API (or a <Leave/> from the wait document).
    expect(twiml?.enqueue).toEqual({
      name: 'telehub-inbound',
      attributes: { waitUrl: `${PUBLIC}/webhooks/twilio/queue-wait?callId=${callId}`, waitUrlMethod: 'POST' },
    });

    // Twilio asks the waitUrl as the caller joins the queue.
    expect(routing.asked).toEqual([caller.callSid]);
    expect(caller.wait?.params).toMatchObject({
      CallSid: caller.callSid,
      QueuePosition: '1',
      CurrentQueueSize: '1',
      QueueTime: expect.stringMatching(/^\d+$/),
    });
    expect(caller.wait?.twiml?.verbs.map((v) => v.name)).toEqual(['Say', 'Play']);
    expect(caller.wait?.twiml?.says).toEqual([{ text: 'Aap katar mein 1 number par hain.', language: 'hi-IN' }]);
    expect(caller.wait?.twiml?.plays).toEqual([DEFAULT_HOLD_MUSIC_URL]);
    expect(twilio.calls.get(caller.callSid)).toMatchObject({ status: 'in-progress', direction: 'inbound', queue: { name: 'telehub-inbound' } });
    expect(caller.callbacks).toEqual([]);

    const second = await twilio.incoming(app, { from: '+919812300003' });
    expect(second.wait?.params).toMatchObject({ QueuePosition: '2', CurrentQueueSize: '2' });
    expect(second.wait?.twiml?.says[0]?.text).toBe('Aap katar mein 2 number par hain.');
    expect(second.answer.twiml?.says[0]?.language).toBe('en-IN');
    // Each round of hold music over, Twilio asks again.
    const again = await twilio.waitRound(app, caller.callSid);
    expect(again.params.QueuePosition).toBe('1');
    expect(again.twiml?.plays).toEqual([DEFAULT_HOLD_MUSIC_URL]);
  });

  it('says the closed message and hangs up, recording nothing', async () => {
    routing.state.decide = () => ({
      language: 'en',
      action: 'closed',
      message: 'We are closed. Our hours are 9 to 6.',
      phones: [],
      ringSeconds: 20,
      record: true,
    });
    const caller = await twilio.incoming(app, { from: CALLER });
    expect(caller.answer.twiml?.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
    expect(caller.answer.twiml?.says).toEqual([{ text: 'We are closed. Our hours are 9 to 6.', language: 'en-IN' }]);
    expect(caller.answer.twiml?.recordings).toEqual([]);
    expect(twilio.calls.get(caller.callSid)?.status).toBe('completed');
    expect(caller.callbacks.map((cb) => cb.url)).toEqual([`${PUBLIC}/webhooks/twilio/voice-status?leg=inbound`]);
  });

  it('rings the phones it is given one after another, each for the ring time', async () => {
    routing.state.decide = () => ({
      language: 'en',
      action: 'ring',
      message: 'Connecting you.',
      phones: [AGENT, '+919876500002'],
      ringSeconds: 15,
      record: false,
    });
    const caller = await twilio.incoming(app, { from: CALLER });
    const twiml = caller.answer.twiml;
    expect(twiml?.verbs.map((v) => v.name)).toEqual(['Say', 'Dial', 'Dial']);
    expect(twiml?.dials).toEqual([
      { attributes: { timeout: '15' }, numbers: [AGENT] },
      { attributes: { timeout: '15' }, numbers: ['+919876500002'] },
    ]);
  });

  it('answers an apology instead of an error when TeleHub cannot route the call', async () => {
    const bare = await buildApp(undefined);
    try {
      const unrouted = await twilio.incoming(bare, { from: CALLER });
      routing.state.decide = () => {
        throw new Error('database unavailable');
      };
      const failed = await twilio.incoming(app, { from: CALLER });
      for (const caller of [unrouted, failed]) {
        expect(caller.answer.statusCode).toBe(200);
        expect(caller.answer.contentType).toMatch(/^text\/xml/);
        expect(caller.answer.twiml?.verbs.map((v) => v.name)).toEqual(['Say', 'Hangup']);
        expect(caller.answer.twiml?.says[0]?.text).toMatch(/sorry, we cannot take your call now/i);
        expect(twilio.calls.get(caller.callSid)?.status).toBe('completed');
      }
    } finally {
      await bare.close();
    }
  });

  it('answers an apology to a signed request it cannot read', async () => {
    const url = `${PUBLIC}/webhooks/twilio/voice-incoming`;
    const params = { AccountSid: twilio.accountSid, From: CALLER, To: NUMBER, CallerName: 'bad\u0000name', CallSid: `CA${'a'.repeat(32)}` };
    for (const p of [params, { ...params, CallerName: 'ok', CallSid: 'CA1' }]) {
      const cb = twilio.signed(url, p);
      const res = await app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
      expect(res.statusCode).toBe(200);
      expect(checkTwiml(res.body, PUBLIC).hangup).toBe(true);
    }
    expect(routing.arrived).toHaveLength(0);
  });
});

describe('the queue', () => {
  it('lets a caller TeleHub no longer holds leave the queue, which ends the call', async () => {
    const caller = await queued();
    routing.held.delete(caller.callSid);
    const round = await twilio.waitRound(app, caller.callSid);
    expect(round.twiml?.verbs.map((v) => v.name)).toEqual(['Leave']);
    expect(twilio.calls.get(caller.callSid)).toMatchObject({ status: 'completed', queue: null });
    expect(round.callbacks.map((cb) => cb.url)).toEqual([`${PUBLIC}/webhooks/twilio/voice-status?leg=inbound`]);
  });

  it('keeps the caller waiting with hold music while TeleHub cannot say where they are', async () => {
    const caller = await queued();
    routing.state.failWaiting = true;
    const round = await twilio.waitRound(app, caller.callSid);
    expect(round.statusCode).toBe(200);
    expect(round.twiml?.verbs.map((v) => v.name)).toEqual(['Play']);
    expect(twilio.calls.get(caller.callSid)?.queue).not.toBeNull();
  });
});

describe('inbound status callbacks', () => {
  it('reports a caller hanging up in the queue under the caller’s SID, with no call id and hangupBy lead', async () => {
    const caller = await queued();
    const hungUp = twilio.callerHangsUp(caller.callSid);
    expect(hungUp?.url).toBe(`${PUBLIC}/webhooks/twilio/voice-status?leg=inbound`);
    expect(hungUp?.params).toMatchObject({ Direction: 'inbound', CallStatus: 'completed' });
    await deliver(hungUp);
    const at = new Date(Date.parse(hungUp?.params.Timestamp ?? ''));
    expect(received).toEqual([
      {
        provider: 'twilio',
        providerEventId: `${caller.callSid}:completed:0`,
        providerCallId: caller.callSid,
        callId: null,
        kind: 'status',
        status: 'completed',
        occurredAt: at,
        endedAt: at,
        durationSeconds: Number(hungUp?.params.CallDuration),
        hangupBy: 'lead',
        raw: hungUp?.params,
      },
    ]);
    expect(twilio.calls.get(caller.callSid)?.queue).toBeNull();
  });

  it('reads a caller’s call from the Calls API as the lead’s leg when its callbacks are overdue', async () => {
    const caller = await queued();
    twilio.callerHangsUp(caller.callSid);
    const [event, ...more] = (await provider.reconcile?.({ callId: caller.callId, providerCallId: caller.callSid, answered: true })) ?? [];
    expect(more).toHaveLength(0);
    expect(event).toMatchObject({ providerCallId: caller.callSid, callId: caller.callId, status: 'completed', raw: { call: { direction: 'inbound' } } });
    expect(event?.durationSeconds).toBeGreaterThanOrEqual(0);
  });

  it('normalizes every status Twilio reports for an inbound call', async () => {
    const url = `${PUBLIC}/webhooks/twilio/voice-status?leg=inbound`;
    const base = {
      AccountSid: twilio.accountSid,
      CallSid: `CA${'c'.repeat(32)}`,
      Direction: 'inbound',
      From: CALLER,
      To: NUMBER,
      Timestamp: 'Sat, 01 Mar 2025 10:00:05 +0000',
    };
    const cases = [
      ['in-progress', { status: 'in_progress', answeredAt: new Date('2025-03-01T10:00:05Z') }],
      ['completed', { status: 'completed', hangupBy: 'lead', durationSeconds: 42 }],
      ['busy', { status: 'busy' }],
      ['no-answer', { status: 'no_answer' }],
      ['canceled', { status: 'canceled', hangupBy: 'lead' }],
      ['failed', { status: 'failed' }],
    ] as const;
    for (const [i, [status, expected]] of cases.entries()) {
      await deliver(twilio.signed(url, { ...base, CallStatus: status, SequenceNumber: String(i), CallDuration: '42' }));
      expect(received.at(-1), status).toMatchObject({ providerCallId: base.CallSid, callId: null, ...expected });
    }
    const bad = twilio.signed(`${PUBLIC}/webhooks/twilio/voice-status?leg=inbound-ish`, { ...base, CallStatus: 'completed' });
    const res = await app.inject({ method: 'POST', url: bad.path, headers: bad.headers, payload: bad.body });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('leg must be');
  });
});

describe('taking the caller out of the queue', () => {
  it('bridges: moves the caller into the call’s conference first, then rings the agent into it', async () => {
    expect(provider.inbound).toBe('queue');
    const caller = await queued();
    twilio.requests.length = 0;
    await provider.bridge?.(caller.call, { phone: AGENT });
    const [move, participant, ...more] = posts();
    expect(more).toHaveLength(0);
    expect(move?.path).toBe(`/Calls/${caller.callSid}.json`);
    expect([...(move?.form?.keys() ?? [])]).toEqual(['Twiml', 'StatusCallback', 'StatusCallbackMethod']);
    const twiml = checkTwiml(move?.form?.get('Twiml') ?? '', PUBLIC);
    expect(twiml.conference?.name).toBe(caller.callId);
    expect(twiml.conference?.attributes).toMatchObject({ participantLabel: 'lead', endConferenceOnExit: 'true' });
    expect(twiml.streams).toEqual([{ url: `wss://telehub.example.test/media/${caller.callId}/lead`, track: 'both_tracks' }]);
    expect(move?.form?.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${caller.callId}&leg=lead&mode=lead_first`);
    expect(participant?.path).toBe(`/Conferences/${caller.callId}/Participants.json`);
    expect(participant?.form?.get('To')).toBe(AGENT);
    expect(participant?.form?.get('StatusCallback')).toContain(`leadCall=${caller.callSid}`);
    expect(twilio.calls.get(caller.callSid)?.queue).toBeNull();

    // The caller's new TwiML runs; the agent answers into the same conference.
    twilio.runTwiml(caller.callSid);
    const agent = twilio.participants.find((p) => p.label === 'agent' && twilio.calls.get(p.callSid)?.to === AGENT)?.callSid ?? '';
    await deliver(twilio.answer(agent));
    expect(twilio.participantOf(agent)?.conferenceSid).toBe(twilio.participantOf(caller.callSid)?.conferenceSid);
    // Bridging again rings nobody more.
    await provider.bridge?.(caller.call, { phone: AGENT });
    expect(posts()).toHaveLength(2);

    // The agent hangs up: the caller's end now comes to the call's lead URL, and the conference names the agent.
    received.length = 0;
    await deliver(twilio.progress(agent, 'completed'));
    await deliver(...twilio.takeCallbacks());
    expect(received.find((e) => e.providerEventId.startsWith(`${caller.callSid}:completed`))).toMatchObject({
      providerCallId: caller.callSid,
      callId: caller.callId,
      status: 'completed',
    });
    expect(received.find((e) => e.providerEventId.startsWith(`${caller.callSid}:completed`))?.hangupBy).toBeUndefined();
    expect(received.find((e) => e.providerEventId.endsWith(':conference-end'))).toMatchObject({ hangupBy: 'agent', callId: caller.callId });

    // The recording started with the greeting reports under the caller's call.
    received.length = 0;
    const recording = twilio.recordingCallback(caller.callSid, 'completed');
    await deliver(recording);
    expect(received).toMatchObject([{ kind: 'recording', providerCallId: caller.callSid, callId: caller.callId, recordingStatus: 'completed' }]);
  });

  it('refuses to bridge a caller who has hung up, ringing nobody', async () => {
    const caller = await queued();
    await deliver(twilio.callerHangsUp(caller.callSid));
    twilio.requests.length = 0;
    const refused = provider.bridge?.(caller.call, { phone: AGENT });
    await expect(refused).rejects.toBeInstanceOf(ProviderError);
    await expect(refused).rejects.toMatchObject({ retryable: false, message: expect.stringContaining('the caller has ended') });
    expect(posts()).toHaveLength(0);
  });

  it('refuses to bridge when the caller hangs up as the call is moved', async () => {
    const caller = await queued();
    twilio.faults = [
      {
        method: 'POST',
        path: /^\/Calls\/CA[0-9a-f]{32}\.json$/,
        kind: 'status',
        status: 400,
        body: { code: 21220, message: 'Call is not in-progress. Cannot redirect.', status: 400 },
      },
    ];
    await expect(provider.bridge?.(caller.call, { phone: AGENT })).rejects.toMatchObject({
      retryable: false,
      message: expect.stringContaining('the caller has hung up'),
    });
    expect(twilio.find('POST', /Participants\.json$/)).toHaveLength(0);
  });

  it('abandons: the caller hears the message in their language, then the system hangs up', async () => {
    const caller = await queued();
    twilio.requests.length = 0;
    await provider.abandon?.(caller.call, { text: 'Sabhi agent vyast hain. Hum aapko wapas call karenge.', language: 'hi' });
    const [update, ...more] = posts();
    expect(more).toHaveLength(0);
    expect(update?.path).toBe(`/Calls/${caller.callSid}.json`);
    expect(checkTwiml(update?.form?.get('Twiml') ?? '', PUBLIC)).toMatchObject({
      says: [{ text: 'Sabhi agent vyast hain. Hum aapko wapas call karenge.', language: 'hi-IN' }],
      hangup: true,
    });
    expect(twilio.calls.get(caller.callSid)?.queue).toBeNull();
    await deliver(twilio.playTwiml(caller.callSid));
    expect(twilio.spoken.at(-1)).toEqual({ callSid: caller.callSid, text: 'Sabhi agent vyast hain. Hum aapko wapas call karenge.', language: 'hi-IN' });
    expect(received.at(-1)).toMatchObject({
      providerCallId: caller.callSid,
      callId: caller.callId,
      status: 'completed',
      hangupBy: 'system',
      raw: { abandonMessagePlayed: true },
    });
  });

  it('hangs up a caller still in the queue by ending their call', async () => {
    const caller = await queued();
    twilio.requests.length = 0;
    await provider.hangup(caller.call);
    expect(posts().map((r) => [r.path, r.form?.toString()])).toEqual([[`/Calls/${caller.callSid}.json`, 'Status=completed']]);
    expect(twilio.calls.get(caller.callSid)).toMatchObject({ status: 'completed', queue: null });
    const [end, ...more] = twilio.takeCallbacks();
    expect(more).toHaveLength(0);
    expect(end?.url).toBe(`${PUBLIC}/webhooks/twilio/voice-status?leg=inbound`);
    await deliver(end);
    expect(received.at(-1)).toMatchObject({ providerCallId: caller.callSid, callId: null, status: 'completed' });
    await expect(twilio.waitRound(app, caller.callSid)).rejects.toThrow('not waiting');
  });
});

describe('the stand-in refuses what Twilio would', () => {
  const doc =
    (body: string, kind: 'call' | 'wait' = 'call') =>
    () =>
      checkTwiml(`<Response>${body}</Response>`, PUBLIC, kind);
  const thrown = (read: () => unknown): unknown => {
    try {
      read();
    } catch (err) {
      return err;
    }
    return null;
  };
  const wait = `${PUBLIC}/webhooks/twilio/queue-wait?callId=c1`;

  it('reads <Enqueue>, <Leave> and <Play> as documented', () => {
    expect(doc(`<Enqueue waitUrl="${wait}" timeout="5">q</Enqueue>`)).toThrow('has no attribute timeout');
    expect(thrown(doc(`<Enqueue waitUrl="${wait}" waitUrlMethod="PUT">q</Enqueue>`))).toMatchObject({ code: 14206 });
    expect(doc(`<Enqueue waitUrl="https://elsewhere.example/wait">q</Enqueue>`)).toThrow('is not under');
    expect(doc(`<Enqueue waitUrl="${wait}">${'q'.repeat(65)}</Enqueue>`)).toThrow('more than 64');
    expect(doc(`<Enqueue waitUrl="${wait}"></Enqueue>`)).toThrow('names no queue');
    expect(doc(`<Enqueue waitUrl="${wait}">${'q'.repeat(64)}</Enqueue>`)).not.toThrow();
    expect(doc('<Leave/>')).toThrow('belongs in an Enqueue waitUrl document');
    expect(doc(`<Enqueue waitUrl="${wait}">q</Enqueue>`, 'wait')).toThrow('not allowed in an Enqueue waitUrl document');
    expect(doc('<Dial><Number>+919876500001</Number></Dial>', 'wait')).toThrow('not allowed');
    expect(doc('<Leave>now</Leave>', 'wait')).toThrow('takes no content');
    expect(doc('<Say>Hold on</Say><Play>hold music</Play>', 'wait')).toThrow('not an absolute http(s) URL');
    expect(doc(`<Say>Hold on</Say><Pause/><Play loop="2">${DEFAULT_HOLD_MUSIC_URL}</Play><Leave/>`, 'wait')).not.toThrow();
    expect(doc('<Number>+919876500001</Number>')).toThrow('does not belong in <Response>');
    expect(doc('<Recording channels="dual"/>')).toThrow('does not belong in <Response>');
    expect(doc('<Start><Recording channels="stereo"/></Start>')).toThrow('not one of mono, dual');
  });

  it('checks a call update carrying TwiML', async () => {
    const caller = await queued();
    const path = `/Calls/${caller.callSid}.json`;
    const update = (form: Record<string, string>) =>
      fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form),
      }).then(async (res) => ({ status: res.status, body: (await res.json()) as { code?: number; message?: string } }));
    const say = (text: string) => `<Response><Say>${text}</Say></Response>`;
    expect(await update({ Twiml: say('x'.repeat(4000)) })).toMatchObject({ status: 400, body: { code: 32018 } });
    expect(await update({ Twiml: '<Response><Leave/></Response>' })).toMatchObject({ status: 400, body: { code: 12100 } });
    expect(await update({ Twiml: say('bye'), Status: 'completed' })).toMatchObject({ status: 400, body: { code: 21218 } });
    expect(await update({ Twiml: say('bye'), Url: `${PUBLIC}/twiml` })).toMatchObject({ status: 400, body: { code: 21205 } });
    expect(await update({ Twiml: say('bye'), StatusCallbackMethod: 'POST' })).toMatchObject({ status: 400, body: { code: 21218 } });
    // Still queued after every refusal.
    expect(twilio.calls.get(caller.callSid)?.queue).not.toBeNull();
  });
});
