/**
 * A local stand-in of the WhatsApp Cloud API (Graph) for what TeleHub uses. It checks requests
 * as Meta does: the Bearer token, messaging_product, a recipient of digits, a template that
 * exists in that language and is APPROVED, exactly as many body parameters as the template's
 * {{n}} variables, free-form text only inside the 24-hour customer service window; it answers
 * Graph-shaped JSON and errors, records what was accepted, injects faults (rate limits, outages),
 * and emits the webhooks Meta would send (statuses, inbound messages), signed with the app secret.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../../platform/testing/standin-server.js';
import { signWhatsAppBody } from '../whatsapp.signature.js';
import { countVariables } from '../whatsapp.templates.js';

export type GraphTemplate = {
  id: string;
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'PAUSED' | 'DISABLED';
  category: 'MARKETING' | 'UTILITY' | 'AUTHENTICATION';
  components: { type: string; text?: string; format?: string }[];
};

export type AcceptedMessage = {
  wamid: string;
  to: string;
  type: 'template' | 'text';
  template: { name: string; language: string; parameters: string[] } | null;
  text: string | null;
  callbackData: string | null;
  at: Date;
};

export type WhatsAppFault = { code: number; httpStatus?: number; title?: string; times?: number };

/** Where signed webhooks go: a URL (a running server) or a function (app.inject in a test). */
export type WebhookTarget = string | ((body: string, signature: string) => Promise<number>);

const WINDOW_MS = 24 * 3_600_000;
let seq = 0;

export class WhatsAppStandin {
  readonly version = 'v21.0';
  readonly token: string;
  readonly phoneNumberId: string;
  readonly businessAccountId: string;
  readonly appSecret: string;
  templates: GraphTemplate[] = [];
  readonly accepted: AcceptedMessage[] = [];
  /** Every request: method, path, status answered. */
  readonly requests: { method: string; path: string; status: number; code: number | null }[] = [];
  faults: WhatsAppFault[] = [];
  /** Recipients (digits) whose messages fail after acceptance with 131026 (undeliverable). */
  readonly undeliverable = new Set<string>();
  /** When each customer (digits) last wrote to the business: opens the 24-hour window. */
  readonly lastInbound = new Map<string, number>();
  /** Play each accepted message forward (sent, delivered, read webhooks) after this many ms; null: only on demand. */
  autoProgressMs: number | null = null;
  webhookTarget: WebhookTarget | null = null;
  now: () => number = () => Date.now();
  private readonly http = new StandinServer((req, res) => this.handle(req, res));

  constructor(opts: { token?: string; phoneNumberId?: string; businessAccountId?: string; appSecret?: string } = {}) {
    this.token = opts.token ?? `EAAG${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`;
    this.phoneNumberId = opts.phoneNumberId ?? '106540352242922';
    this.businessAccountId = opts.businessAccountId ?? '102290129340398';
    this.appSecret = opts.appSecret ?? `secret-${Math.random().toString(36).slice(2)}`;
  }

  /** The base to give WHATSAPP_API_BASE_URL: the server and the Graph version. */
  get baseUrl(): string {
    return `${this.http.url}/${this.version}`;
  }

  start = () => this.http.start();
  stop = () => this.http.stop();

  addTemplate(t: Omit<GraphTemplate, 'id' | 'status' | 'category'> & Partial<Pick<GraphTemplate, 'status' | 'category'>>): GraphTemplate {
    const full: GraphTemplate = { id: String(9_000_000 + ++seq), status: 'APPROVED', category: 'UTILITY', ...t };
    this.templates = [...this.templates.filter((x) => !(x.name === t.name && x.language === t.language)), full];
    return full;
  }

  /** The env a server needs to talk to this stand-in. */
  env(): Record<string, string> {
    return {
      WHATSAPP_API_BASE_URL: this.baseUrl,
      WHATSAPP_TOKEN: this.token,
      WHATSAPP_PHONE_NUMBER_ID: this.phoneNumberId,
      WHATSAPP_BUSINESS_ACCOUNT_ID: this.businessAccountId,
      WHATSAPP_APP_SECRET: this.appSecret,
      WHATSAPP_VERIFY_TOKEN: 'standin-verify-token',
    };
  }

  // --- webhooks Meta would send -------------------------------------------------------------

  private envelope(value: Record<string, unknown>) {
    return {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: this.businessAccountId,
          changes: [
            {
              field: 'messages',
              value: { messaging_product: 'whatsapp', metadata: { display_phone_number: '918045670000', phone_number_id: this.phoneNumberId }, ...value },
            },
          ],
        },
      ],
    };
  }

  statusPayload(wamid: string, status: 'sent' | 'delivered' | 'read' | 'failed', errors?: { code: number; title: string }[]) {
    const m = this.accepted.find((x) => x.wamid === wamid);
    return this.envelope({
      statuses: [
        {
          id: wamid,
          status,
          timestamp: String(Math.floor(this.now() / 1000)),
          recipient_id: m?.to ?? '',
          ...(m?.callbackData ? { biz_opaque_callback_data: m.callbackData } : {}),
          ...(status === 'failed'
            ? {
                errors: (errors ?? [{ code: 131026, title: 'Message Undeliverable' }]).map((e) => ({
                  ...e,
                  message: e.title,
                  error_data: { details: e.title },
                })),
              }
            : { conversation: { id: `conv-${wamid.slice(-6)}`, origin: { type: m?.type === 'text' ? 'service' : 'utility' } } }),
        },
      ],
    });
  }

  /** A customer's text message as Meta delivers it (`wamid`: the same message delivered again). */
  inboundPayload(from: string, text: string, name = 'Customer', wamid = `wamid.IN${Date.now().toString(36)}${++seq}`) {
    const digits = from.replace(/\D/g, '');
    return {
      wamid,
      body: this.envelope({
        contacts: [{ profile: { name }, wa_id: digits }],
        messages: [{ from: digits, id: wamid, timestamp: String(Math.floor(this.now() / 1000)), type: 'text', text: { body: text } }],
      }),
    };
  }

  /** Signs a payload as Meta does (over the exact bytes sent). */
  sign(payload: unknown): { body: string; signature: string } {
    const body = JSON.stringify(payload);
    return { body, signature: signWhatsAppBody(this.appSecret, body) };
  }

  /** Sends a signed webhook to the target; returns the HTTP status the server answered. */
  async deliver(payload: unknown): Promise<number> {
    const target = this.webhookTarget;
    if (!target) throw new Error('the stand-in has no webhook target');
    const { body, signature } = this.sign(payload);
    if (typeof target === 'function') return target(body, signature);
    const res = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });
    await res.arrayBuffer();
    return res.status;
  }

  emitStatus(wamid: string, status: 'sent' | 'delivered' | 'read' | 'failed', errors?: { code: number; title: string }[]) {
    return this.deliver(this.statusPayload(wamid, status, errors));
  }

  /** A customer writes to the business: the window opens, and the webhook goes out. */
  async customerWrites(from: string, text: string, name?: string): Promise<{ wamid: string; status: number }> {
    this.lastInbound.set(from.replace(/\D/g, ''), this.now());
    const { wamid, body } = this.inboundPayload(from, text, name);
    return { wamid, status: await this.deliver(body) };
  }

  // --- the Graph API --------------------------------------------------------------------------

  private answer(res: ServerResponse, req: IncomingMessage, path: string, status: number, body: unknown, code: number | null = null) {
    this.requests.push({ method: req.method ?? '', path, status, code });
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }

  private error(res: ServerResponse, req: IncomingMessage, path: string, httpStatus: number, code: number, message: string, details?: string) {
    this.answer(
      res,
      req,
      path,
      httpStatus,
      { error: { message, type: 'OAuthException', code, error_data: { messaging_product: 'whatsapp', details: details ?? message }, fbtrace_id: `A${seq}` } },
      code,
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return this.error(res, req, path, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    const prefix = `/${this.version}`;
    if (req.method === 'GET' && path === `${prefix}/${this.businessAccountId}/message_templates`) return this.listTemplates(req, res, url);
    if (req.method === 'POST' && path === `${prefix}/${this.phoneNumberId}/messages`) {
      const fault = this.faults[0];
      if (fault) {
        if ((fault.times ?? 1) <= 1) this.faults.shift();
        else fault.times = (fault.times ?? 1) - 1;
        return this.error(res, req, path, fault.httpStatus ?? 400, fault.code, fault.title ?? `(#${fault.code}) fault`);
      }
      if (!String(req.headers['content-type'] ?? '').startsWith('application/json'))
        return this.error(res, req, path, 400, 100, '(#100) Content-Type must be application/json');
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return this.error(res, req, path, 400, 100, '(#100) Invalid JSON');
      }
      return this.send(req, res, path, body);
    }
    return this.error(res, req, path, 400, 100, `Unsupported ${req.method} request. Object with ID does not exist`);
  }

  private listTemplates(req: IncomingMessage, res: ServerResponse, url: URL) {
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 25) || 25, 100);
    const after = Number(url.searchParams.get('after') ?? 0) || 0;
    const page = this.templates.slice(after, after + limit);
    const next =
      after + limit < this.templates.length ? `${this.baseUrl}/${this.businessAccountId}/message_templates?limit=${limit}&after=${after + limit}` : undefined;
    return this.answer(res, req, url.pathname, 200, {
      data: page.map((t) => ({ name: t.name, language: t.language, status: t.status, category: t.category, id: t.id, components: t.components })),
      paging: { cursors: { before: String(after), after: String(after + page.length) }, ...(next ? { next } : {}) },
    });
  }

  private send(req: IncomingMessage, res: ServerResponse, path: string, body: Record<string, unknown>) {
    if (body.messaging_product !== 'whatsapp') return this.error(res, req, path, 400, 100, '(#100) The parameter messaging_product is required.');
    const to = typeof body.to === 'string' ? body.to : '';
    if (!/^\d{8,15}$/.test(to))
      return this.error(res, req, path, 400, 100, '(#100) Invalid parameter', 'to must be a phone number in international format, digits only');
    const callbackData = typeof body.biz_opaque_callback_data === 'string' ? body.biz_opaque_callback_data : null;
    const wamid = `wamid.HBgM${to}${Date.now().toString(36)}${++seq}`;
    if (body.type === 'template') {
      const t = (body.template ?? {}) as {
        name?: unknown;
        language?: { code?: unknown };
        components?: { type?: unknown; parameters?: { type?: unknown; text?: unknown }[] }[];
      };
      const name = typeof t.name === 'string' ? t.name : '';
      const language = typeof t.language?.code === 'string' ? t.language.code : '';
      const template = this.templates.find((x) => x.name === name && x.language === language);
      if (template?.status !== 'APPROVED') {
        return this.error(
          res,
          req,
          path,
          404,
          132001,
          '(#132001) Template name does not exist in the translation',
          `template name (${name}) does not exist in ${language}`,
        );
      }
      const bodyText = template.components.find((c) => c.type.toUpperCase() === 'BODY')?.text ?? '';
      const expected = countVariables(bodyText);
      const params = (t.components ?? []).filter((c) => c.type === 'body').flatMap((c) => c.parameters ?? []);
      if (params.some((p) => p.type !== 'text' || typeof p.text !== 'string' || p.text.trim() === '')) {
        return this.error(res, req, path, 400, 131008, '(#131008) Required parameter is missing', 'every body parameter needs type text and a non-empty text');
      }
      if (params.length !== expected) {
        return this.error(
          res,
          req,
          path,
          400,
          132000,
          '(#132000) Number of parameters does not match the expected number of params',
          `body: number of localizable_params (${params.length}) does not match the expected number of params (${expected})`,
        );
      }
      this.accepted.push({
        wamid,
        to,
        type: 'template',
        template: { name, language, parameters: params.map((p) => String(p.text)) },
        text: null,
        callbackData,
        at: new Date(this.now()),
      });
    } else if (body.type === 'text') {
      const text = (body.text ?? {}) as { body?: unknown };
      if (typeof text.body !== 'string' || text.body.trim() === '' || text.body.length > 4096) {
        return this.error(res, req, path, 400, 100, '(#100) Invalid parameter', 'text.body must be 1 to 4096 characters');
      }
      const last = this.lastInbound.get(to);
      if (last === undefined || this.now() - last > WINDOW_MS) {
        return this.error(
          res,
          req,
          path,
          400,
          131047,
          '(#131047) Re-engagement message',
          'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
        );
      }
      this.accepted.push({ wamid, to, type: 'text', template: null, text: text.body, callbackData, at: new Date(this.now()) });
    } else {
      return this.error(res, req, path, 400, 100, '(#100) Invalid parameter', 'type must be template or text');
    }
    this.answer(res, req, path, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: to, wa_id: to }],
      messages: [{ id: wamid, message_status: 'accepted' }],
    });
    if (this.autoProgressMs !== null) void this.progress(wamid, this.autoProgressMs);
  }

  /** Plays a message forward as Meta would: sent, then delivered and read (or failed for an undeliverable number). */
  async progress(wamid: string, stepMs = 0): Promise<void> {
    const m = this.accepted.find((x) => x.wamid === wamid);
    if (!m) throw new Error(`no message ${wamid}`);
    const steps: ('sent' | 'delivered' | 'read' | 'failed')[] = this.undeliverable.has(m.to) ? ['failed'] : ['sent', 'delivered', 'read'];
    for (const s of steps) {
      await new Promise((r) => setTimeout(r, stepMs));
      try {
        await this.emitStatus(wamid, s);
      } catch {
        // The server is gone (test over): Meta would retry; the stand-in stops.
        return;
      }
    }
  }
}
