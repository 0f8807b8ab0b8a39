/**
 * Exotel's callbacks. Exotel v1 signs nothing, so the secret token in the path is the
 * authentication: a wrong one is answered exactly like a route that does not exist, before the
 * body is even read, and nothing is ingested or asked of TeleHub.
 * - POST /webhooks/exotel/status/:token: status callbacks of the calls TeleHub places, JSON or
 *   form-encoded, normalized and handed to the one ingestion path; a failure there answers 5xx so
 *   Exotel retries (it tries twice more), and reconciliation through Call Details covers what
 *   never arrives.
 * - Inbound (exotel.inbound.ts): GET /webhooks/exotel/incoming/:token, the Connect applet's
 *   dynamic URL, which asks InboundHooks.arrive() whom to ring; GET /webhooks/exotel/passthru/:token,
 *   how the Connect ended (InboundHooks.connected() and ordinary status events); GET
 *   /webhooks/exotel/greeting/:token, the text a caller TeleHub did not connect hears.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../../platform/context.js';
import type { InboundHooks, IncomingAnswer, IncomingCall, ProviderEvent } from '../telephony.port.js';
import { ExotelPayloadError, normalizeExotelCallback } from './exotel.events.js';
import {
  connectPlan,
  EXOTEL_GREETING_PATH,
  EXOTEL_INCOMING_PATH,
  EXOTEL_PASSTHRU_PATH,
  ExotelConnectAnswer,
  exotelFlowUrls,
  NO_DIAL,
  normalizeExotelPassthru,
  readIncomingCall,
} from './exotel.inbound.js';

export type ExotelWebhookOptions = {
  webhookToken: string;
  /** Zone of Exotel's offset-less times (Asia/Kolkata on India accounts). */
  timeZone: string;
  ingest: (event: ProviderEvent) => Promise<{ stored: boolean; applied: boolean; callId: string | null }>;
  clock?: Clock;
  /** TeleHub's inbound routing. Without it every incoming call is answered with nobody to ring. */
  inbound?: InboundHooks;
  /**
   * PUBLIC_BASE_URL: where Exotel reaches this server. With it the Connect answer asks Exotel to
   * report the dial to /webhooks/exotel/passthru (dial_passthru_event_url); without it only the
   * flow's Passthru applets report it.
   */
  publicBaseUrl?: string;
  /** Longest conversation on an inbound call (max_conversation_duration), seconds; default 3600. */
  inboundTimeLimitSeconds?: number;
  /**
   * How long arrive() may take before the caller is answered with nobody to ring; default 4 s.
   * Exotel waits a few seconds for the URL (5, by integrators' measure) before it gives up on it.
   */
  arriveTimeoutMs?: number;
};

const Ack = z.object({ ok: z.literal(true), events: z.number().int(), stored: z.number().int() });
const Problem = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  error: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
const Params = z.object({ token: z.string() });
const DialAck = z.object({ ok: z.literal(true), events: z.number().int(), stored: z.number().int(), connected: z.boolean() });

/**
 * Said to a caller nobody was rung for when TeleHub gave no words of its own: arrive() failed,
 * or this server is not the one that answered the Connect applet.
 */
export const EXOTEL_UNAVAILABLE_MESSAGE = 'Sorry, we cannot take your call right now. Please call again later.';

/** How long a closed line's message is kept for the Greeting that follows, and how many at most. */
const SPOKEN_TTL_MS = 10 * 60_000;
const SPOKEN_MAX = 10_000;

/** Exotel callbacks are small; anything larger is not one. */
const BODY_LIMIT = 256 * 1024;

const digest = (v: string) => createHash('sha256').update(v, 'utf8').digest();

/** Compares digests, so neither the token's content nor its length shows in the timing. */
function sameToken(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected)) && expected.length > 0;
}

/**
 * A form read into an object: `Legs[0][Status]=completed` nests into `{Legs: {0: {Status}}}`;
 * plain fields stay strings (Legs may also come as JSON text, which the normalizer reads).
 */
export function readForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.match(/^([^[\]]+)((?:\[[^[\]]*\])*)$/);
    const head = path?.[1];
    if (!head || !path[2]) {
      out[key] = value;
      continue;
    }
    const parts = [head, ...[...path[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '')];
    let node = out;
    for (const [i, part] of parts.entries()) {
      if (part === '__proto__' || part === 'constructor' || part === 'prototype') break;
      if (i === parts.length - 1) {
        node[part] = value;
        break;
      }
      const child = node[part];
      const next: Record<string, unknown> = typeof child === 'object' && child !== null ? (child as Record<string, unknown>) : Object.create(null);
      node[part] = next;
      node = next;
    }
  }
  return out;
}

/** The raw query string read like a form: Exotel's nested keys (Legs[0][Status]) nest the same way. */
const queryOf = (req: FastifyRequest) => readForm(req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '');

export const exotelWebhookRoutes: FastifyPluginAsyncZod<ExotelWebhookOptions> = async (app, opts) => {
  const now = () => opts.clock?.now() ?? new Date();
  const passthruUrl = opts.publicBaseUrl ? exotelFlowUrls(opts.publicBaseUrl, opts.webhookToken).passthru : null;
  const timeLimitSeconds = opts.inboundTimeLimitSeconds ?? 3600;
  const arriveTimeoutMs = opts.arriveTimeoutMs ?? 4000;

  // Before the body is parsed, so a caller without the token learns nothing, not even
  // whether its body would have been readable.
  const tokenGuard = async (req: FastifyRequest, reply: FastifyReply) => {
    const token = (req.params as { token?: unknown }).token;
    if (typeof token === 'string' && sameToken(token, opts.webhookToken)) return;
    const pathname = req.url.split('?')[0] ?? '/';
    return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route ${req.method} ${pathname}` });
  };

  /**
   * What a caller who is not rung hears from the Greeting applet: the message arrive() gave, kept
   * in this process for a few minutes (a server that did not answer the Connect says the
   * general sentence instead).
   */
  const spoken = new Map<string, { text: string; until: number }>();
  const remember = (callSid: string, text: string) => {
    const t = now().getTime();
    for (const [sid, entry] of spoken) if (entry.until <= t || spoken.size >= SPOKEN_MAX) spoken.delete(sid);
    spoken.set(callSid, { text, until: t + SPOKEN_TTL_MS });
  };

  /**
   * arrive(), given at most arriveTimeoutMs. What it does after that is only logged: the caller has
   * been answered with nobody to ring, and the flow's Passthru ends the call it may have recorded.
   */
  async function arrive(hooks: InboundHooks, call: IncomingCall, log: FastifyBaseLogger): Promise<IncomingAnswer> {
    const pending = hooks.arrive(call);
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        timedOut = true;
        reject(new Error(`arrive() gave no answer within ${arriveTimeoutMs} ms`));
      }, arriveTimeoutMs);
    });
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
      if (timedOut)
        pending.then(
          () => log.warn({ callSid: call.providerCallId }, 'Exotel incoming call: arrive() answered after the caller was told nobody is free'),
          (err: unknown) => log.error({ err, callSid: call.providerCallId }, 'Exotel incoming call: arrive() failed late'),
        );
    }
  }

  /** The Connect applet's parameters for one incoming call; never throws (NO_DIAL instead). */
  async function connectAnswer(query: Record<string, unknown>, log: FastifyBaseLogger): Promise<ExotelConnectAnswer> {
    const sid = typeof query.CallSid === 'string' ? query.CallSid : null;
    if (!opts.inbound) {
      log.warn({ callSid: sid }, 'Exotel incoming call, but TeleHub has no inbound routing: nobody is rung');
      return NO_DIAL;
    }
    let call: IncomingCall;
    try {
      call = readIncomingCall(query, { timeZone: opts.timeZone, receivedAt: now() });
    } catch (err) {
      if (!(err instanceof ExotelPayloadError)) throw err;
      log.warn({ callSid: sid, field: err.field, problem: err.problem }, 'Exotel incoming call unreadable: nobody is rung');
      return NO_DIAL;
    }
    let answer: IncomingAnswer;
    try {
      answer = await arrive(opts.inbound, call, log);
    } catch (err) {
      log.error({ err, callSid: call.providerCallId }, 'Exotel incoming call: no answer from arrive(); nobody is rung');
      return NO_DIAL;
    }
    if (answer.action === 'ring') {
      const plan = connectPlan(answer, { passthruUrl, timeLimitSeconds });
      if (plan.refused.length > 0) log.warn({ callSid: call.providerCallId, refused: plan.refused }, 'Exotel incoming call: phones not in E.164 left out');
      if (plan.numbers.length > 0) return plan.answer;
    } else if (answer.action === 'queue') {
      log.error({ callSid: call.providerCallId }, 'Exotel incoming call: TeleHub answered queue, which Exotel cannot do (inbound is numbers); nobody is rung');
    }
    remember(call.providerCallId, answer.message.trim() || EXOTEL_UNAVAILABLE_MESSAGE);
    return NO_DIAL;
  }

  // Encapsulated: the form parser applies to this plugin's route only.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_req, body, done) => {
    done(null, readForm(typeof body === 'string' ? body : body.toString('utf8')));
  });

  app.post(
    '/webhooks/exotel/status/:token',
    {
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['webhooks'],
        summary: 'Exotel status callback (answered, terminal); the path token is EXOTEL_WEBHOOK_TOKEN',
        params: Params,
        response: { 200: Ack, 400: Problem, 404: Problem },
      },
      onRequest: tokenGuard,
    },
    async (req, reply) => {
      let events: ProviderEvent[];
      try {
        events = normalizeExotelCallback(req.body, { timeZone: opts.timeZone, receivedAt: now() });
      } catch (err) {
        if (!(err instanceof ExotelPayloadError)) throw err;
        req.log.warn({ field: err.field, problem: err.problem }, 'Exotel callback refused');
        return reply.status(400).send({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          error: 'Bad Request',
          message: `Invalid body: ${err.message}`,
          details: [{ path: err.field, message: err.problem }],
        });
      }
      if (events.length === 0)
        req.log.info({ eventType: (req.body as Record<string, unknown>).EventType }, 'Exotel callback of a kind TeleHub does not use; acknowledged');
      let stored = 0;
      for (const event of events) if ((await opts.ingest(event)).stored) stored++;
      return { ok: true as const, events: events.length, stored };
    },
  );

  const incomingSchema = {
    tags: ['webhooks'],
    summary: "Exotel Connect applet's dynamic URL: whom to ring for an incoming call; the path token is EXOTEL_WEBHOOK_TOKEN",
    params: Params,
    response: { 200: ExotelConnectAnswer, 404: Problem },
  };
  // Exotel checks a URL's headers with HEAD before some GETs; a HEAD must not route a call. Its
  // articles ask for "Content-Type application/json and nothing else": no charset parameter, which
  // Fastify adds unless the body is sent serialized (a buffer, or through the reply's serializer).
  app.head(`${EXOTEL_INCOMING_PATH}/:token`, { schema: { tags: ['webhooks'], params: Params }, onRequest: tokenGuard }, async (_req, reply) =>
    reply.type('application/json').send(Buffer.alloc(0)),
  );
  app.get(`${EXOTEL_INCOMING_PATH}/:token`, { exposeHeadRoute: false, schema: incomingSchema, onRequest: tokenGuard }, async (req, reply) => {
    const answer = await connectAnswer(queryOf(req), req.log);
    return reply
      .type('application/json')
      .serializer((payload: unknown) => JSON.stringify(ExotelConnectAnswer.parse(payload)))
      .send(answer);
  });

  // A HEAD reports nothing (Fastify would otherwise run the GET's handler for it).
  app.head(`${EXOTEL_PASSTHRU_PATH}/:token`, { schema: { tags: ['webhooks'], params: Params }, onRequest: tokenGuard }, async (_req, reply) =>
    reply.type('application/json').send(Buffer.alloc(0)),
  );
  app.get(
    `${EXOTEL_PASSTHRU_PATH}/:token`,
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['webhooks'],
        summary: 'Exotel Passthru after the Connect applet (and its dial_passthru_event_url): who answered an incoming call',
        params: Params,
        response: { 200: DialAck, 400: Problem, 404: Problem },
      },
      onRequest: tokenGuard,
    },
    async (req, reply) => {
      const query = queryOf(req);
      let outcome: ReturnType<typeof normalizeExotelPassthru>;
      try {
        outcome = normalizeExotelPassthru(query, { timeZone: opts.timeZone, receivedAt: now() });
      } catch (err) {
        if (!(err instanceof ExotelPayloadError)) throw err;
        req.log.warn({ field: err.field, problem: err.problem }, 'Exotel passthru refused');
        return reply.status(400).send({
          statusCode: 400,
          code: 'VALIDATION_FAILED',
          error: 'Bad Request',
          message: `Invalid query: ${err.message}`,
          details: [{ path: err.field, message: err.problem }],
        });
      }
      // Who took the call goes first: by the time its end is applied, TeleHub knows it was not missed.
      const connected = outcome.connected !== null && opts.inbound !== undefined;
      if (outcome.connected && opts.inbound) await opts.inbound.connected(outcome.callSid, outcome.connected.agentPhone, outcome.connected.at);
      let stored = 0;
      for (const event of outcome.events) if ((await opts.ingest(event)).stored) stored++;
      return { ok: true as const, events: outcome.events.length, stored, connected };
    },
  );

  // The Greeting applet's text from a URL: text/plain and nothing else, HEAD answered alike.
  const greetingSchema = {
    tags: ['webhooks'],
    summary: 'Exotel Greeting applet text for a caller nobody was rung for (closed, nobody free)',
    params: Params,
    response: { 200: z.string(), 404: Problem },
  };
  app.head(`${EXOTEL_GREETING_PATH}/:token`, { schema: { tags: ['webhooks'], params: Params }, onRequest: tokenGuard }, async (_req, reply) =>
    reply.type('text/plain').send(Buffer.alloc(0)),
  );
  app.get(`${EXOTEL_GREETING_PATH}/:token`, { exposeHeadRoute: false, schema: greetingSchema, onRequest: tokenGuard }, async (req, reply) => {
    const sid = queryOf(req).CallSid;
    const entry = typeof sid === 'string' ? spoken.get(sid) : undefined;
    const text = entry && entry.until > now().getTime() ? entry.text : EXOTEL_UNAVAILABLE_MESSAGE;
    return reply.type('text/plain').send(text);
  });
};
