/**
 * What the dialer asks of Twilio beyond lead_first itself: answering-machine detection on the
 * lead's call (asked at dial, checked by the stand-in; the verdict's callback through the webhook
 * route) and abandon() (the message said to a waiting lead, then the hang-up, reported as the
 * system's with abandonMessagePlayed).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DialRequest, ProviderError, type ProviderEvent } from '../telephony.port.js';
import { type SignedCallback, TwilioStandin } from './testing/twilio-standin.js';
import { createTwilioProvider, type TwilioProvider } from './twilio.provider.js';
import { twilioWebhookRoutes } from './twilio.webhooks.js';

const PUBLIC = 'https://telehub.example.test';
const AGENT = '+919876500001';
const MESSAGE = { text: 'Sorry & goodbye: <all> our counsellors are busy', language: 'hi' };
let twilio: TwilioStandin;
let provider: TwilioProvider;
let app: FastifyInstance;
let received: ProviderEvent[];

beforeAll(async () => {
  twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC }).start();
  provider = createTwilioProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    callerId: twilio.callerId,
    apiBaseUrl: twilio.url,
    publicBaseUrl: PUBLIC,
    retries: 2,
    baseBackoffMs: 5,
    timeoutMs: 2000,
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
  twilio.takeCallbacks();
  // Ingestion as the engine does it, minus the database: each event id is stored once.
  received = [];
  const seen = new Set<string>();
  const ingest = async (event: ProviderEvent) => {
    received.push(event);
    const fresh = !seen.has(event.providerEventId);
    seen.add(event.providerEventId);
    return { stored: fresh, applied: fresh, callId: event.callId };
  };
  app = Fastify({ logger: false });
  await app.register(twilioWebhookRoutes, { authToken: twilio.authToken, publicBaseUrl: PUBLIC, ingest, provider });
  await app.ready();
});
afterEach(async () => {
  await app.close();
});

let n = 0;
const dialer = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: `5c1d2e3f-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  mode: 'lead_first',
  agentPhone: null,
  leadPhone: '+919812300002',
  record: true,
  ringTimeoutSeconds: 25,
  timeLimitSeconds: 1800,
  detectMachine: true,
  ...over,
});

const post = (cb: SignedCallback) => app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
async function deliver(...callbacks: (SignedCallback | null)[]) {
  for (const cb of callbacks) {
    if (!cb) throw new Error('the stand-in sent no callback for this step');
    const res = await post(cb);
    expect(res.statusCode, res.body).toBe(200);
  }
}
const statuses = () => received.filter((e) => e.status).map((e) => e.status);
const createForm = () => twilio.find('POST', /^\/Calls\.json$/).at(-1)?.form ?? new URLSearchParams();

/** Dialed, rung and answered: the lead waits in the conference. */
async function waitingLead(over: Partial<DialRequest> = {}) {
  const req = dialer(over);
  const { providerCallId: lead } = await provider.dial(req);
  await deliver(twilio.progress(lead, 'initiated'), twilio.progress(lead, 'ringing'), twilio.answer(lead));
  return { req, lead, call: { callId: req.callId, providerCallId: lead } };
}

describe('answering-machine detection on Twilio', () => {
  it('asks for asynchronous detection on a lead_first call, reported to the lead’s URL marked amd=1', async () => {
    expect(provider.machineDetection).toBe(true);
    const req = dialer();
    const { providerCallId } = await provider.dial(req);
    expect(twilio.find('POST', /^\/Calls\.json$/)[0]?.status).toBe(201);
    const form = createForm();
    expect({
      MachineDetection: form.get('MachineDetection'),
      AsyncAmd: form.get('AsyncAmd'),
      AsyncAmdStatusCallback: form.get('AsyncAmdStatusCallback'),
      AsyncAmdStatusCallbackMethod: form.get('AsyncAmdStatusCallbackMethod'),
    }).toEqual({
      MachineDetection: 'Enable',
      AsyncAmd: 'true',
      AsyncAmdStatusCallback: `${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=lead&mode=lead_first&amd=1`,
      AsyncAmdStatusCallbackMethod: 'POST',
    });
    expect(form.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=lead&mode=lead_first`);
    expect(twilio.calls.get(providerCallId)?.amd).toEqual({ mode: 'Enable', async: true, callback: form.get('AsyncAmdStatusCallback') });
  });

  it('asks for none without detectMachine, nor on an agent_first call', async () => {
    await provider.dial(dialer({ detectMachine: false }));
    expect([...createForm().keys()].filter((k) => /Machine|Amd/.test(k))).toEqual([]);
    await provider.dial(dialer({ mode: 'agent_first', agentPhone: AGENT }));
    expect([...createForm().keys()].filter((k) => /Machine|Amd/.test(k))).toEqual([]);
  });

  it.each([
    ['human', 'human'],
    ['machine_start', 'machine'],
    ['machine_end_beep', 'machine'],
    ['machine_end_silence', 'machine'],
    ['machine_end_other', 'machine'],
    ['fax', 'machine'],
    ['unknown', 'unknown'],
  ] as const)('turns the verdict AnsweredBy=%s into a status-less event answered by %s', async (answeredBy, expected) => {
    const { req, lead } = await waitingLead();
    expect(received.at(-1)).toMatchObject({ status: 'in_progress' });
    expect(received.at(-1)?.answeredBy).toBeUndefined();
    const verdict = twilio.amdCallback(lead, answeredBy);
    await deliver(verdict);
    const event = received.at(-1);
    expect(event).toMatchObject({
      provider: 'twilio',
      kind: 'status',
      providerEventId: `${lead}:amd`,
      providerCallId: lead,
      callId: req.callId,
      answeredBy: expected,
      raw: { AnsweredBy: answeredBy, MachineDetectionDuration: '2350' },
    });
    expect(event && 'status' in event).toBe(false);
    expect(event?.hangupBy).toBeUndefined();
    // A redelivery is the same event; nothing is asked of Twilio in return.
    twilio.requests.length = 0;
    await deliver(verdict);
    expect(received.at(-1)?.providerEventId).toBe(`${lead}:amd`);
    expect(twilio.requests).toHaveLength(0);
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress']);
  });

  it('sends no verdict for a call that asked for none', async () => {
    const { lead } = await waitingLead({ detectMachine: false });
    expect(twilio.amdCallback(lead, 'human')).toBeNull();
  });

  it('reads a synchronous AnsweredBy on the lead’s status callback', async () => {
    const req = dialer({ detectMachine: false });
    const { providerCallId: lead } = await provider.dial(req);
    twilio.answer(lead);
    await deliver(twilio.statusCallback(lead, 'in-progress', { AnsweredBy: 'machine_end_beep' }));
    expect(received.at(-1)).toMatchObject({ status: 'in_progress', answeredBy: 'machine' });
  });

  it('refuses a verdict with a bad signature (403), or one that is malformed (400), ingesting nothing', async () => {
    const { lead, req } = await waitingLead();
    const verdict = twilio.amdCallback(lead, 'human');
    if (!verdict) throw new Error('no verdict');
    const count = received.length;
    const altered = await post({ ...verdict, body: verdict.body.replace('AnsweredBy=human', 'AnsweredBy=machine_start') });
    expect([altered.statusCode, altered.json().code]).toEqual([403, 'SIGNATURE_INVALID']);
    const unsigned = await post({ ...verdict, headers: { ...verdict.headers, 'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl' } });
    expect(unsigned.statusCode).toBe(403);
    const base = `${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}`;
    const params = { AccountSid: twilio.accountSid, CallSid: lead, AnsweredBy: 'human' };
    for (const [url, form, message] of [
      [`${base}&leg=lead&mode=lead_first&amd=1`, { AccountSid: twilio.accountSid, CallSid: lead }, 'AnsweredBy is missing'],
      [`${base}&leg=agent&mode=lead_first&leadCall=${lead}&amd=1`, params, 'lead_first lead leg'],
      [`${base}&leg=lead&mode=lead_first&amd=yes`, params, 'amd must be 1'],
    ] as const) {
      const res = await post(twilio.signed(url, { ...form }));
      expect([res.statusCode, res.json().message], url).toEqual([400, expect.stringContaining(message)]);
    }
    expect(received).toHaveLength(count);
  });
});

describe('abandon on Twilio', () => {
  it('says the message in the lead’s language and hangs up: completed, by the system, with the message played', async () => {
    const { req, lead, call } = await waitingLead();
    await deliver(twilio.amdCallback(lead, 'human'));
    const conferenceSid = twilio.participantOf(lead)?.conferenceSid;
    twilio.requests.length = 0;
    await provider.abandon?.(call, MESSAGE);

    const posted = twilio.requests.filter((r) => r.method === 'POST').map((r) => [r.path, r.status, Object.fromEntries(r.form ?? [])]);
    expect(posted).toEqual([
      [`/Conferences/${conferenceSid}/Participants/${lead}.json`, 200, { EndConferenceOnExit: 'false' }],
      [
        `/Calls/${lead}.json`,
        200,
        {
          Twiml: '<Response><Say language="hi-IN">Sorry &amp; goodbye: &lt;all&gt; our counsellors are busy</Say><Hangup/></Response>',
          StatusCallback: `${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=lead&mode=lead_first&abandoned=1`,
          StatusCallbackMethod: 'POST',
        },
      ],
    ]);
    // Leaving the conference for the message ends it, in nobody's name.
    await deliver(...twilio.takeCallbacks());
    const conferenceEnd = received.at(-1);
    expect(conferenceEnd).toMatchObject({ providerEventId: `${conferenceSid}:conference-end`, raw: { ReasonConferenceEnded: 'last-participant-left' } });
    expect(conferenceEnd?.hangupBy).toBeUndefined();
    expect(conferenceEnd?.status).toBeUndefined();
    expect(twilio.calls.get(lead)?.status).toBe('in-progress');

    await deliver(twilio.playTwiml(lead));
    expect(twilio.spoken).toContainEqual({ callSid: lead, text: MESSAGE.text, language: 'hi-IN' });
    const end = received.at(-1);
    expect(end).toMatchObject({
      status: 'completed',
      hangupBy: 'system',
      providerCallId: lead,
      callId: req.callId,
      raw: { CallStatus: 'completed', abandonMessagePlayed: true },
    });
    expect(end?.durationSeconds).toBeGreaterThan(0);
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress', 'completed']);
  });

  it('speaks Indian English for other languages, and lets go of an agent still ringing first', async () => {
    const { req, lead, call } = await waitingLead();
    await provider.bridge?.(call, { phone: AGENT });
    const agent = twilio.participants.find((p) => p.label === 'agent' && twilio.conferences.get(p.conferenceSid)?.friendlyName === req.callId)?.callSid ?? '';
    await deliver(twilio.progress(agent, 'ringing'));
    await provider.abandon?.(call, { text: 'We will call you back.', language: 'ta' });
    expect(twilio.calls.get(agent)?.status).toBe('canceled');
    expect(twilio.calls.get(lead)?.twiml).toBe('<Response><Say language="en-IN">We will call you back.</Say><Hangup/></Response>');
    await deliver(...twilio.takeCallbacks(), twilio.playTwiml(lead));
    expect(received.at(-1)).toMatchObject({ status: 'completed', hangupBy: 'system', raw: { abandonMessagePlayed: true } });
    expect(received.filter((e) => e.hangupBy && e.hangupBy !== 'system')).toEqual([]);
  });

  it('refuses a lead not yet answered, a call with an agent on, and an agent_first call, redirecting nothing', async () => {
    const refused = async (abandoning: Promise<void> | undefined, message: string) => {
      const err = await abandoning?.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ProviderError);
      expect(err).toMatchObject({ retryable: false });
      expect((err as Error).message).toContain(message);
    };
    const ringing = dialer();
    const { providerCallId } = await provider.dial(ringing);
    await deliver(twilio.progress(providerCallId, 'ringing'));
    await refused(provider.abandon?.({ callId: ringing.callId, providerCallId }, MESSAGE), 'has not answered yet');

    const bridged = await waitingLead();
    await provider.bridge?.(bridged.call, { phone: AGENT });
    const agent = twilio.participants.find((p) => p.label === 'agent' && p.status !== 'complete')?.callSid ?? '';
    await deliver(twilio.answer(agent));
    await refused(provider.abandon?.(bridged.call, MESSAGE), 'an agent is already on it');

    const clickToCall = dialer({ mode: 'agent_first', agentPhone: AGENT });
    const first = await provider.dial(clickToCall);
    twilio.answer(first.providerCallId);
    await refused(provider.abandon?.({ callId: clickToCall.callId, providerCallId: first.providerCallId }, MESSAGE), 'dialed agent_first');

    expect(twilio.find('POST', /^\/Calls\/CA[0-9a-f]+\.json$/).filter((r) => r.form?.has('Twiml'))).toEqual([]);
    expect(twilio.find('POST', /\/Participants\/CA[0-9a-f]+\.json$/)).toEqual([]);
  });

  it('does nothing for a lead already gone, before or while it is asked', async () => {
    const gone = await waitingLead();
    await deliver(twilio.progress(gone.lead, 'completed'));
    twilio.requests.length = 0;
    await provider.abandon?.(gone.call, MESSAGE);
    expect(twilio.requests.filter((r) => r.method === 'POST')).toEqual([]);

    // The lead hangs up between the check and the redirect: Twilio answers 21220.
    const leaving = await waitingLead();
    twilio.faults = [
      {
        method: 'POST',
        path: /^\/Calls\/CA[0-9a-f]+\.json$/,
        kind: 'status',
        status: 400,
        body: twilio.error(400, 21220, 'Call is not in-progress. Cannot redirect.'),
      },
    ];
    await expect(provider.abandon?.(leaving.call, MESSAGE)).resolves.toBeUndefined();
  });
});

describe('the stand-in refuses what it does not know', () => {
  const send = (path: string, form: Record<string, string>) =>
    fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams(form).toString(),
    });
  const call = { To: '+919812300002', From: '', Twiml: '<Response><Hangup/></Response>' };

  it('misspelt, misplaced or malformed machine-detection parameters, with a 400', async () => {
    const from = twilio.callerId;
    const amd = `${PUBLIC}/webhooks/twilio/voice-status?callId=x&amd=1`;
    const cases: [Record<string, string>, number, string][] = [
      [{ MachineDetection: 'Enable', AsyncAMD: 'true' }, 20001, 'AsyncAMD'],
      [{ MachineDetection: 'Enable', AsyncAmd: 'true', AsyncAmdCallback: amd }, 20001, 'AsyncAmdCallback'],
      [{ MachineDetection: 'Yes' }, 21218, 'MachineDetection must be Enable or DetectMessageEnd'],
      [{ AsyncAmd: 'true', AsyncAmdStatusCallback: amd }, 21218, 'without MachineDetection'],
      [{ MachineDetection: 'Enable', AsyncAmd: 'yes', AsyncAmdStatusCallback: amd }, 21218, 'AsyncAmd must be true or false'],
      [{ MachineDetection: 'Enable', AsyncAmd: 'true' }, 21218, 'needs an AsyncAmdStatusCallback'],
      [{ MachineDetection: 'Enable', AsyncAmd: 'true', AsyncAmdStatusCallback: 'https://elsewhere.example/amd' }, 21609, 'is not under'],
      [{ MachineDetection: 'Enable', AsyncAmd: 'true', AsyncAmdStatusCallback: amd, AsyncAmdStatusCallbackMethod: 'PUT' }, 21218, 'GET or POST'],
    ];
    for (const [extra, code, message] of cases) {
      const res = await send('/Calls.json', { ...call, From: from, ...extra });
      const body = await res.json();
      expect([res.status, body.code, body.message], JSON.stringify(extra)).toEqual([400, code, expect.stringContaining(message)]);
    }
    const ok = await send('/Calls.json', { ...call, From: from, MachineDetection: 'DetectMessageEnd', AsyncAmd: 'false' });
    expect(ok.status).toBe(201);
  });

  it('parameters an update does not take, and TwiML it cannot say', async () => {
    const { lead } = await waitingLead();
    const misplaced = await send(`/Calls/${lead}.json`, { Twiml: '<Response><Hangup/></Response>', MachineDetection: 'Enable' });
    expect([misplaced.status, (await misplaced.json()).code]).toEqual([400, 20001]);
    const badLanguage = await send(`/Calls/${lead}.json`, { Twiml: '<Response><Say language="hindi">x</Say></Response>' });
    expect([badLanguage.status, (await badLanguage.json()).code]).toEqual([400, 12100]);
    const silent = await send(`/Calls/${lead}.json`, { Twiml: '<Response><Say language="hi-IN"></Say></Response>' });
    expect([silent.status, (await silent.json()).code]).toEqual([400, 12100]);
    expect(twilio.calls.get(lead)?.redirects).toEqual([]);
    const conferenceSid = twilio.participantOf(lead)?.conferenceSid ?? '';
    const typo = await send(`/Conferences/${conferenceSid}/Participants/${lead}.json`, { EndConferenceOnExits: 'false' });
    expect([typo.status, (await typo.json()).code]).toEqual([400, 20001]);
    const ringing = dialer();
    const { providerCallId } = await provider.dial(ringing);
    const early = await send(`/Calls/${providerCallId}.json`, { Twiml: '<Response><Hangup/></Response>' });
    expect([early.status, (await early.json()).code]).toEqual([400, 21220]);
  });
});
