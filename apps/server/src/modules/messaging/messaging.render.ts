/**
 * Email templates: {{name}} variables in the subject and body, filled from what the sender gives.
 * The text part is the body as written; the HTML part escapes every character of the template
 * and the values (a lead's name cannot inject markup), paragraphs from blank lines.
 */

const NAMED = /\{\{\s*([A-Za-z0-9_]{1,40})\s*\}\}/g;

/** The variable names a template uses, in order of first use. */
export function variablesOf(...texts: string[]): string[] {
  const out: string[] = [];
  for (const t of texts) for (const m of t.matchAll(NAMED)) if (m[1] && !out.includes(m[1])) out.push(m[1]);
  return out;
}

const fill = (text: string, values: Record<string, string>, encode: (s: string) => string) =>
  text.replace(NAMED, (whole, name: string) => (Object.hasOwn(values, name) ? encode(values[name] ?? '') : encode(whole)));

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** Names the template uses that `values` lacks (or leaves blank). */
export function missingVariables(template: { subject: string; body: string }, values: Record<string, string>): string[] {
  return variablesOf(template.subject, template.body).filter((n) => !values[n]?.trim());
}

export function renderEmail(template: { subject: string; body: string }, values: Record<string, string>): { subject: string; text: string; html: string } {
  // A subject is one line: a value with a line break would otherwise start a header.
  const subject = fill(template.subject, values, (s) => s).replace(/[\r\n]+/g, ' ');
  const text = fill(template.body, values, (s) => s);
  const paragraphs = template.body.split(/\n{2,}/).map((p) => `<p>${fill(escapeHtml(p), values, escapeHtml).replace(/\n/g, '<br>')}</p>`);
  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">${paragraphs.join('\n')}</body></html>`;
  return { subject, text, html };
}
