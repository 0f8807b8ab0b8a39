/**
 * Exotel's status callback route on a small Fastify app, with an ingest that keeps the first
 * copy of each event id the way the engine's store does.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProviderEvent } from '../telephony.port.js';
import { createExotelProvider } from './exotel.provider.js';
import { exotelWebhookRoutes } from './exotel.webhooks.js';
import { ExotelStandin } from './testing/exotel-standin.js';

const TOKEN = 'hook-secret-0123456789';
const CALL_ID = '5b0c8a3e-2f6d-4c1a-9e7b-0d4f3a2b1c9e';
const T0 = new Date('2026-03-02T09:15:30.000Z');
const PATH = `/webhooks/exotel/status/${TOKEN}`;

function recorder() {
  const kept = new Map<string, ProviderEvent>();
  const received: ProviderEvent[] = [];
  let failing = false;
  const ingest = async (event: ProviderEvent) => {
    if (failing) throw new Error('database unavailable');
    received.push(event);
    const stored = !kept.has(event.providerEventId);
    if (stored) kept.set(event.providerEventId, event);
    return { stored, applied: stored, callId: event.callId };
  };
  return { kept, received, ingest, fail: (v: boolean) => (failing = v) };
}

/** An event as the engine applies it: everything but the raw payload. */
const content = ({ raw, ...rest }: ProviderEvent) => rest;

let rec: ReturnType<typeof recorder>;
let app: FastifyInstance;
let standin: ExotelStandin;

beforeEach(async () => {
  rec = recorder();
  const fastify = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
  fastify.setValidatorCompiler(validatorCompiler);
  fastify.setSerializerCompiler(serializerCompiler);
  // Through `rec`, so a test can start a fresh record on the same app.
  await fastify.register(exotelWebhookRoutes, { webhookToken: TOKEN, timeZone: 'Asia/Kolkata', ingest: (e) => rec.ingest(e) });
  app = fastify;
  standin = await new ExotelStandin().start();
  standin.now = () => T0;
});
afterEach(async () => {
  await app.close();
  await standin.stop();
});

const exotel = () =>
  createExotelProvider({
    accountSid: standin.accountSid,
    apiKey: standin.apiKey,
    apiToken: standin.apiToken,
    callerId: standin.callerId,
    apiBaseUrl: standin.url,
    publicBaseUrl: standin.publicBaseUrl,
    webhookToken: TOKEN,
    recordingSources: [],
    backoffMs: 5,
  });

async function finishedCall(talkSeconds = 95): Promise<string> {
  const { providerCallId } = await exotel().dial({
    callId: CALL_ID,
    mode: 'agent_first',
    agentPhone: '+919812345601',
    leadPhone: '+919876543210',
    record: true,
    ringTimeoutSeconds: 30,
    timeLimitSeconds: 3600,
  });
  standin.finish(providerCallId, talkSeconds > 0 ? { kind: 'completed', talkSeconds } : { kind: 'lead-no-answer' });
  return providerCallId;
}

const postJson = (body: unknown, path = PATH) => app.inject({ method: 'POST', url: path, payload: body as Record<string, unknown> });
const postForm = (body: string, path = PATH) =>
  app.inject({ method: 'POST', url: path, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body });
const legs = (...l: [string, number][]) => l.map(([Status, OnCallDuration]) => ({ Status, OnCallDuration, AnsweredBy: 'NA' }));

describe('Exotel status callbacks: who may call', () => {
  it('answers a wrong token like a missing route and ingests nothing, whatever the body', async () => {
    const sid = await finishedCall();
    for (const token of ['wrong', `${TOKEN.slice(0, -1)}x`, `${TOKEN}0`, '']) {
      const path = `/webhooks/exotel/status/${token}`;
      const res = await postJson(standin.callbackBody(sid, 'terminal'), path);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route POST ${path}` });
    }
    const garbled = await app.inject({
      method: 'POST',
      url: '/webhooks/exotel/status/wrong',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(garbled.statusCode).toBe(404);
    expect(rec.received).toEqual([]);
  });
});

describe('Exotel status callbacks: reading them', () => {
  it('takes the JSON callback Exotel sends and the same callback as a form', async () => {
    const sid = await finishedCall();
    const json = await postJson(standin.callbackBody(sid, 'terminal'));
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual({ ok: true, events: 1, stored: 1 });
    const server = await app.listen({ port: 0, host: '127.0.0.1' });
    expect(await standin.deliver(sid, 'terminal', server, 'form')).toMatchObject({ status: 200 });
    const [fromJson, fromForm] = rec.received;
    expect(fromJson && content(fromJson)).toMatchObject({
      providerEventId: `${sid}:terminal`,
      providerCallId: sid,
      callId: CALL_ID,
      status: 'completed',
      answeredAt: T0,
      endedAt: new Date(T0.getTime() + 105_000),
      durationSeconds: 95,
      recordingUrl: standin.recordingUrl(standin.call(sid)),
    });
    expect(fromForm && content(fromForm)).toEqual(fromJson && content(fromJson));
    expect(fromForm?.raw.Legs).toBeTypeOf('string');
  });

  it('reads bracketed form fields, numbers sent as text, and the bare callback of older accounts', async () => {
    const sid = await finishedCall(0);
    const form = new URLSearchParams({
      CallSid: sid,
      EventType: 'terminal',
      Status: 'no-answer',
      DateUpdated: '2026-03-02 14:46:10',
      EndTime: '2026-03-02 14:46:10',
      ConversationDuration: '0',
      CustomField: CALL_ID,
      'Legs[0][Status]': 'completed',
      'Legs[0][OnCallDuration]': '30',
      'Legs[1][Status]': 'no-answer',
      'Legs[1][OnCallDuration]': '0',
    });
    expect((await postForm(form.toString())).statusCode).toBe(200);
    expect(rec.received[0]).toMatchObject({ status: 'no_answer', durationSeconds: 0, endedAt: new Date('2026-03-02T09:16:10.000Z') });

    const legacy = await postJson(standin.callbackBody(sid, 'legacy'));
    expect(legacy.json()).toEqual({ ok: true, events: 1, stored: 0 });
    expect(rec.received[1]).toMatchObject({ providerEventId: `${sid}:terminal`, callId: null, providerCallId: sid, status: 'no_answer' });
  });

  it('maps the legs to who did not answer', async () => {
    const base = { EventType: 'terminal', DateUpdated: '2026-03-02 14:47:00', CustomField: CALL_ID };
    const cases: [Record<string, unknown>, Partial<ProviderEvent>][] = [
      // Exotel says completed when the agent's leg completed; nobody talked to the lead.
      [{ Status: 'completed', ConversationDuration: 0 }, { status: 'no_answer' }],
      [{ Status: 'completed', ConversationDuration: '0', Legs: legs(['completed', 20], ['no-answer', 0]) }, { status: 'no_answer' }],
      [
        { Status: 'no-answer', Legs: legs(['no-answer', 0]) },
        { status: 'failed', hangupBy: 'agent' },
      ],
      [
        { Status: 'busy', Legs: legs(['busy', 0]) },
        { status: 'failed', hangupBy: 'agent' },
      ],
      [
        { Status: 'completed', Legs: legs(['completed', 12], ['canceled', 0]) },
        { status: 'canceled', hangupBy: 'agent' },
      ],
      [
        { Status: 'failed', ConversationDuration: 40, Legs: legs(['completed', 50], ['completed', 40]) },
        { status: 'completed', durationSeconds: 40 },
      ],
      [{ Status: 'No Answer' }, { status: 'no_answer' }],
      [{ Status: 'busy' }, { status: 'busy' }],
    ];
    for (const [i, [body, expected]] of cases.entries()) {
      const res = await postJson({ ...base, ...body, CallSid: `case${i}` });
      expect(res.statusCode, JSON.stringify(body)).toBe(200);
      expect(rec.received.at(-1), JSON.stringify(body)).toMatchObject(expected);
      if (expected.status !== 'failed') expect(rec.received.at(-1)?.hangupBy ?? null).toBe(expected.hangupBy ?? null);
    }
  });

  it('acknowledges event types it does not use, without ingesting them', async () => {
    const res = await postJson({ CallSid: 'abc', EventType: 'transferred', Status: 'whatever' });
    expect(res.json()).toEqual({ ok: true, events: 0, stored: 0 });
    expect(rec.received).toEqual([]);
  });

  it('refuses a malformed callback with 400 naming the field, and ingests nothing', async () => {
    const ok = { CallSid: 'abc', EventType: 'terminal', Status: 'completed', DateUpdated: '2026-03-02 14:47:00' };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...ok, CallSid: '' }, 'CallSid'],
      [{ ...ok, Status: undefined }, 'Status'],
      [{ ...ok, Status: 'in-progress' }, 'Status'],
      [{ ...ok, ConversationDuration: 'twelve' }, 'ConversationDuration'],
      [{ ...ok, DateUpdated: '02/03/2026 14:47' }, 'DateUpdated'],
      [{ ...ok, Legs: '[{"Status":' }, 'Legs'],
      [{ ...ok, Legs: [{ Status: 'completed', OnCallDuration: -3 }] }, 'Legs[0].OnCallDuration'],
      [{ ...ok, RecordingUrl: 'file:///etc/passwd' }, 'RecordingUrl'],
      // Numbers no call has: each would overflow the duration column (a 500 before).
      [{ ...ok, ConversationDuration: 1e300 }, 'ConversationDuration'],
      [{ ...ok, ConversationDuration: '1e300' }, 'ConversationDuration'],
      [{ ...ok, ConversationDuration: 86_401 }, 'ConversationDuration'],
      [{ ...ok, ConversationDuration: 12.5e9 }, 'ConversationDuration'],
      [{ ...ok, Legs: [{ Status: 'completed', OnCallDuration: 1e300 }] }, 'Legs[0].OnCallDuration'],
    ];
    for (const [body, field] of cases) {
      const res = await postJson(body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: field }] });
      expect(res.json().message).toContain(`${field}:`);
    }
    expect((await postJson([1, 2])).statusCode).toBe(400);
    expect(rec.received).toEqual([]);
  });

  it('answers 5xx when ingestion fails, so Exotel delivers it again', async () => {
    const sid = await finishedCall();
    rec.fail(true);
    expect((await postJson(standin.callbackBody(sid, 'terminal'))).statusCode).toBe(500);
    rec.fail(false);
    expect((await postJson(standin.callbackBody(sid, 'terminal'))).json()).toEqual({ ok: true, events: 1, stored: 1 });
  });
});

/** A deterministic shuffle, so a failure can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('Exotel status callbacks: late, twice, out of order', () => {
  it('keeps the same events whatever the order, and reconciliation agrees with the callbacks', async () => {
    const sid = await finishedCall();
    const server = await app.listen({ port: 0, host: '127.0.0.1' });
    const reconciled = (await exotel().reconcile?.({ callId: CALL_ID, providerCallId: sid })) ?? [];
    expect(reconciled.map((e) => e.providerEventId)).toEqual([`${sid}:answered`, `${sid}:terminal`]);
    const expected = new Map(reconciled.map((e) => [e.providerEventId, content(e)]));

    const deliveries: ['answered' | 'terminal', 'json' | 'form'][] = [
      ['answered', 'json'],
      ['terminal', 'json'],
      ['terminal', 'form'],
      ['answered', 'form'],
      ['terminal', 'json'],
    ];
    for (const seed of [1, 7, 42, 1234]) {
      for (const reconcileFirst of [true, false]) {
        rec = recorder();
        const target = rec;
        if (reconcileFirst) for (const e of reconciled) expect((await target.ingest(e)).stored).toBe(true);
        for (const [kind, as] of shuffled(deliveries, seed)) expect((await standin.deliver(sid, kind, server, as)).status).toBe(200);
        if (!reconcileFirst) for (const e of reconciled) expect((await target.ingest(e)).stored).toBe(false);

        expect([...target.kept.keys()].sort(), `seed ${seed}`).toEqual([...expected.keys()].sort());
        for (const event of target.received) expect(content(event), `seed ${seed} ${event.providerEventId}`).toEqual(expected.get(event.providerEventId));
      }
    }
  });
});
