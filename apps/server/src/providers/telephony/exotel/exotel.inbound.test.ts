/**
 * Incoming calls on Exotel: the routes the ExoPhone's flow calls, on a small Fastify app with a
 * recording InboundHooks and an ingest that keeps the first copy of each event id, played
 * through the stand-in taking Exotel's part.
 */

import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/process.js';
import type { InboundHooks, IncomingAnswer, IncomingCall, ProviderEvent } from '../telephony.port.js';
import { exotelFlowUrls } from './exotel.inbound.js';
import { createExotelProvider, EXOTEL_SUPERVISION_UNAVAILABLE } from './exotel.provider.js';
import { EXOTEL_UNAVAILABLE_MESSAGE, type ExotelWebhookOptions, exotelWebhookRoutes } from './exotel.webhooks.js';
import { AGENT_PICKS_UP_AFTER_S, connectAnswerProblems, type InboundFlow } from './testing/exotel-inbound-standin.js';
import { ExotelStandin } from './testing/exotel-standin.js';

const TOKEN = 'hook-secret-0123456789';
const PUBLIC = 'https://telehub.example.test';
/** 14:45:30 IST on the stand-in's clock. */
const T0 = new Date('2026-03-02T09:15:30.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const CALLER = '+919876543210';
const AGENTS = ['+919812345601', '+919812345602', '+919812345603'];

const ring = (over: Partial<IncomingAnswer> = {}): IncomingAnswer => ({
  callId: 'c0ffee00-0000-4000-8000-000000000001',
  language: 'en',
  action: 'ring',
  message: 'Thank you for calling Acme. This call may be recorded.',
  phones: AGENTS,
  ringSeconds: 20,
  record: true,
  ...over,
});

/** InboundHooks that answer what the test says and keep what they were told. */
function recordingHooks(answer: (call: IncomingCall) => Promise<IncomingAnswer> = async () => ring()) {
  const arrived: IncomingCall[] = [];
  const connected: { providerCallId: string; agentPhone: string; at: Date }[] = [];
  const hooks: InboundHooks = {
    async arrive(call) {
      arrived.push(call);
      return answer(call);
    },
    async waiting() {
      return null;
    },
    async connected(providerCallId, agentPhone, when) {
      connected.push({ providerCallId, agentPhone, at: when });
    },
  };
  return { hooks, arrived, connected };
}

function recorder() {
  const kept = new Map<string, ProviderEvent>();
  const received: ProviderEvent[] = [];
  let failing = false;
  const ingest = async (event: ProviderEvent) => {
    if (failing) throw new Error('database unavailable');
    received.push(event);
    const stored = !kept.has(event.providerEventId);
    if (stored) kept.set(event.providerEventId, event);
    return { stored, applied: stored, callId: null };
  };
  return { kept, received, ingest, fail: (v: boolean) => (failing = v) };
}

let rec: ReturnType<typeof recorder>;
let standin: ExotelStandin;
let apps: FastifyInstance[] = [];

beforeEach(async () => {
  rec = recorder();
  standin = await new ExotelStandin().start();
  standin.now = () => T0;
});
afterEach(async () => {
  await Promise.all(apps.map((a) => a.close()));
  apps = [];
  await standin.stop();
});

/**
 * The routes on a listening app, and the flow as App Bazaar would hold it for that address. With
 * `dialEvents` the app knows its public address, so its Connect answers carry dial_passthru_event_url.
 */
async function server(over: Partial<ExotelWebhookOptions> = {}, dialEvents = false) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(exotelWebhookRoutes, {
    webhookToken: TOKEN,
    timeZone: 'Asia/Kolkata',
    ingest: (e) => rec.ingest(e),
    clock: { now: () => T0 },
    publicBaseUrl: dialEvents ? base : undefined,
    ...over,
  });
  apps.push(app);
  await app.listen({ port, host: '127.0.0.1' });
  const urls = exotelFlowUrls(base, TOKEN);
  const flow: InboundFlow = { connectUrl: urls.connect, passthruUrl: urls.passthru, greetingUrl: urls.greeting };
  return { app, base, flow };
}

const query = (q: Record<string, string>) => new URLSearchParams(q).toString();
const connectQuery = (sid = 'a1b2c3d4e5f60718293a4b5c6d7e8f90') =>
  query({ CallSid: sid, CallFrom: '09876543210', CallTo: '08047091234', Direction: 'incoming', StartTime: '2026-03-02 14:45:30' });

describe('Exotel inbound: who may call', () => {
  it('answers a wrong token like a missing route on every inbound URL, and asks TeleHub nothing', async () => {
    const h = recordingHooks();
    const { app } = await server({ inbound: h.hooks });
    for (const path of ['incoming', 'passthru', 'greeting']) {
      for (const token of ['wrong', `${TOKEN.slice(0, -1)}x`, `${TOKEN}0`, '']) {
        const url = `/webhooks/exotel/${path}/${token}`;
        for (const method of ['GET', 'HEAD'] as const) {
          const res = await app.inject({ method, url: `${url}?${connectQuery()}&CallType=completed&DialWhomNumber=09812345601` });
          expect(res.statusCode, `${method} ${url}`).toBe(404);
          if (method === 'GET') expect(res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route GET ${url}` });
        }
      }
    }
    expect(h.arrived).toEqual([]);
    expect(h.connected).toEqual([]);
    expect(rec.received).toEqual([]);
  });
});

describe('Exotel inbound: the Connect applet answer', () => {
  it('rings the phones in TeleHub order, one at a time, with the greeting, the recording and the dial report', async () => {
    const h = recordingHooks();
    const { flow, base } = await server({ inbound: h.hooks }, true);
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'no-answer' }, reports: 'applet' });

    expect(run.connect.problems).toEqual([]);
    expect(run.connect.body).toEqual({
      fetch_after_attempt: false,
      destination: { numbers: AGENTS },
      record: true,
      recording_channels: 'dual',
      max_ringing_duration: 20,
      max_conversation_duration: 3600,
      music_on_hold: { type: 'operator_tone' },
      start_call_playback: { playback_to: 'both', type: 'text', value: 'Thank you for calling Acme. This call may be recorded.' },
      parallel_ringing: { activate: false, max_parallel_attempts: 1 },
      dial_passthru_event_url: `${base}/webhooks/exotel/passthru/${TOKEN}`,
    });
    expect(run.rung.map((r) => r.number)).toEqual(AGENTS);
    expect(run.rung.map((r) => r.seconds)).toEqual([20, 20, 20]);

    // What TeleHub was told of the call: Exotel's sid, the caller and our number as Exotel wrote them.
    expect(h.arrived).toHaveLength(1);
    expect(h.arrived[0]).toMatchObject({ provider: 'exotel', providerCallId: run.callSid, from: '09876543210', to: '08047091234', occurredAt: T0 });
    expect(h.arrived[0]?.raw).toMatchObject({ CallSid: run.callSid, Direction: 'incoming' });
  });

  it('leaves the recording off, keeps E.164 phones only once, and says nothing when TeleHub has no greeting', async () => {
    const h = recordingHooks(async () =>
      ring({ record: false, message: '  ', ringSeconds: 90, phones: ['+91 98123 45601', '09812345602', '+919812345601', '+919812345603'] }),
    );
    const { flow } = await server({ inbound: h.hooks });
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'no-answer' } });
    expect(run.connect.problems).toEqual([]);
    expect(run.connect.body).toEqual({
      fetch_after_attempt: false,
      destination: { numbers: ['+919812345601', '+919812345603'] },
      record: false,
      max_ringing_duration: 60,
      max_conversation_duration: 3600,
      music_on_hold: { type: 'operator_tone' },
      parallel_ringing: { activate: false, max_parallel_attempts: 1 },
    });
  });

  it('a closed line dials nobody and its Greeting speaks the message; the call ends with no agent', async () => {
    const h = recordingHooks(async () => ring({ action: 'closed', phones: [], message: 'We are closed. We open at 9 in the morning.' }));
    const { flow } = await server({ inbound: h.hooks });
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'no-answer' } });

    expect(run.connect).toMatchObject({ status: 200, body: { fetch_after_attempt: false, destination: { numbers: [] } }, problems: [] });
    expect(run.connect.contentType).toBe('application/json');
    expect(run.branch).toBe('not-dialed');
    expect(run.greeting).toBe('We are closed. We open at 9 in the morning.');
    expect(h.connected).toEqual([]);
    expect(rec.received).toEqual([
      expect.objectContaining({ providerEventId: `${run.callSid}:answered`, providerCallId: run.callSid, callId: null, status: 'in_progress', answeredAt: T0 }),
      expect.objectContaining({
        providerEventId: `${run.callSid}:terminal`,
        providerCallId: run.callSid,
        callId: null,
        status: 'completed',
        hangupBy: 'system',
        endedAt: at(5),
        durationSeconds: 5,
      }),
    ]);
  });

  it('without inbound routing, or when arrive() fails or is too slow, dials nobody and answers 200 all the same', async () => {
    const cases: [string, Partial<ExotelWebhookOptions>][] = [
      ['no hooks', {}],
      ['arrive() throws', { inbound: recordingHooks(async () => Promise.reject(new Error('database unavailable'))).hooks }],
      ['arrive() too slow', { inbound: recordingHooks(() => new Promise((resolve) => setTimeout(() => resolve(ring()), 500))).hooks, arriveTimeoutMs: 50 }],
      ['arrive() answers queue', { inbound: recordingHooks(async () => ring({ action: 'queue' })).hooks }],
      ['no phone in E.164', { inbound: recordingHooks(async () => ring({ phones: ['98123 45601', 'sip:agent'] })).hooks }],
    ];
    for (const [name, over] of cases) {
      const { flow } = await server(over);
      const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'no-answer' } });
      expect(run.connect, name).toMatchObject({ status: 200, body: { fetch_after_attempt: false, destination: { numbers: [] } }, problems: [] });
      expect(run.branch, name).toBe('not-dialed');
      expect(run.greeting, name).toBe(name === 'arrive() answers queue' || name === 'no phone in E.164' ? ring().message : EXOTEL_UNAVAILABLE_MESSAGE);
    }
  });

  it('dials nobody for a request it cannot read, and answers HEAD without routing a call', async () => {
    const h = recordingHooks();
    const { app } = await server({ inbound: h.hooks });
    const path = `/webhooks/exotel/incoming/${TOKEN}`;
    for (const q of [
      query({ CallFrom: '09876543210', CallTo: '08047091234' }),
      `${connectQuery()}&Direction=outbound-dial`,
      query({ CallSid: 'x1', CallTo: '0804' }),
    ]) {
      const res = await app.inject({ method: 'GET', url: `${path}?${q}` });
      expect(res.statusCode).toBe(200);
      expect(connectAnswerProblems(res.statusCode, String(res.headers['content-type']), res.json())).toEqual([]);
      expect(res.json()).toEqual({ fetch_after_attempt: false, destination: { numbers: [] } });
    }
    const head = await app.inject({ method: 'HEAD', url: `${path}?${connectQuery()}` });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-type']).toBe('application/json');
    const greeting = await app.inject({ method: 'HEAD', url: `/webhooks/exotel/greeting/${TOKEN}?CallSid=x` });
    expect(greeting.headers['content-type']).toBe('text/plain');
    expect(h.arrived).toEqual([]);
  });
});

describe('Exotel inbound: who answered, and how the call ended', () => {
  it("an agent answers: connected with the agent Exotel dialed, and the caller's call as status events", async () => {
    const h = recordingHooks();
    const { flow } = await server({ inbound: h.hooks });
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'answered', by: 1, talkSeconds: 95 } });

    expect(run.branch).toBe('conversation-ended');
    expect(run.rung).toEqual([
      { number: AGENTS[0], seconds: 20, answered: false },
      { number: AGENTS[1], seconds: AGENT_PICKS_UP_AFTER_S, answered: true },
    ]);
    expect(run.played).toEqual({ to: 'both', type: 'text', value: ring().message });
    expect(run.reports.map((r) => r.status)).toEqual([200]);

    const ended = at(20 + AGENT_PICKS_UP_AFTER_S + 95);
    // Exotel counts DialCallDuration from the moment it dialed the answering phone.
    expect(h.connected).toEqual([{ providerCallId: run.callSid, agentPhone: '09812345602', at: at(20) }]);
    const content = rec.received.map(({ raw, ...rest }) => rest);
    expect(content).toEqual([
      {
        provider: 'exotel',
        providerEventId: `${run.callSid}:answered`,
        providerCallId: run.callSid,
        callId: null,
        kind: 'status',
        status: 'in_progress',
        occurredAt: T0,
        answeredAt: T0,
      },
      {
        provider: 'exotel',
        providerEventId: `${run.callSid}:terminal`,
        providerCallId: run.callSid,
        callId: null,
        kind: 'status',
        status: 'completed',
        occurredAt: ended,
        endedAt: ended,
        answeredAt: T0,
        durationSeconds: 20 + AGENT_PICKS_UP_AFTER_S + 95,
        recordingUrl: `${standin.storagePrefix}${standin.accountSid}/${run.callSid}.mp3`,
        recordingStatus: 'completed',
      },
    ]);
    expect(rec.received[0]?.raw).toMatchObject({ CallSid: run.callSid, CallType: 'completed', DialWhomNumber: '09812345602' });
  });

  it('nobody answers: every phone rings out and the call ends completed by the system, with no agent', async () => {
    const h = recordingHooks();
    const { flow } = await server({ inbound: h.hooks });
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'no-answer' } });
    expect(run.branch).toBe('nobody-answered');
    expect(h.connected).toEqual([]);
    expect(rec.received.map(({ raw, ...rest }) => rest)).toEqual([
      expect.objectContaining({ providerEventId: `${run.callSid}:answered`, status: 'in_progress', answeredAt: T0 }),
      {
        provider: 'exotel',
        providerEventId: `${run.callSid}:terminal`,
        providerCallId: run.callSid,
        callId: null,
        kind: 'status',
        status: 'completed',
        occurredAt: at(60),
        endedAt: at(60),
        answeredAt: T0,
        durationSeconds: 60,
        hangupBy: 'system',
      },
    ]);
  });

  it('the caller hangs up while the phones ring: completed, hung up by the caller, no agent', async () => {
    const h = recordingHooks();
    const { flow } = await server({ inbound: h.hooks });
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'caller-hangup', afterSeconds: 27 } });
    expect(run.rung).toEqual([
      { number: AGENTS[0], seconds: 20, answered: false },
      { number: AGENTS[1], seconds: 7, answered: false },
    ]);
    expect(h.connected).toEqual([]);
    expect(rec.received.at(-1)).toMatchObject({ status: 'completed', hangupBy: 'lead', endedAt: at(27), durationSeconds: 27 });
    expect(rec.received.at(-1)?.recordingUrl).toBeUndefined();
  });

  it('the applet and the dial report both come: the same events, stored once', async () => {
    const h = recordingHooks();
    const { flow } = await server({ inbound: h.hooks }, true);
    const run = await standin.inboundCall(flow, { from: CALLER, outcome: { kind: 'answered', talkSeconds: 40 }, reports: 'both' });
    expect(run.reports.map((r) => r.url.includes('/passthru/'))).toEqual([true, true]);
    expect(rec.received.map((e) => e.providerEventId)).toEqual([
      `${run.callSid}:answered`,
      `${run.callSid}:terminal`,
      `${run.callSid}:answered`,
      `${run.callSid}:terminal`,
    ]);
    expect([...rec.kept.keys()]).toEqual([`${run.callSid}:answered`, `${run.callSid}:terminal`]);
    expect(rec.received[2] && { ...rec.received[2], raw: null }).toEqual(rec.received[0] && { ...rec.received[0], raw: null });
    // connected() hears it each time, with the same agent and time: it must take a repeat calmly.
    expect(h.connected).toHaveLength(2);
    expect(h.connected[1]).toEqual(h.connected[0]);
  });

  it('reads DialCallStatus where Exotel sends it: a phone picked up is reported at once, while the call goes on', async () => {
    const h = recordingHooks();
    const { app } = await server({ inbound: h.hooks });
    const path = `/webhooks/exotel/passthru/${TOKEN}`;
    const live = await app.inject({
      method: 'GET',
      url: `${path}?${query({ CallSid: 'sid1', DialCallStatus: 'in-progress', DialWhomNumber: '+919812345601', CurrentTime: '2026-03-02 14:46:00' })}`,
    });
    expect(live.json()).toEqual({ ok: true, events: 0, stored: 0, connected: true });
    expect(h.connected).toEqual([{ providerCallId: 'sid1', agentPhone: '+919812345601', at: at(30) }]);

    const end = { CurrentTime: '2026-03-02 14:47:30', StartTime: '2026-03-02 14:45:30' };
    // [query, the end reported, whom connected() was told of, and when]
    const cases: [Record<string, string>, Partial<ProviderEvent>, { agentPhone: string; at: Date } | null][] = [
      [{ DialCallStatus: 'busy', CallType: 'incomplete' }, { status: 'completed', hangupBy: 'system', durationSeconds: 120 }, null],
      [{ DialCallStatus: 'no-answer', CallType: 'client-hangup' }, { status: 'completed', hangupBy: 'lead' }, null],
      [{ DialCallStatus: 'completed', ConversationDuration: '61', DialCallDuration: '70' }, { status: 'completed' }, { agentPhone: '09812345601', at: at(59) }],
      [
        { CallType: 'client-hangup', RecordingUrl: 'https://recordings.exotel.com/x.mp3', DialCallDuration: '30' },
        { status: 'completed', hangupBy: 'lead', recordingUrl: 'https://recordings.exotel.com/x.mp3' },
        { agentPhone: '09812345601', at: at(90) },
      ],
      [{ CallType: 'voicemail' }, { status: 'completed', hangupBy: 'system' }, null],
    ];
    for (const [i, [extra, expected, agent]] of cases.entries()) {
      h.connected.length = 0;
      const res = await app.inject({ method: 'GET', url: `${path}?${query({ CallSid: `case${i}`, DialWhomNumber: '09812345601', ...end, ...extra })}` });
      expect(res.statusCode, JSON.stringify(extra)).toBe(200);
      expect(rec.received.at(-1), JSON.stringify(extra)).toMatchObject({ providerEventId: `case${i}:terminal`, endedAt: at(120), ...expected });
      expect(rec.received.at(-1)?.hangupBy, JSON.stringify(extra)).toBe(expected.hangupBy);
      expect(h.connected, JSON.stringify(extra)).toEqual(agent ? [{ providerCallId: `case${i}`, ...agent }] : []);
    }
  });

  it('refuses a passthru it cannot read with 400 naming the field, and answers 5xx when ingestion fails', async () => {
    const h = recordingHooks();
    const { app } = await server({ inbound: h.hooks });
    const path = `/webhooks/exotel/passthru/${TOKEN}`;
    const cases: [Record<string, string>, string][] = [
      [{ CallType: 'completed' }, 'CallSid'],
      [{ CallSid: 's1' }, 'CallType'],
      [{ CallSid: 's1', CallType: 'sometimes' }, 'CallType'],
      [{ CallSid: 's1', CallType: 'completed', DialCallDuration: 'long' }, 'DialCallDuration'],
      [{ CallSid: 's1', CallType: 'completed', CurrentTime: '02/03/2026' }, 'CurrentTime'],
      [{ CallSid: 's1', CallType: 'completed', RecordingUrl: 'file:///etc/passwd' }, 'RecordingUrl'],
    ];
    for (const [q, field] of cases) {
      const res = await app.inject({ method: 'GET', url: `${path}?${query(q)}` });
      expect(res.statusCode, field).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: field }] });
    }
    expect(rec.received).toEqual([]);
    expect(h.connected).toEqual([]);

    rec.fail(true);
    const failed = await app.inject({ method: 'GET', url: `${path}?${query({ CallSid: 's2', CallType: 'incomplete' })}` });
    expect(failed.statusCode).toBe(500);
  });
});

describe('Exotel provider: inbound and supervision', () => {
  it('rings numbers for inbound calls, and says why there is no supervision', () => {
    const p = createExotelProvider({
      accountSid: standin.accountSid,
      apiKey: standin.apiKey,
      apiToken: standin.apiToken,
      callerId: standin.callerId,
      apiBaseUrl: standin.url,
      publicBaseUrl: PUBLIC,
      webhookToken: TOKEN,
      recordingSources: [],
    });
    expect(p.inbound).toBe('numbers');
    expect(p.supervision).toEqual([]);
    expect(p.supervise).toBeUndefined();
    expect(EXOTEL_SUPERVISION_UNAVAILABLE).toMatch(/^[A-Z].*Exotel.*\.$/);
    expect(exotelFlowUrls(`${PUBLIC}/`, TOKEN)).toEqual({
      connect: `${PUBLIC}/webhooks/exotel/incoming/${TOKEN}`,
      passthru: `${PUBLIC}/webhooks/exotel/passthru/${TOKEN}`,
      greeting: `${PUBLIC}/webhooks/exotel/greeting/${TOKEN}`,
    });
  });
});
