/**
 * lead_first on Twilio, end to end: the adapter against the stand-in, which checks each request as
 * Twilio does and plays the legs forward, and the callbacks it signs back through the webhook
 * routes, as the engine would receive them.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DialRequest, ProviderError, type ProviderEvent } from '../telephony.port.js';
import { type SignedCallback, TwilioStandin } from './testing/twilio-standin.js';
import { checkTwiml } from './testing/twilio-standin.twiml.js';
import { createTwilioProvider, type TwilioProvider } from './twilio.provider.js';
import { twilioWebhookRoutes } from './twilio.webhooks.js';

const PUBLIC = 'https://telehub.example.test';
const AGENT = '+919876500001';
const OTHER_AGENT = '+919876500002';
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
const leadFirst = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: `3f9a7c2e-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  mode: 'lead_first',
  agentPhone: null,
  leadPhone: '+919812300002',
  record: true,
  ringTimeoutSeconds: 25,
  timeLimitSeconds: 1800,
  ...over,
});

async function deliver(...callbacks: (SignedCallback | null)[]) {
  for (const cb of callbacks) {
    if (!cb) throw new Error('the stand-in sent no callback for this step');
    const res = await app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
    expect(res.statusCode, res.body).toBe(200);
  }
}
/** Delivers what followed on its own (legs dropped, the conference's end). */
const deliverFollowing = () => deliver(...twilio.takeCallbacks());

/** The statuses the engine was told, in order. */
const statuses = () => received.filter((e) => e.status).map((e) => e.status);
const participantsPosted = () => twilio.find('POST', /Participants\.json$/);
const agentLeg = (callId: string) =>
  twilio.participants.find((p) => p.label === 'agent' && twilio.conferences.get(p.conferenceSid)?.friendlyName === callId)?.callSid ?? '';

/** Dialed, rung and answered: the lead waits in the conference. */
async function waitingLead(over: Partial<DialRequest> = {}) {
  const req = leadFirst(over);
  const { providerCallId: lead } = await provider.dial(req);
  await deliver(twilio.progress(lead, 'initiated'), twilio.progress(lead, 'ringing'), twilio.answer(lead));
  const call = { callId: req.callId, providerCallId: lead };
  return { req, lead, call };
}

describe('dial, lead first', () => {
  it('calls the lead alone into the conference named by the call id, recorded, reporting the lead leg', async () => {
    expect(provider.dialModes).toEqual(['agent_first', 'lead_first']);
    const req = leadFirst();
    const { providerCallId } = await provider.dial(req);
    const [sent, ...more] = twilio.find('POST', /^\/Calls\.json$/);
    expect(more).toHaveLength(0);
    expect(sent?.status).toBe(201);
    const form = sent?.form ?? new URLSearchParams();
    expect(Object.fromEntries([...form].filter(([k]) => !k.includes('Callback') && k !== 'Twiml'))).toEqual({
      To: req.leadPhone,
      From: twilio.callerId,
      Timeout: '25',
      TimeLimit: '1800',
      Record: 'true',
      RecordingChannels: 'dual',
    });
    expect(form.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=lead&mode=lead_first`);
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);
    expect(form.get('RecordingStatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/recording-status?callId=${req.callId}&mode=lead_first`);
    expect(form.getAll('RecordingStatusCallbackEvent')).toEqual(['completed', 'absent']);
    const conference = checkTwiml(form.get('Twiml') ?? '', PUBLIC).conference;
    expect(conference?.name).toBe(req.callId);
    expect(conference?.attributes).toMatchObject({ participantLabel: 'lead', endConferenceOnExit: 'true', statusCallbackEvent: 'end' });
    expect(conference?.attributes.statusCallback).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=conference`);
    // The SID returned is the lead's call: nobody else was rung.
    expect(twilio.calls.get(providerCallId)?.to).toBe(req.leadPhone);
  });

  it('asks for no recording when the call is not recorded', async () => {
    await provider.dial(leadFirst({ record: false }));
    const form = twilio.find('POST', /^\/Calls\.json$/)[0]?.form;
    expect(form?.has('Record')).toBe(false);
    expect(form?.has('RecordingStatusCallback')).toBe(false);
  });

  it('does not repeat the create after a 500 or a dropped connection (the lead may be ringing)', async () => {
    twilio.faults = [{ path: /^\/Calls\.json$/, kind: 'status', status: 500 }];
    await expect(provider.dial(leadFirst())).rejects.toMatchObject({ status: 500, retryable: false });
    twilio.faults = [{ path: /^\/Calls\.json$/, kind: 'reset' }];
    await expect(provider.dial(leadFirst())).rejects.toMatchObject({ status: null, retryable: false });
    expect(twilio.find('POST', /^\/Calls\.json$/)).toHaveLength(2);
  });
});

describe('a lead_first call, callback by callback', () => {
  it('reports the lead answering, bridges the agent into the lead’s conference, and ends on the lead leg', async () => {
    const { req, lead, call } = await waitingLead();
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress']);
    expect(received.every((e) => e.providerCallId === lead && e.callId === req.callId)).toBe(true);
    expect(received.at(-1)?.answeredAt).toEqual(received.at(-1)?.occurredAt);

    await provider.bridge?.(call, { phone: AGENT });
    const [sent, ...more] = participantsPosted();
    expect(more).toHaveLength(0);
    const conferenceSid = twilio.participantOf(lead)?.conferenceSid;
    expect(sent?.path).toBe(`/Conferences/${conferenceSid}/Participants.json`);
    const form = sent?.form ?? new URLSearchParams();
    expect(Object.fromEntries([...form].filter(([k]) => !k.includes('Callback')))).toEqual({
      From: twilio.callerId,
      To: AGENT,
      Label: 'agent',
      Timeout: '20',
      Beep: 'false',
      StartConferenceOnEnter: 'true',
      EndConferenceOnExit: 'true',
    });
    expect(form.get('StatusCallback')).toBe(`${PUBLIC}/webhooks/twilio/voice-status?callId=${req.callId}&leg=agent&mode=lead_first&leadCall=${lead}`);
    expect(form.getAll('StatusCallbackEvent')).toEqual(['initiated', 'ringing', 'answered', 'completed']);

    const agent = agentLeg(req.callId);
    await deliver(twilio.progress(agent, 'ringing'), twilio.answer(agent));
    expect(twilio.participantOf(agent)).toMatchObject({ conferenceSid, status: 'connected' });
    // The agent's leg is on record under the call, but says nothing of its status.
    const agentEvents = received.filter((e) => e.providerEventId.startsWith(agent));
    expect(agentEvents.map((e) => [e.providerCallId, e.status])).toEqual([
      [lead, undefined],
      [lead, undefined],
    ]);
    expect(twilio.calls.get(agent)?.status).toBe('in-progress');

    // The agent hangs up: the conference ends, which drops the lead.
    await deliver(twilio.progress(agent, 'completed'));
    await deliverFollowing();
    // The conference's end names the agent but leaves the status to the lead's leg.
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress', 'completed']);
    const end = received.find((e) => e.providerEventId.startsWith(`${lead}:completed`));
    expect(end).toMatchObject({ status: 'completed', providerCallId: lead, callId: req.callId });
    expect(end?.durationSeconds).toBeGreaterThan(0);
    expect(received.find((e) => e.providerEventId.endsWith(':conference-end'))).toMatchObject({ hangupBy: 'agent', callId: req.callId });

    const recording = twilio.recordingCallback(lead, 'completed');
    await deliver(recording);
    expect(received.at(-1)).toMatchObject({
      kind: 'recording',
      providerCallId: lead,
      callId: req.callId,
      recordingStatus: 'completed',
      recordingUrl: recording?.params.RecordingUrl,
    });
  });

  it('ends the call when the lead hangs up while waiting, named by the conference', async () => {
    const { lead } = await waitingLead();
    await deliver(twilio.progress(lead, 'completed'));
    await deliverFollowing();
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress', 'completed', 'completed']);
    expect(received.at(-2)).toMatchObject({ providerCallId: lead, status: 'completed' });
    expect(received.at(-1)).toMatchObject({ providerEventId: expect.stringMatching(/:conference-end$/), hangupBy: 'lead', status: 'completed' });
  });

  it('leaves the lead waiting when the agent does not come on, and lets a second bridge ring someone else', async () => {
    for (const failure of ['no-answer', 'busy', 'failed'] as const) {
      received.length = 0;
      const { req, lead, call } = await waitingLead();
      await provider.bridge?.(call, { phone: AGENT });
      const first = agentLeg(req.callId);
      await deliver(twilio.progress(first, 'ringing'), twilio.progress(first, failure));
      expect(statuses(), failure).toEqual(['dialing', 'ringing', 'in_progress']);
      expect(received.at(-1)).toMatchObject({ providerCallId: lead, raw: { CallStatus: failure } });
      expect(twilio.calls.get(lead)?.status).toBe('in-progress');

      await provider.bridge?.(call, { phone: OTHER_AGENT });
      const second = twilio.participants.find(
        (p) => p.label === 'agent' && p.callSid !== first && twilio.calls.get(p.callSid)?.form.get('StatusCallback')?.includes(lead),
      );
      expect(twilio.calls.get(second?.callSid ?? '')?.to).toBe(OTHER_AGENT);
      await deliver(twilio.answer(second?.callSid ?? ''));
      expect(twilio.participantOf(second?.callSid ?? '')).toMatchObject({ status: 'connected', conferenceSid: twilio.participantOf(lead)?.conferenceSid });
    }
  });

  it('bridges once: asked again while the agent rings or talks, it rings nobody more', async () => {
    const { req, call } = await waitingLead();
    await provider.bridge?.(call, { phone: AGENT });
    await provider.bridge?.(call, { phone: AGENT });
    await deliver(twilio.answer(agentLeg(req.callId)));
    await provider.bridge?.(call, { phone: OTHER_AGENT });
    expect(participantsPosted()).toHaveLength(1);
    expect([...twilio.calls.values()].filter((c) => c.to === OTHER_AGENT && c.form.get('StatusCallback')?.includes(req.callId))).toHaveLength(0);
  });

  it('bridges a lead whose answer came before its TwiML put it in the conference', async () => {
    const req = leadFirst();
    const { providerCallId: lead } = await provider.dial(req);
    await deliver(twilio.answer(lead, { join: false }));
    expect(twilio.participantOf(lead)).toBeUndefined();
    await provider.bridge?.({ callId: req.callId, providerCallId: lead }, { phone: AGENT });
    expect(participantsPosted()[0]?.path).toBe(`/Conferences/${req.callId}/Participants.json`);
    twilio.runTwiml(lead);
    const agent = agentLeg(req.callId);
    await deliver(twilio.answer(agent));
    expect(twilio.participantOf(agent)?.conferenceSid).toBe(twilio.participantOf(lead)?.conferenceSid);
    expect(twilio.calls.get(agent)?.status).toBe('in-progress');
  });

  it('lets go of an agent who answers after the lead has gone', async () => {
    const { req, lead, call } = await waitingLead();
    await provider.bridge?.(call, { phone: AGENT });
    const agent = agentLeg(req.callId);
    await deliver(twilio.progress(lead, 'completed'));
    await deliverFollowing();
    // Twilio seats the late agent alone in a new conference of the same name.
    await deliver(twilio.answer(agent));
    expect(twilio.calls.get(agent)?.status).toBe('completed');
    expect(statuses().at(-1)).toBe('completed');
  });
});

describe('bridge refuses, ringing nobody', () => {
  async function refused(bridging: Promise<void> | undefined, message: string) {
    const err = await bridging?.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ retryable: false });
    expect((err as Error).message).toContain(message);
  }

  it('an agent without a phone, before asking Twilio anything', async () => {
    const { call } = await waitingLead();
    twilio.requests.length = 0;
    await refused(provider.bridge?.(call, { phone: null }), 'no phone number');
    expect(twilio.requests).toHaveLength(0);
  });

  it('a lead who has not answered, or has gone', async () => {
    const req = leadFirst();
    const { providerCallId: lead } = await provider.dial(req);
    const call = { callId: req.callId, providerCallId: lead };
    await refused(provider.bridge?.(call, { phone: AGENT }), 'the lead has not answered yet');
    twilio.progress(lead, 'no-answer');
    await refused(provider.bridge?.(call, { phone: AGENT }), 'the lead has ended (no-answer)');
    const gone = await waitingLead();
    twilio.progress(gone.lead, 'completed');
    await refused(provider.bridge?.(gone.call, { phone: AGENT }), 'the lead has ended (completed)');
    expect(participantsPosted()).toHaveLength(0);
    // No conference was created to ring an agent into.
    expect([...twilio.conferences.values()].filter((c) => c.friendlyName === req.callId)).toHaveLength(0);
  });

  it('an agent_first call', async () => {
    const req = leadFirst({ mode: 'agent_first', agentPhone: AGENT });
    const { providerCallId: agent } = await provider.dial(req);
    twilio.answer(agent);
    await refused(provider.bridge?.({ callId: req.callId, providerCallId: agent }, { phone: OTHER_AGENT }), 'dialed agent_first');
    expect(participantsPosted()).toHaveLength(0);
  });

  it('and does not repeat an add that may have reached Twilio', async () => {
    const { call } = await waitingLead();
    twilio.faults = [{ method: 'POST', path: /Participants\.json$/, kind: 'status', status: 500 }];
    await expect(provider.bridge?.(call, { phone: AGENT })).rejects.toMatchObject({ status: 500, retryable: false });
    expect(participantsPosted()).toHaveLength(1);
  });
});

describe('hangup, lead first', () => {
  it('gives up a waiting lead by ending the conference through the API: completed, by the system', async () => {
    const { req, lead, call } = await waitingLead();
    await provider.bridge?.(call, { phone: AGENT });
    const agent = agentLeg(req.callId);
    await deliver(twilio.progress(agent, 'ringing'));
    twilio.requests.length = 0;
    await provider.hangup(call);
    const conferenceSid = twilio.participantOf(lead)?.conferenceSid;
    expect(twilio.find('POST', /^\/Conferences\/CF[0-9a-f]+\.json$/).map((r) => [r.path, r.form?.get('Status')])).toEqual([
      [`/Conferences/${conferenceSid}.json`, 'completed'],
    ]);
    expect(twilio.calls.get(lead)?.status).toBe('completed');
    // The agent still ringing is stopped too.
    expect(twilio.calls.get(agent)?.status).toBe('canceled');
    await deliverFollowing();
    expect(statuses()).toEqual(['dialing', 'ringing', 'in_progress', 'completed']);
    expect(received.find((e) => e.providerEventId.endsWith(':conference-end'))).toMatchObject({ hangupBy: 'system' });
    expect(received.find((e) => e.providerEventId.startsWith(`${agent}:canceled`))?.status).toBeUndefined();
  });

  it('hangs up the agent first once bridged, so the agent is named', async () => {
    const { req, lead, call } = await waitingLead();
    await provider.bridge?.(call, { phone: AGENT });
    const agent = agentLeg(req.callId);
    await deliver(twilio.answer(agent));
    twilio.requests.length = 0;
    await provider.hangup(call);
    expect(twilio.find('POST', /^\/Calls\//)[0]?.path).toBe(`/Calls/${agent}.json`);
    expect(twilio.find('POST', /^\/Conferences\/CF[0-9a-f]+\.json$/)).toHaveLength(0);
    await deliverFollowing();
    expect(twilio.calls.get(lead)?.status).toBe('completed');
    expect(statuses().at(-1)).toBe('completed');
    expect(received.find((e) => e.providerEventId.endsWith(':conference-end'))).toMatchObject({ hangupBy: 'agent' });
  });

  it('cancels a lead still ringing', async () => {
    const req = leadFirst();
    const { providerCallId: lead } = await provider.dial(req);
    await deliver(twilio.progress(lead, 'ringing'));
    await provider.hangup({ callId: req.callId, providerCallId: lead });
    await deliverFollowing();
    expect(statuses()).toEqual(['ringing', 'canceled']);
  });
});

describe('supervising a lead_first call', () => {
  it('whispers to the bridged agent, never to the lead, and not before an agent is on', async () => {
    const { req, call } = await waitingLead();
    const manager = '+919800000009';
    await expect(provider.supervise?.(call, 'whisper', manager)).rejects.toMatchObject({ status: 409, retryable: false });
    await provider.bridge?.(call, { phone: AGENT });
    const agent = agentLeg(req.callId);
    await deliver(twilio.answer(agent));
    await provider.supervise?.(call, 'whisper', manager);
    expect(participantsPosted().at(-1)?.form?.get('CallSidToCoach')).toBe(agent);
    expect(twilio.participants.find((p) => p.label === `supervisor:${manager}`)).toMatchObject({ coaching: true, callSidToCoach: agent });
  });
});

describe('the stand-in refuses what Twilio refuses', () => {
  const post = (path: string, form: Record<string, string>, auth = `${twilio.accountSid}:${twilio.authToken}`) =>
    fetch(`${twilio.url}/2010-04-01/Accounts/${twilio.accountSid}${path}`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(auth).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  it('participants for a conference that is over, conference updates it does not know, and bad credentials', async () => {
    const { lead } = await waitingLead();
    const conferenceSid = twilio.participantOf(lead)?.conferenceSid ?? '';
    twilio.progress(lead, 'completed');
    const agent = { From: twilio.callerId, To: AGENT, Label: 'agent' };
    const late = await post(`/Conferences/${conferenceSid}/Participants.json`, agent);
    expect([late.status, (await late.json()).code]).toEqual([400, 16022]);
    const again = await post(`/Conferences/${conferenceSid}.json`, { Status: 'completed' });
    expect([again.status, (await again.json()).code]).toEqual([400, 16022]);
    const unknown = await post(`/Conferences/CF${'0'.repeat(32)}.json`, { Status: 'completed' });
    expect(unknown.status).toBe(404);
    const { lead: other } = await waitingLead();
    const live = twilio.participantOf(other)?.conferenceSid ?? '';
    expect((await post(`/Conferences/${live}.json`, { Status: 'in-progress' })).status).toBe(400);
    expect((await post(`/Conferences/${live}.json`, { Status: 'completed' }, `${twilio.accountSid}:wrong`)).status).toBe(401);
    expect((await post(`/Conferences/${live}/Participants.json`, { From: twilio.callerId, Label: 'agent' })).status).toBe(400);
    expect(twilio.calls.get(other)?.status).toBe('in-progress');
  });
});
