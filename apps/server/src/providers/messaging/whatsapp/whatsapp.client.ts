/**
 * The WhatsApp Business Cloud API (Graph API) for what TeleHub does with it: send a template
 * message, send a free-form text reply inside the customer service window, and read the business
 * account's message templates. Requests go to WHATSAPP_API_BASE_URL (which carries the Graph
 * version, e.g. https://graph.facebook.com/v21.0) with the system user's access token as Bearer.
 * Errors come back as WhatsAppError, sorted into retry-or-not by Meta's code.
 */
import { fromGraphAnswer, WhatsAppError } from './whatsapp.errors.js';
import { parseGraphTemplate, type WhatsAppTemplate } from './whatsapp.templates.js';

export type WhatsAppClientOptions = {
  /** Graph base with the version, e.g. https://graph.facebook.com/v21.0 (no trailing slash needed). */
  baseUrl: string;
  token: string;
  phoneNumberId: string;
  /** The WhatsApp Business Account (WABA) id, whose message_templates edge lists the templates. */
  businessAccountId: string | null;
  /** Give up on a request that takes longer (ms). */
  timeoutMs?: number;
  fetch?: typeof fetch;
};

export type TemplateSend = {
  /** E.164 with or without '+'; Meta takes the digits. */
  to: string;
  name: string;
  language: string;
  /** Body parameters {{1}}..{{n}}, in order. */
  parameters: string[];
  /** Echoed back in status webhooks. */
  callbackData?: string;
};

export type TextSend = { to: string; body: string; callbackData?: string };

export type SendResult = { wamid: string };

export type WhatsAppClient = {
  sendTemplate(m: TemplateSend): Promise<SendResult>;
  sendText(m: TextSend): Promise<SendResult>;
  /** Every template of the business account, every status (the caller keeps the approved). */
  listTemplates(): Promise<WhatsAppTemplate[]>;
};

const digits = (phone: string) => phone.replace(/\D/g, '');

export function createWhatsAppClient(opts: WhatsAppClientOptions): WhatsAppClient {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const doFetch = opts.fetch ?? fetch;
  const timeoutMs = opts.timeoutMs ?? 15_000;

  async function call(method: 'GET' | 'POST', url: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      res = await doFetch(url, {
        method,
        headers: { authorization: `Bearer ${opts.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new WhatsAppError(null, err instanceof Error ? err.message : 'network error', 'transient', null);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) throw fromGraphAnswer(res.status, json);
    return json;
  }

  async function send(payload: Record<string, unknown>): Promise<SendResult> {
    const answer = (await call('POST', `${base}/${encodeURIComponent(opts.phoneNumberId)}/messages`, payload)) as { messages?: { id?: unknown }[] } | null;
    const wamid = answer?.messages?.[0]?.id;
    if (typeof wamid !== 'string' || !wamid) throw new WhatsAppError(null, 'the answer carries no message id', 'permanent', 200);
    return { wamid };
  }

  return {
    sendTemplate: (m) =>
      send({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: digits(m.to),
        type: 'template',
        template: {
          name: m.name,
          language: { code: m.language, policy: 'deterministic' },
          components: m.parameters.length > 0 ? [{ type: 'body', parameters: m.parameters.map((text) => ({ type: 'text', text })) }] : [],
        },
        ...(m.callbackData ? { biz_opaque_callback_data: m.callbackData } : {}),
      }),

    sendText: (m) =>
      send({
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to: digits(m.to),
        type: 'text',
        text: { preview_url: false, body: m.body },
        ...(m.callbackData ? { biz_opaque_callback_data: m.callbackData } : {}),
      }),

    async listTemplates() {
      if (!opts.businessAccountId) throw new WhatsAppError(null, 'WHATSAPP_BUSINESS_ACCOUNT_ID is not set', 'permanent', null);
      const out: WhatsAppTemplate[] = [];
      let url: string | null =
        `${base}/${encodeURIComponent(opts.businessAccountId)}/message_templates?fields=${encodeURIComponent('name,language,status,category,components')}&limit=100`;
      // Follow the cursor pages; a runaway paging loop stops at 50 pages (5,000 templates).
      for (let page = 0; url && page < 50; page++) {
        const answer = (await call('GET', url)) as { data?: unknown[]; paging?: { next?: unknown } } | null;
        for (const raw of answer?.data ?? []) {
          const t = parseGraphTemplate(raw);
          if (t) out.push(t);
        }
        url = typeof answer?.paging?.next === 'string' ? answer.paging.next : null;
      }
      return out;
    },
  };
}
