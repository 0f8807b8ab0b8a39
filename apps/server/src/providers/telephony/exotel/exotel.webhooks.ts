/**
 * Exotel's status callbacks: POST /webhooks/exotel/status/:token, JSON or form-encoded.
 * Exotel v1 signs nothing, so the secret token in the path is the authentication: a wrong one
 * is answered exactly like a route that does not exist, before the body is even read, and
 * nothing is ingested. A callback that passes is normalized and handed to the one ingestion
 * path; a failure there answers 5xx so Exotel retries (it tries twice more), and reconciliation
 * through Call Details covers what never arrives.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../../platform/context.js';
import type { ProviderEvent } from '../telephony.port.js';
import { ExotelPayloadError, normalizeExotelCallback } from './exotel.events.js';

export type ExotelWebhookOptions = {
  webhookToken: string;
  /** Zone of Exotel's offset-less times (Asia/Kolkata on India accounts). */
  timeZone: string;
  ingest: (event: ProviderEvent) => Promise<{ stored: boolean; applied: boolean; callId: string | null }>;
  clock?: Clock;
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

export const exotelWebhookRoutes: FastifyPluginAsyncZod<ExotelWebhookOptions> = async (app, opts) => {
  const now = () => opts.clock?.now() ?? new Date();

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
      // Before the body is parsed, so a caller without the token learns nothing, not even
      // whether its body would have been readable.
      onRequest: async (req, reply) => {
        const token = (req.params as { token?: unknown }).token;
        if (typeof token === 'string' && sameToken(token, opts.webhookToken)) return;
        const pathname = req.url.split('?')[0] ?? '/';
        return reply.status(404).send({ statusCode: 404, code: 'NOT_FOUND', error: 'Not Found', message: `No route ${req.method} ${pathname}` });
      },
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
};
