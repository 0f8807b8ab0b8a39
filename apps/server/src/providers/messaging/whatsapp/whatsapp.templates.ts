/**
 * A message template as the Graph API lists it (`GET /{WABA}/message_templates`):
 * `{name, language, status, category, components: [{type: "BODY", text: "Hi {{1}}"}, ...]}`.
 * TeleHub fills the body's positional variables ({{1}}..{{n}}); a template whose header or
 * buttons also take variables is kept but marked as not sendable from TeleHub.
 */

export type WhatsAppTemplate = {
  name: string;
  language: string;
  status: string;
  category: string;
  bodyText: string;
  /** The highest {{n}} in the body (Meta requires exactly that many body parameters). */
  variableCount: number;
  /** False when the header or buttons need parameters TeleHub does not fill. */
  sendable: boolean;
};

const VARIABLE = /\{\{\s*(\d+)\s*\}\}/g;

/** How many positional variables a text needs: the highest {{n}} (0 for none). */
export function countVariables(text: string): number {
  let max = 0;
  for (const m of text.matchAll(VARIABLE)) max = Math.max(max, Number(m[1]));
  return max;
}

/** The body text with {{n}} replaced by the n-th parameter (a preview of what the lead reads). */
export function fillBody(text: string, parameters: string[]): string {
  return text.replace(VARIABLE, (whole, n: string) => parameters[Number(n) - 1] ?? whole);
}

type RawComponent = { type?: unknown; text?: unknown; format?: unknown; buttons?: { url?: unknown; type?: unknown }[] };

export function parseGraphTemplate(raw: unknown): WhatsAppTemplate | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r = raw as { name?: unknown; language?: unknown; status?: unknown; category?: unknown; components?: unknown };
  if (typeof r.name !== 'string' || typeof r.language !== 'string') return null;
  const components = Array.isArray(r.components) ? (r.components as RawComponent[]) : [];
  const kind = (c: RawComponent) => (typeof c.type === 'string' ? c.type.toUpperCase() : '');
  const body = components.find((c) => kind(c) === 'BODY');
  const bodyText = typeof body?.text === 'string' ? body.text : '';
  const header = components.find((c) => kind(c) === 'HEADER');
  const headerNeeds =
    (typeof header?.text === 'string' && countVariables(header.text) > 0) || (header !== undefined && header.format !== undefined && header.format !== 'TEXT');
  const buttons = components.find((c) => kind(c) === 'BUTTONS');
  const buttonNeeds = (buttons?.buttons ?? []).some((b) => typeof b.url === 'string' && countVariables(b.url) > 0);
  return {
    name: r.name,
    language: r.language,
    status: typeof r.status === 'string' ? r.status.toUpperCase() : 'UNKNOWN',
    category: typeof r.category === 'string' ? r.category.toUpperCase() : 'UNKNOWN',
    bodyText,
    variableCount: countVariables(bodyText),
    sendable: !headerNeeds && !buttonNeeds,
  };
}
