/**
 * GET /webhooks/whatsapp: Meta's verification handshake (hub.mode=subscribe and our verify token
 * -> the challenge echoed as text/plain). POST /webhooks/whatsapp: events signed with the app
 * secret over the raw body (X-Hub-Signature-256), checked before anything is read; a bad or
 * missing signature gets 403 and changes nothing. Without WhatsApp configured both refuse (403).
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { readWhatsAppEvents, type WhatsAppEvent } from './whatsapp.events.js';
import { verifyWhatsAppSignature } from './whatsapp.signature.js';

export type WhatsAppWebhookOptions = {
  /** Read at each request (null: not configured). */
  secrets(): { verifyToken: string | null; appSecret: string | null };
  /** Applies the events; throwing answers 500 so Meta delivers them again. */
  ingest(events: WhatsAppEvent[]): Promise<void>;
  now?: () => Date;
};

const JSON_TYPE = 'application/json';
const RAW = 'raw';
const rawOf = (body: unknown): Buffer | null => {
  const v = typeof body === 'object' && body !== null ? (body as { raw?: unknown }).raw : undefined;
  return Buffer.isBuffer(v) ? v : null;
};

function refuse(reply: FastifyReply, status: 400 | 403, code: string, message: string) {
  return reply.status(status).send({ statusCode: status, code, error: status === 403 ? 'Forbidden' : 'Bad Request', message });
}

export const whatsappWebhookRoutes: FastifyPluginAsync<WhatsAppWebhookOptions> = async (app, opts) => {
  const now = opts.now ?? (() => new Date());
  // Encapsulated: this plugin keeps the raw bytes (the signature is over them); nothing else changes.
  if (app.hasContentTypeParser(JSON_TYPE)) app.removeContentTypeParser(JSON_TYPE);
  // The bytes ride on a property the input guard does not walk (it checks strings of parsed input);
  // the events read from them are cleaned where they are stored.
  app.addContentTypeParser(JSON_TYPE, { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
    done(null, Object.defineProperty({}, RAW, { value: body, enumerable: false })),
  );

  app.get('/webhooks/whatsapp', { schema: { hide: true } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const { verifyToken } = opts.secrets();
    const mode = q['hub.mode'];
    const token = q['hub.verify_token'];
    const challenge = q['hub.challenge'];
    if (!verifyToken || mode !== 'subscribe' || typeof token !== 'string' || token !== verifyToken || typeof challenge !== 'string') {
      req.log.warn('WhatsApp verification with a wrong or missing verify token refused');
      return refuse(reply, 403, 'VERIFY_TOKEN_INVALID', 'hub.verify_token does not match WHATSAPP_VERIFY_TOKEN');
    }
    return reply.status(200).type('text/plain').send(challenge);
  });

  app.post('/webhooks/whatsapp', { schema: { hide: true } }, async (req, reply) => {
    const { appSecret } = opts.secrets();
    const raw = rawOf(req.body);
    const header = req.headers['x-hub-signature-256'];
    if (!appSecret || !raw || !verifyWhatsAppSignature(appSecret, raw, typeof header === 'string' ? header : undefined)) {
      req.log.warn('WhatsApp webhook with a missing or wrong signature refused');
      return refuse(reply, 403, 'SIGNATURE_INVALID', 'The X-Hub-Signature-256 header does not match this request');
    }
    let payload: unknown;
    try {
      payload = JSON.parse(raw.toString('utf8'));
    } catch {
      return refuse(reply, 400, 'BAD_JSON', 'The body is not JSON');
    }
    await opts.ingest(readWhatsAppEvents(payload, now()));
    return reply.status(200).send({ ok: true });
  });
};
