/**
 * The access export as a PDF the person can read: one section per holder of each lead, every
 * value on its own row under its path (`calls 1 · notes`), long values continued over several rows
 * so nothing is cut. Drawn by the reports' PDF writer (Noto fonts, Devanagari shaped), in English
 * or Hindi.
 */
import { PassThrough } from 'node:stream';
import type { Cell, DocSection, ReportDocument } from '@telehub/shared';
import { writeReportPdf } from '../reports/index.js';

const WORDS = {
  en: {
    title: 'Your data held by us',
    subtitle: (at: string, id: string) => `Access request ${id.slice(0, 8)} · exported ${at}`,
    field: 'Item',
    value: 'Value',
    lead: (n: number) => `Person record ${n}`,
    empty: '(nothing held)',
  },
  hi: {
    title: 'हमारे पास आपका डेटा',
    subtitle: (at: string, id: string) => `पहुँच अनुरोध ${id.slice(0, 8)} · निर्यात ${at}`,
    field: 'मद',
    value: 'मान',
    lead: (n: number) => `व्यक्ति रिकॉर्ड ${n}`,
    empty: '(कुछ नहीं रखा गया)',
  },
} as const;

/** Characters of a value a row shows; longer values continue on the rows below. */
const CHUNK = 90;

function flatten(value: unknown, path: string, out: [string, string][]): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) flatten(v, `${path} ${i + 1}`, out);
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, path ? `${path} · ${k}` : k, out);
    return;
  }
  out.push([path, String(value)]);
}

function rowsOf(value: unknown, emptyText: string): Record<string, Cell>[] {
  const pairs: [string, string][] = [];
  flatten(value, '', pairs);
  if (pairs.length === 0) return [{ field: emptyText, value: '' }];
  const rows: Record<string, Cell>[] = [];
  for (const [field, text] of pairs) {
    const flat = text.replace(/\s+/g, ' ');
    for (let at = 0; at === 0 || at < flat.length; at += CHUNK) rows.push({ field: at === 0 ? field : '', value: flat.slice(at, at + CHUNK) });
  }
  return rows;
}

/** The export (as `leads.privacy.exportData` made it) as a PDF, in a buffer. */
export async function accessExportPdf(data: Record<string, unknown>, requestId: string, lang: 'en' | 'hi'): Promise<Buffer> {
  const w = WORDS[lang];
  const people = Array.isArray(data.leads) ? (data.leads as Record<string, unknown>[]) : [];
  const columns = [
    { key: 'field', label: w.field, type: 'text' as const },
    { key: 'value', label: w.value, type: 'text' as const },
  ];
  const sections: DocSection[] = people.flatMap((person, i) =>
    Object.entries(person).map(([holder, held]) => ({
      title: `${w.lead(i + 1)} · ${holder}`,
      table: { columns, rows: rowsOf(held, w.empty) },
    })),
  );
  const exportedAt = typeof data.exportedAt === 'string' ? data.exportedAt : new Date().toISOString();
  const doc: ReportDocument = {
    title: w.title,
    subtitle: w.subtitle(exportedAt.slice(0, 16).replace('T', ' '), requestId),
    generatedAt: new Date(),
    lang,
    sections,
  };
  const out = new PassThrough();
  const parts: Buffer[] = [];
  out.on('data', (b: Buffer) => parts.push(b));
  await writeReportPdf(doc, out);
  return Buffer.concat(parts);
}
