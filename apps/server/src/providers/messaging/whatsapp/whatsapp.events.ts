/**
 * The webhook payload (`{object: "whatsapp_business_account", entry: [{changes: [{field:
 * "messages", value}]}]}`) read into TeleHub's events: delivery statuses of what we sent
 * (value.statuses[]) and messages leads sent us (value.messages[], with value.contacts[]).
 * Unknown kinds are skipped, not refused: Meta adds fields and kinds over time.
 */

export const WHATSAPP_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type WhatsAppStatus = (typeof WHATSAPP_STATUSES)[number];

export type WhatsAppStatusEvent = {
  kind: 'status';
  wamid: string;
  status: WhatsAppStatus;
  at: Date;
  recipient: string | null;
  callbackData: string | null;
  errors: { code: number | null; title: string; details: string | null }[];
};

export type WhatsAppInboundEvent = {
  kind: 'message';
  wamid: string;
  /** E.164 with '+'. */
  from: string;
  at: Date;
  type: string;
  /** The text (text messages, button replies, captions); null for kinds without text. */
  text: string | null;
  profileName: string | null;
};

export type WhatsAppEvent = WhatsAppStatusEvent | WhatsAppInboundEvent;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : null);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** Text as stored: without NUL characters (PostgreSQL refuses them), non-empty. */
const str = (v: unknown): string | null => {
  if (typeof v !== 'string') return null;
  const clean = v.replaceAll('\u0000', '');
  return clean.length > 0 ? clean : null;
};
const when = (v: unknown, fallback: Date): Date => {
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? new Date(n * 1000) : fallback;
};

function textOf(m: Obj): string | null {
  const type = str(m.type);
  if (type === 'text') return str(obj(m.text)?.body);
  if (type === 'button') return str(obj(m.button)?.text);
  if (type === 'interactive') {
    const i = obj(m.interactive);
    return str(obj(i?.button_reply)?.title) ?? str(obj(i?.list_reply)?.title);
  }
  for (const media of ['image', 'video', 'document']) {
    const caption = str(obj(m[media])?.caption);
    if (type === media) return caption;
  }
  return null;
}

export function readWhatsAppEvents(payload: unknown, now: Date): WhatsAppEvent[] {
  const out: WhatsAppEvent[] = [];
  for (const entry of arr(obj(payload)?.entry)) {
    for (const change of arr(obj(entry)?.changes)) {
      const c = obj(change);
      if (c?.field !== undefined && c.field !== 'messages') continue;
      const value = obj(c?.value);
      if (!value) continue;
      for (const s of arr(value.statuses)) {
        const st = obj(s);
        const wamid = str(st?.id);
        const status = str(st?.status);
        if (!st || !wamid || !status || !(WHATSAPP_STATUSES as readonly string[]).includes(status)) continue;
        out.push({
          kind: 'status',
          wamid,
          status: status as WhatsAppStatus,
          at: when(st.timestamp, now),
          recipient: str(st.recipient_id),
          callbackData: str(st.biz_opaque_callback_data),
          errors: arr(st.errors).map((e) => {
            const x = obj(e) ?? {};
            const details = str(obj(x.error_data)?.details) ?? str(x.message);
            return { code: typeof x.code === 'number' ? x.code : null, title: str(x.title) ?? str(x.message) ?? 'Unknown error', details };
          }),
        });
      }
      const contacts = arr(value.contacts).map(obj);
      for (const m of arr(value.messages)) {
        const msg = obj(m);
        const wamid = str(msg?.id);
        const from = str(msg?.from);
        if (!msg || !wamid || !from) continue;
        const contact = contacts.find((x) => str(x?.wa_id) === from);
        out.push({
          kind: 'message',
          wamid,
          from: from.startsWith('+') ? from : `+${from}`,
          at: when(msg.timestamp, now),
          type: str(msg.type) ?? 'unknown',
          text: textOf(msg),
          profileName: str(obj(contact?.profile)?.name),
        });
      }
    }
  }
  return out;
}
