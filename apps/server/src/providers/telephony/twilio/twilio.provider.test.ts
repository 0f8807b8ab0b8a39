import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DialRequest } from '../telephony.port.js';
import { TwilioStandin } from './testing/twilio-standin.js';
import { checkTwiml } from './testing/twilio-standin.rules.js';
import { createTwilioProvider, TwilioError, type TwilioProvider, type TwilioProviderOptions } from './twilio.provider.js';

/** The Twilio adapter against a stand-in that checks every request the way Twilio does. */
const PUBLIC = 'https://telehub.example.test';
let twilio: TwilioStandin;
let provider: TwilioProvider;

const make = (over: Partial<TwilioProviderOptions> = {}) =>
  createTwilioProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    callerId: twilio.callerId,
    apiBaseUrl: twilio.url,
    publicBaseUrl: PUBLIC,
    retries: 2,
    baseBackoffMs: 5,
    timeoutMs: 2000,
    ...over,
  });

beforeAll(async () => {
  twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC }).start();
});
afterAll(async () => {
  await twilio?.stop();
});
beforeEach(() => {
  twilio.faults = [];
  twilio.requests.length = 0;
  provider = make();
});

let n = 0;
const dialRequest = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: `0b6f5a1e-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  mode: 'agent_first',
  agentPhone: '+919876500001',
  leadPhone: '+919812300002',
  record: true,
  ringTimeoutSeconds: 25,
  timeLimitSeconds: 1800,
  ...over,
});

/** A call as far as the agent answering and the lead being dialed. */
async function liveCall(record = true) {
  const req = dialRequest({ record });
  const { providerCallId } = await provider.dial(req);
  twilio.answer(providerCallId);
  const { leadCallSid } = await provider.connectLead({ ...req, callId: req.callId, agentCallSid: providerCallId });
  return { req, agent: providerCallId, lead: leadCallSid };
}

describe('dial', () => {
  it('calls the agent with TwiML that joins the conference named by the call id, and callbacks for every progress event', async () => {
    const req = dialRequest();
    const { providerCallId } = await provider.dial(req);
    expect(providerCallId).toMatch(/^CA[0-9a-f]{32}$/);
    const [sent] = twilio.find('POST', /^\/Calls\.json$/);
    expect(sent?.status).toBe(201);
    expect(sent?.headers.authorization).toBe(`Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
    const form = sent?.form ?? new URLSearchParams();
    expect(form.get('To')).toBe(req.agentPhone);
    expect(form.get('From')).toBe(twilio.callerId);
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(form.get('Timeout')).toBe('25');
    expect(form.get('TimeLimit')).toBe(String(1800 + 25));
    const callback = new URL(form.get('StatusCallback') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(`${PUBLIC}/webhooks/twilio/voice-status`);
    expect(Object.fromEntries(callback.searchParams)).toEqual({
      callId: req.callId,
      leg: 'agent',
      lead: req.leadPhone,
      ring: '25',
      limit: '1800',
      record: '1',
    });
    const conference = checkTwiml(form.get('Twiml') ?? '', PUBLIC).conference;
    expect(conference?.name).toBe(req.callId);
    expect(conference?.attributes).toMatchObject({ participantLabel: 'agent', endConferenceOnExit: 'true', statusCallbackEvent: 'end' });
    expect(conference?.attributes.statusCallback).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=conference`);
    expect(twilio.calls.get(providerCallId)?.status).toBe('queued');
  });

  it('escapes everything it puts in TwiML', async () => {
    // A base URL with "&" and a call id with every XML special character; the stand-in accepts
    // callbacks only under its configured base, so it gets the same odd base.
    const base = `${PUBLIC}/x&y`;
    const strict = await new TwilioStandin({ accountSid: twilio.accountSid, authToken: twilio.authToken, publicBaseUrl: base }).start();
    try {
      const req = dialRequest({ callId: `a&b<c>"d'e-${++n}` });
      const p = createTwilioProvider({ ...optsOf(), apiBaseUrl: strict.url, publicBaseUrl: base, callerId: strict.callerId });
      const { providerCallId } = await p.dial(req);
      const twiml = strict.calls.get(providerCallId)?.twiml ?? '';
      expect(twiml).toContain('a&amp;b&lt;c&gt;&quot;d&apos;e');
      const conference = checkTwiml(twiml, base).conference;
      expect(conference?.name).toBe(req.callId);
      expect(new URL(conference?.attributes.statusCallback ?? '').searchParams.get('callId')).toBe(req.callId);
    } finally {
      await strict.stop();
    }
  });

  it('turns a refusal into a ProviderError carrying Twilio’s message and code, without retrying', async () => {
    const err = await provider.dial(dialRequest({ agentPhone: '98765' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TwilioError);
    expect(err).toMatchObject({ status: 400, code: 21211, retryable: false });
    expect((err as Error).message).toContain("The 'To' number 98765 is not a valid phone number.");
    expect(twilio.find('POST', /^\/Calls\.json$/)).toHaveLength(1);
  });

  it('reports bad credentials as Twilio’s 20003', async () => {
    const err = await make({ authToken: 'wrong' })
      .dial(dialRequest())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TwilioError', status: 401, code: 20003, retryable: false });
    expect(twilio.requests).toHaveLength(1);
  });

  it('waits out a 429 for as long as Retry-After says, then places the call once', async () => {
    twilio.faults = [
      {
        method: 'POST',
        path: /^\/Calls\.json$/,
        kind: 'status',
        status: 429,
        headers: { 'retry-after': '1' },
        body: { code: 20429, message: 'Too Many Requests', status: 429 },
      },
    ];
    const started = Date.now();
    const { providerCallId } = await provider.dial(dialRequest());
    const tries = twilio.find('POST', /^\/Calls\.json$/);
    expect(tries.map((r) => r.status)).toEqual([429, 201]);
    expect((tries[1]?.at ?? 0) - (tries[0]?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect([...twilio.calls.keys()].filter((sid) => sid === providerCallId)).toHaveLength(1);
  });

  it('gives up at once on a Retry-After longer than it will wait', async () => {
    twilio.faults = [{ path: /^\/Calls\.json$/, kind: 'status', status: 429, headers: { 'retry-after': '120' } }];
    const err = await make({ maxRetryAfterMs: 1000 })
      .dial(dialRequest())
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, retryable: true });
    expect(twilio.requests).toHaveLength(1);
  });

  it('does not repeat a call creation after a 500 or a dropped connection (it may have rung the agent)', async () => {
    twilio.faults = [{ path: /^\/Calls\.json$/, kind: 'status', status: 500 }];
    await expect(provider.dial(dialRequest())).rejects.toMatchObject({ status: 500, retryable: false });
    twilio.faults = [{ path: /^\/Calls\.json$/, kind: 'reset' }];
    await expect(provider.dial(dialRequest())).rejects.toMatchObject({ status: null, retryable: false });
    expect(twilio.find('POST', /^\/Calls\.json$/)).toHaveLength(2);
  });
});

const optsOf = (): TwilioProviderOptions => ({
  accountSid: twilio.accountSid,
  authToken: twilio.authToken,
  callerId: twilio.callerId,
  apiBaseUrl: twilio.url,
  publicBaseUrl: PUBLIC,
  retries: 2,
  baseBackoffMs: 5,
});

describe('reads and hang-ups are retried', () => {
  it('retries a read after a 500 and a dropped connection', async () => {
    const { providerCallId } = await provider.dial(dialRequest());
    twilio.requests.length = 0;
    twilio.faults = [
      { method: 'GET', path: /^\/Calls\/CA/, kind: 'status', status: 500 },
      { method: 'GET', path: /^\/Calls\/CA/, kind: 'reset' },
    ];
    expect(await provider.legStatus(providerCallId)).toBe('queued');
    expect(twilio.requests.map((r) => r.status)).toEqual([500, -1, 200]);
  });

  it('stops after the configured attempts and says the failure may pass', async () => {
    const { providerCallId } = await provider.dial(dialRequest());
    twilio.requests.length = 0;
    twilio.faults = [{ path: /^\/Calls\/CA/, kind: 'status', status: 503, times: 5 }];
    await expect(provider.legStatus(providerCallId)).rejects.toMatchObject({ status: 503, retryable: true });
    expect(twilio.requests).toHaveLength(3);
  });
});

describe('reconcile (the Calls API)', () => {
  it('reads the agent’s leg with the account’s credentials: one that never connected ends the call as it ended', async () => {
    const req = dialRequest();
    const { providerCallId } = await provider.dial(req);
    twilio.requests.length = 0;
    expect(await provider.reconcile?.({ callId: req.callId, providerCallId })).toMatchObject([{ status: 'dialing', providerCallId, callId: req.callId }]);
    twilio.progress(providerCallId, 'busy');
    const [ended] = (await provider.reconcile?.({ callId: req.callId, providerCallId })) ?? [];
    expect(ended).toMatchObject({ provider: 'twilio', kind: 'status', status: 'busy', providerEventId: `${providerCallId}:fetched:busy` });
    expect(ended?.endedAt).toBeInstanceOf(Date);
    expect(twilio.requests.map((r) => [r.method, r.path, r.status])).toEqual([
      ['GET', `/Calls/${providerCallId}.json`, 200],
      ['GET', `/Calls/${providerCallId}.json`, 200],
    ]);
    expect(twilio.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`);
  });

  it('takes an agent’s finished leg as the call’s end: completed once the lead answered, else failed', async () => {
    const { req, agent } = await liveCall();
    twilio.progress(agent, 'completed');
    const [answered] = (await provider.reconcile?.({ callId: req.callId, providerCallId: agent, mode: 'agent_first', answered: true })) ?? [];
    expect(answered).toMatchObject({ status: 'completed' });
    expect(answered?.durationSeconds).toBeUndefined();
    const [unknown] = (await provider.reconcile?.({ callId: req.callId, providerCallId: agent, mode: 'agent_first', answered: false })) ?? [];
    expect(unknown).toMatchObject({ status: 'failed' });
  });

  it('reads a lead-first call’s end and talk time from the lead’s leg', async () => {
    const start = Date.parse('2025-03-01T10:00:00Z');
    let at = start;
    twilio.now = () => new Date(at);
    try {
      const req = dialRequest({ mode: 'lead_first', agentPhone: null });
      const { providerCallId } = await provider.dial(req);
      at += 4000;
      twilio.answer(providerCallId);
      at += 65_000;
      twilio.progress(providerCallId, 'completed');
      const body = twilio.callJson(twilio.mustCall(providerCallId));
      expect(body).toMatchObject({ status: 'completed', duration: '65', end_time: 'Sat, 01 Mar 2025 10:01:09 +0000' });
      const [ended] = (await provider.reconcile?.({ callId: req.callId, providerCallId, mode: 'lead_first' })) ?? [];
      expect(ended).toMatchObject({ status: 'completed', durationSeconds: 65, endedAt: new Date(start + 69_000), answeredAt: new Date(start + 4000) });
    } finally {
      twilio.now = () => new Date();
    }
  });

  it('is refused as Twilio refuses: wrong credentials, an unknown call', async () => {
    const req = dialRequest();
    const { providerCallId } = await provider.dial(req);
    await expect(make({ authToken: 'wrong' }).reconcile?.({ callId: req.callId, providerCallId })).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(provider.reconcile?.({ callId: req.callId, providerCallId: `CA${'0'.repeat(32)}` })).rejects.toMatchObject({ status: 404, retryable: false });
  });
});

describe('connectLead', () => {
  it('adds the lead to the conference with its own callbacks and a dual-channel recording', async () => {
    const { req, agent, lead } = await liveCall();
    const [sent] = twilio.find('POST', /^\/Conferences\/.+\/Participants\.json$/);
    expect(sent?.path).toBe(`/Conferences/${req.callId}/Participants.json`);
    const form = sent?.form ?? new URLSearchParams();
    expect(Object.fromEntries([...form].filter(([k]) => !k.includes('Callback')))).toEqual({
      From: twilio.callerId,
      To: req.leadPhone,
      Label: 'lead',
      Timeout: '25',
      TimeLimit: '1800',
      EarlyMedia: 'true',
      Beep: 'false',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: 'true',
      Record: 'true',
      RecordingChannels: 'dual',
    });
    expect(form.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=lead&agent=${agent}`);
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(form.get('RecordingStatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/recording-status?callId=${req.callId}&agent=${agent}`);
    expect(form.getAll('RecordingStatusCallbackEvent')).toEqual(['completed', 'absent']);
    const participant = twilio.participantOf(lead);
    expect(participant?.label).toBe('lead');
    // The agent's TwiML put the agent in the same conference.
    expect(twilio.participantOf(agent)?.conferenceSid).toBe(participant?.conferenceSid);
  });

  it('asks for no recording when the call is not recorded', async () => {
    const { lead } = await liveCall(false);
    const form = twilio.find('POST', /Participants\.json$/)[0]?.form;
    expect(form?.has('Record')).toBe(false);
    expect(form?.has('RecordingStatusCallback')).toBe(false);
    expect(twilio.participantOf(lead)?.recording).toBeNull();
  });
});

describe('hangup', () => {
  it('hangs up the agent first, then a lead still ringing', async () => {
    const { req, agent, lead } = await liveCall();
    twilio.progress(lead, 'ringing');
    twilio.requests.length = 0;
    await provider.hangup({ callId: req.callId, providerCallId: agent });
    const hangups = twilio.find('POST', /^\/Calls\/CA[0-9a-f]+\.json$/);
    expect(hangups.map((r) => [r.path, r.form?.get('Status')])).toEqual([
      [`/Calls/${agent}.json`, 'completed'],
      [`/Calls/${lead}.json`, 'completed'],
    ]);
    expect(twilio.calls.get(agent)?.status).toBe('completed');
    expect(twilio.calls.get(lead)?.status).toBe('canceled');
  });

  it('still hangs up the agent when the conference cannot be read', async () => {
    const { req, agent } = await liveCall();
    twilio.faults = [{ method: 'GET', path: /^\/Conferences\.json$/, kind: 'status', status: 503, times: 3 }];
    await provider.hangup({ callId: req.callId, providerCallId: agent });
    expect(twilio.calls.get(agent)?.status).toBe('completed');
  });

  it('treats a call already over as hung up, but not an unknown one', async () => {
    const { req, agent, lead } = await liveCall();
    twilio.answer(lead);
    twilio.progress(lead, 'completed');
    expect(twilio.calls.get(agent)?.status).toBe('completed');
    await expect(provider.hangup({ callId: req.callId, providerCallId: agent })).resolves.toBeUndefined();
    await expect(provider.endLeg(`CA${'0'.repeat(32)}`)).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});

describe('fetchRecording', () => {
  it('downloads the dual-channel WAV with the account credentials', async () => {
    const { req, agent, lead } = await liveCall();
    const url = twilio.recordingCallback(lead, 'completed')?.params.RecordingUrl ?? '';
    twilio.faults = [{ method: 'GET', path: /^\/Recordings\//, kind: 'status', status: 502 }];
    const got = await provider.fetchRecording({ callId: req.callId, providerCallId: agent, recordingUrl: url });
    expect(got.contentType).toBe('audio/x-wav');
    expect(got.body.equals(twilio.recordingAudio)).toBe(true);
    expect(got.body.readUInt16LE(22)).toBe(2);
    expect(twilio.find('GET', /^\/Recordings\//).map((r) => [r.path.endsWith('.wav'), r.status])).toEqual([
      [true, 502],
      [true, 200],
    ]);
  });

  it('sends credentials only to Twilio', async () => {
    twilio.requests.length = 0;
    const err = await provider
      .fetchRecording({ callId: 'c', providerCallId: 'CA1', recordingUrl: 'https://evil.example/Recordings/RE1' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TwilioError', retryable: false });
    expect(twilio.requests).toHaveLength(0);
    // Asked before the fetch job runs, so a forged link is dropped instead of retried.
    expect(provider.recordingUrlProblem?.('https://evil.example/Recordings/RE1')).toMatch(/not on Twilio/);
    expect(provider.recordingUrlProblem?.('http://api.twilio.com/Recordings/RE1')).toMatch(/not on Twilio/);
    expect(provider.recordingUrlProblem?.('https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1')).toBeNull();
    expect(provider.recordingUrlProblem?.('not a url')).toMatch(/not a URL/);
  });
});

describe('supervise', () => {
  it('rings the manager in muted, then switches to whisper and barge without ringing again', async () => {
    const { req, agent, lead } = await liveCall();
    twilio.answer(lead);
    const manager = '+919800000009';
    const call = { callId: req.callId, providerCallId: agent };

    await provider.supervise?.(call, 'listen', manager);
    const added = twilio.find('POST', /Participants\.json$/).at(-1)?.form;
    expect(added?.get('To')).toBe(manager);
    expect(added?.get('EndConferenceOnExit')).toBe('false');
    const sup = twilio.participants.find((p) => p.label === `supervisor:${manager}`);
    expect(sup).toMatchObject({ muted: true, coaching: false });

    await provider.supervise?.(call, 'whisper', manager);
    expect(twilio.participants.find((p) => p.label === `supervisor:${manager}`)).toMatchObject({ muted: false, coaching: true, callSidToCoach: agent });

    await provider.supervise?.(call, 'barge', manager);
    expect(twilio.participants.find((p) => p.label === `supervisor:${manager}`)).toMatchObject({ muted: false, coaching: false, callSidToCoach: null });
    expect([...twilio.calls.values()].filter((c) => c.to === manager)).toHaveLength(1);
    expect(provider.supervision).toEqual(['listen', 'whisper', 'barge']);
  });

  it('whispers straight away when asked first', async () => {
    const { req, agent } = await liveCall();
    await provider.supervise?.({ callId: req.callId, providerCallId: agent }, 'whisper', '+919800000010');
    const form = twilio.find('POST', /Participants\.json$/).at(-1)?.form;
    expect(form?.get('Coaching')).toBe('true');
    expect(form?.get('CallSidToCoach')).toBe(agent);
    expect(form?.get('Muted')).toBe('false');
  });

  it('refuses when the call is not live', async () => {
    const req = dialRequest();
    const { providerCallId } = await provider.dial(req);
    await expect(provider.supervise?.({ callId: req.callId, providerCallId }, 'listen', '+919800000011')).rejects.toMatchObject({ status: 409 });
  });
});
