import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../telephony.port.js';
import { type SignedCallback, TwilioStandin } from './testing/twilio-standin.js';
import { createTwilioProvider, type TwilioProvider } from './twilio.provider.js';
import { twilioWebhookRoutes } from './twilio.webhooks.js';

/** Twilio's callbacks through the webhook routes, from the stand-in, signed as Twilio signs them. */
const PUBLIC = 'https://telehub.example.test';
const RECEIVED = new Date('2025-03-01T10:00:30.000Z');
let twilio: TwilioStandin;
let provider: TwilioProvider;

/** Ingestion as the engine does it, minus the database: stores each event id once. */
function recorder() {
  const stored = new Map<string, ProviderEvent>();
  const received: ProviderEvent[] = [];
  const ingest = async (event: ProviderEvent) => {
    received.push(event);
    const fresh = !stored.has(event.providerEventId);
    if (fresh) stored.set(event.providerEventId, event);
    return { stored: fresh, applied: fresh, callId: event.callId };
  };
  return { stored, received, ingest };
}

let rec: ReturnType<typeof recorder>;
let app: FastifyInstance;

async function buildApp(r: ReturnType<typeof recorder>) {
  const a = Fastify({ logger: false });
  await a.register(twilioWebhookRoutes, { authToken: twilio.authToken, publicBaseUrl: PUBLIC, ingest: r.ingest, provider, now: () => RECEIVED });
  await a.ready();
  return a;
}

const deliver = (cb: SignedCallback | null, to: FastifyInstance = app) => {
  if (!cb) throw new Error('the stand-in sent no callback for this step');
  return to.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
};

beforeAll(async () => {
  twilio = await new TwilioStandin({ publicBaseUrl: PUBLIC }).start();
  provider = createTwilioProvider({
    accountSid: twilio.accountSid,
    authToken: twilio.authToken,
    callerId: twilio.callerId,
    apiBaseUrl: twilio.url,
    publicBaseUrl: PUBLIC,
    baseBackoffMs: 5,
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
  rec = recorder();
  app = await buildApp(rec);
});
afterEach(async () => {
  await app.close();
});

let n = 0;
async function dialed(record = true) {
  const callId = `7c1d2e3f-0000-4000-8000-${String(++n).padStart(12, '0')}`;
  const { providerCallId } = await provider.dial({
    callId,
    mode: 'agent_first',
    agentPhone: '+919876500001',
    leadPhone: '+919812300002',
    record,
    ringTimeoutSeconds: 20,
    timeLimitSeconds: 600,
  });
  return { callId, agent: providerCallId };
}
/** Dialed, the agent answered (callback delivered), so the lead has been added. */
async function leadAdded() {
  const call = await dialed();
  expect((await deliver(twilio.answer(call.agent))).statusCode).toBe(200);
  const lead = twilio.participants.find((p) => p.label === 'lead' && twilio.conferences.get(p.conferenceSid)?.friendlyName === call.callId)?.callSid;
  if (!lead) throw new Error('the lead was not added');
  return { ...call, lead };
}
const at = (cb: SignedCallback | null) => new Date(Date.parse(cb?.params.Timestamp ?? ''));

describe('verification', () => {
  it('refuses forged, altered and unsigned callbacks with 403 and ingests nothing', async () => {
    const { callId, agent } = await dialed();
    const good = twilio.progress(agent, 'ringing');
    if (!good) throw new Error('no callback');
    const forged = {
      ...good,
      headers: { ...good.headers, 'x-twilio-signature': new TwilioStandin().signed(good.url, good.params).headers['x-twilio-signature'] ?? '' },
    };
    const alteredBody = { ...good, body: good.body.replace('CallStatus=ringing', 'CallStatus=completed') };
    const alteredQuery = { ...good, path: good.path.replace(callId, `${callId.slice(0, -1)}9`) };
    const unsigned = { ...good, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    for (const cb of [forged, alteredBody, alteredQuery, unsigned]) {
      const res = await deliver(cb);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'SIGNATURE_INVALID' });
    }
    expect(rec.received).toHaveLength(0);
    expect((await deliver(good)).statusCode).toBe(200);
    expect(rec.received).toHaveLength(1);
  });

  it('takes only form-encoded bodies', async () => {
    const res = await app.inject({ method: 'POST', url: '/webhooks/twilio/voice-status?callId=x&leg=lead', payload: { CallSid: 'CA1' } });
    expect(res.statusCode).toBe(415);
    expect(rec.received).toHaveLength(0);
  });

  it('answers 400 with a reason to a signed callback that is malformed', async () => {
    const base = `${PUBLIC}/webhooks/twilio/voice-status`;
    const ok = { CallSid: `CA${'a'.repeat(32)}`, CallStatus: 'ringing', Timestamp: 'Sat, 01 Mar 2025 10:00:01 +0000' };
    const cases: [string, Record<string, string>, string][] = [
      [`${base}?callId=c1&leg=agent&lead=%2B919812300002&ring=20&limit=600&record=1`, { CallStatus: 'ringing' }, 'CallSid is missing'],
      [`${base}?callId=c1&leg=lead&agent=CA${'b'.repeat(32)}`, { ...ok, CallStatus: 'ringing-ish' }, 'not a Twilio call status'],
      [`${base}?leg=lead&agent=CA${'b'.repeat(32)}`, ok, 'callId is missing'],
      [`${base}?callId=c1&leg=lead`, ok, "must name the agent's call"],
      [`${base}?callId=c1&leg=agent`, ok, 'dial plan'],
      [`${base}?callId=c1&leg=lead&agent=CA${'b'.repeat(32)}`, { ...ok, Timestamp: 'yesterday' }, 'RFC 2822'],
      [`${base}?callId=c1&leg=agent&mode=lead_first`, ok, "must name the lead's call"],
      [`${base}?callId=c1&leg=agent&mode=lead_first&leadCall=CA1`, ok, 'leadCall must be a call SID'],
      [`${base}?callId=c1&leg=lead&mode=sideways`, ok, 'mode must be agent_first or lead_first'],
      [
        `${PUBLIC}/webhooks/twilio/recording-status?callId=c1`,
        { RecordingSid: `RE${'c'.repeat(32)}`, RecordingStatus: 'completed' },
        'RecordingUrl is missing',
      ],
    ];
    for (const [url, params, reason] of cases) {
      const res = await deliver(twilio.signed(url, params));
      expect(res.statusCode, url).toBe(400);
      expect(res.json()).toMatchObject({ code: 'TWILIO_PAYLOAD_INVALID' });
      expect(res.json().message).toContain(reason);
    }
    expect(rec.received).toHaveLength(0);
  });

  it('answers 400 to a duration no call lasts, and to control characters, instead of storing them', async () => {
    const url = `${PUBLIC}/webhooks/twilio/voice-status?callId=c1&leg=lead&agent=CA${'b'.repeat(32)}`;
    const done = { CallSid: `CA${'a'.repeat(32)}`, CallStatus: 'completed', Timestamp: 'Sat, 01 Mar 2025 10:00:01 +0000' };
    for (const duration of ['99999999999999999999', '86401']) {
      const res = await deliver(twilio.signed(url, { ...done, CallDuration: duration }));
      expect(res.statusCode, duration).toBe(400);
      expect(res.json().message).toContain('CallDuration must be whole seconds from 0 to 86400');
    }
    const nul = await deliver(twilio.signed(url, { ...done, CallDuration: '42', RecordingUrl: 'https://api.twilio.com/rec\u0000' }));
    expect(nul.statusCode).toBe(400);
    expect(nul.json()).toMatchObject({ code: 'INVALID_CHARACTERS', message: expect.stringContaining('body.RecordingUrl') });
    expect(rec.received).toHaveLength(0);
    expect((await deliver(twilio.signed(url, { ...done, CallDuration: '86400' }))).statusCode).toBe(200);
  });
});

describe('a call, callback by callback', () => {
  it('normalizes each leg, dials the lead once when the agent answers, and acts once per event', async () => {
    const { callId, agent } = await dialed();
    const initiated = twilio.progress(agent, 'initiated');
    const res = await deliver(initiated);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expect(res.body).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect(rec.received[0]).toEqual({
      provider: 'twilio',
      providerEventId: `${agent}:initiated:0`,
      providerCallId: agent,
      callId,
      kind: 'status',
      status: 'dialing',
      occurredAt: at(initiated),
      raw: initiated?.params,
    });

    const answered = twilio.answer(agent);
    await deliver(answered);
    await deliver(answered);
    expect(rec.received.slice(-2).map((e) => [e.providerEventId, e.status])).toEqual([
      [`${agent}:in-progress:1`, 'dialing'],
      [`${agent}:in-progress:1`, 'dialing'],
    ]);
    const leads = twilio.participants.filter((p) => p.label === 'lead');
    const lead = leads.find((p) => twilio.conferences.get(p.conferenceSid)?.friendlyName === callId);
    expect(leads.filter((p) => p === lead)).toHaveLength(1);
    expect(twilio.find('POST', new RegExp(`/Conferences/${callId}/Participants\\.json$`))).toHaveLength(1);
    const leadSid = lead?.callSid ?? '';

    await deliver(twilio.progress(leadSid, 'initiated'));
    const ringing = twilio.progress(leadSid, 'ringing');
    await deliver(ringing);
    const inProgress = twilio.answer(leadSid);
    await deliver(inProgress);
    const completed = twilio.progress(leadSid, 'completed');
    await deliver(completed);
    const leadEvents = rec.received.filter((e) => e.providerEventId.startsWith(leadSid));
    expect(leadEvents.map((e) => [e.providerEventId, e.status])).toEqual([
      [`${leadSid}:initiated:0`, 'dialing'],
      [`${leadSid}:ringing:1`, 'ringing'],
      [`${leadSid}:in-progress:2`, 'in_progress'],
      [`${leadSid}:completed:3`, 'completed'],
    ]);
    expect(leadEvents[2]).toEqual({
      provider: 'twilio',
      providerEventId: `${leadSid}:in-progress:2`,
      providerCallId: agent,
      callId,
      kind: 'status',
      status: 'in_progress',
      occurredAt: at(inProgress),
      answeredAt: at(inProgress),
      raw: inProgress?.params,
    });
    const talk = (at(completed).getTime() - at(inProgress).getTime()) / 1000;
    expect(leadEvents[3]).toMatchObject({ status: 'completed', endedAt: at(completed), durationSeconds: talk, providerCallId: agent });
    // The lead hanging up ended the conference, which took the agent with it.
    expect(twilio.calls.get(agent)?.status).toBe('completed');

    await deliver(twilio.conferenceEndCallback(callId, { label: 'lead', callSid: leadSid }));
    const end = rec.received.at(-1);
    expect(end).toMatchObject({ kind: 'status', status: 'completed', hangupBy: 'lead', callId, providerCallId: null });
    expect(end?.endedAt).toEqual(end?.occurredAt);

    const recording = twilio.recordingCallback(leadSid, 'completed');
    await deliver(recording);
    expect(rec.received.at(-1)).toEqual({
      provider: 'twilio',
      providerEventId: `${recording?.params.RecordingSid}:completed`,
      providerCallId: agent,
      callId,
      kind: 'recording',
      occurredAt: RECEIVED,
      recordingStatus: 'completed',
      recordingUrl: recording?.params.RecordingUrl,
      raw: recording?.params,
    });

    await deliver(twilio.progress(agent, 'completed'));
    expect(rec.received.at(-1)).toMatchObject({ providerEventId: `${agent}:completed:2`, providerCallId: agent });
    expect(rec.received.at(-1)?.status).toBeUndefined();
  });

  it('ends the call with the agent leg’s status when the agent never answers, and dials no lead', async () => {
    const { agent } = await dialed();
    await deliver(twilio.progress(agent, 'busy'));
    expect(rec.received.at(-1)).toMatchObject({ status: 'busy' });
    const { agent: other } = await dialed();
    await deliver(twilio.progress(other, 'no-answer'));
    expect(rec.received.at(-1)).toMatchObject({ status: 'no_answer' });
    expect(twilio.find('POST', /Participants\.json$/)).toHaveLength(0);
  });

  it('rings no lead for a call the engine does not know', async () => {
    const a = Fastify({ logger: false });
    const ingest = async (e: ProviderEvent) => ({ stored: true, applied: false, callId: null as string | null, seen: e });
    await a.register(twilioWebhookRoutes, { authToken: twilio.authToken, publicBaseUrl: PUBLIC, ingest, provider });
    try {
      const { agent } = await dialed();
      expect((await deliver(twilio.answer(agent), a)).statusCode).toBe(200);
      expect(twilio.find('POST', /Participants\.json$/)).toHaveLength(0);
    } finally {
      await a.close();
    }
  });

  it('names the system as the side that hung up when the conference was ended through the API', async () => {
    const { callId } = await leadAdded();
    await deliver(twilio.conferenceEndCallback(callId, 'api'));
    expect(rec.received.at(-1)).toMatchObject({ kind: 'status', hangupBy: 'system', callId });
    // Who else was there is unknown: the status is left to the lead's own leg.
    expect(rec.received.at(-1)?.status).toBeUndefined();
    expect(rec.received.at(-1)?.providerEventId).toMatch(/^CF[0-9a-f]{32}:conference-end$/);
  });

  it('lets the agent go when the lead does not answer', async () => {
    const { agent, lead } = await leadAdded();
    await deliver(twilio.progress(lead, 'ringing'));
    expect(twilio.calls.get(agent)?.status).toBe('in-progress');
    await deliver(twilio.progress(lead, 'no-answer'));
    expect(rec.received.at(-1)).toMatchObject({ status: 'no_answer', providerCallId: agent });
    expect(twilio.calls.get(agent)?.status).toBe('completed');
  });

  it('drops a lead who answers after the agent has gone', async () => {
    const { agent, lead } = await leadAdded();
    await deliver(twilio.progress(agent, 'completed'));
    await deliver(twilio.answer(lead));
    expect(rec.received.at(-1)).toMatchObject({ status: 'in_progress' });
    expect(twilio.calls.get(lead)?.status).toBe('completed');
  });

  it('fails the call and frees the agent when Twilio will not dial the lead', async () => {
    const { callId, agent } = await dialed();
    twilio.faults = [
      {
        path: /Participants\.json$/,
        kind: 'status',
        status: 400,
        body: { code: 21215, message: 'Geo Permission configuration is not permitting call', status: 400 },
      },
    ];
    const res = await deliver(twilio.answer(agent));
    expect(res.statusCode).toBe(200);
    expect(rec.received.at(-1)).toMatchObject({
      providerEventId: `${agent}:lead-dial-failed`,
      providerCallId: agent,
      callId,
      kind: 'status',
      status: 'failed',
      hangupBy: 'system',
      occurredAt: RECEIVED,
    });
    expect(String(rec.received.at(-1)?.raw.error)).toContain('Geo Permission');
    expect(twilio.calls.get(agent)?.status).toBe('completed');
  });
});

describe('chaos', () => {
  /** Fisher-Yates with a seeded generator, so a failing order can be replayed. */
  function shuffle<T>(items: T[], seed: number): T[] {
    const out = [...items];
    let s = seed;
    for (let i = out.length - 1; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2147483648;
      const j = s % (i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  it('gives the same distinct events whatever the order and however often each callback comes', async () => {
    const { lead } = await leadAdded();
    const sequence = [
      twilio.progress(lead, 'initiated'),
      twilio.progress(lead, 'ringing'),
      twilio.answer(lead),
      twilio.progress(lead, 'completed'),
      twilio.recordingCallback(lead, 'completed'),
    ].filter((cb): cb is SignedCallback => cb !== null);
    expect(sequence).toHaveLength(5);

    const runs: Map<string, ProviderEvent>[] = [];
    for (let seed = 0; seed < 12; seed++) {
      const r = recorder();
      const a = await buildApp(r);
      try {
        const deliveries = seed === 0 ? sequence : shuffle([...sequence, ...sequence.filter((_, i) => (i + seed) % 2 === 0), ...sequence], seed + 1);
        for (const cb of deliveries) expect((await deliver(cb, a)).statusCode).toBe(200);
        expect(r.received.length).toBe(deliveries.length);
      } finally {
        await a.close();
      }
      runs.push(r.stored);
    }
    const ids = [...(runs[0]?.keys() ?? [])].sort();
    expect(ids).toHaveLength(5);
    for (const run of runs) {
      expect([...run.keys()].sort()).toEqual(ids);
      for (const id of ids) expect(run.get(id)).toEqual(runs[0]?.get(id));
    }
  });
});
