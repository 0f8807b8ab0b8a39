import type { EmailTemplate, MessageChannel, MessagingTemplates, WhatsAppTemplateDto } from '@telehub/shared';

/** What a template needs filled: {{1}}..{{n}} on WhatsApp, {{name}}-style on email. */
export type Choice = {
  channel: MessageChannel;
  key: string;
  name: string;
  language: string;
  variables: string[];
  category: string;
  text: string;
  subject?: string;
};

/** Each template a person can pick, per channel (one entry a name and language). */
export function choicesOf(t: MessagingTemplates | undefined, channel: MessageChannel): Choice[] {
  if (!t) return [];
  if (channel === 'whatsapp') {
    return t.whatsapp.items
      .filter((i: WhatsAppTemplateDto) => i.sendable)
      .map((i) => ({
        channel,
        key: `${i.name}|${i.language}`,
        name: i.name,
        language: i.language,
        variables: Array.from({ length: i.variableCount }, (_, n) => String(n + 1)),
        category: i.category,
        text: i.bodyText,
      }));
  }
  return t.email.items.map((i: EmailTemplate) => ({
    channel,
    key: `${i.name}|${i.language}`,
    name: i.name,
    language: i.language,
    variables: i.variables,
    category: i.category,
    text: i.body,
    subject: i.subject,
  }));
}

/** `email` undefined: not known here (the server checks it). */
export type LeadForPrefill = { name: string; city: string | null; email: string | null | undefined; phone: string; metadata?: Record<string, unknown> };

/** The lead's own fields as the first guess for each variable: {{1}} and {{name}} are the name. */
export function prefill(choice: Choice, lead: LeadForPrefill): Record<string, string> {
  const known: Record<string, string> = {
    name: lead.name,
    first_name: lead.name.split(/\s+/)[0] ?? lead.name,
    city: lead.city ?? '',
    email: lead.email ?? '',
    phone: lead.phone,
  };
  const out: Record<string, string> = {};
  for (const v of choice.variables) {
    const meta = lead.metadata?.[v];
    out[v] = v === '1' ? lead.name : (known[v] ?? (typeof meta === 'string' || typeof meta === 'number' ? String(meta) : ''));
  }
  return out;
}

/** The message as the lead will read it. */
export function preview(text: string, values: Record<string, string>): string {
  return text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, k: string) => values[k] || whole);
}

/** The request body for a choice and its filled values. */
export function sendBody(choice: Choice, values: Record<string, string>) {
  return {
    channel: choice.channel,
    template: choice.name,
    language: choice.language,
    variables:
      choice.channel === 'whatsapp' ? choice.variables.map((v) => values[v] ?? '') : Object.fromEntries(choice.variables.map((v) => [v, values[v] ?? ''])),
  };
}
