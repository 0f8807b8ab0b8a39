/**
 * The PDF writer: a report with every kind of chart, a table long enough to break across pages and Hindi mixed with
 * Latin text comes out as a whole PDF with the Noto fonts embedded; cells are formatted the Indian way; text is split
 * into runs by script and cut to widths without breaking a syllable.
 */
import { PassThrough } from 'node:stream';
import { inflateSync } from 'node:zlib';
import type { ReportDocument } from '@telehub/shared';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fitText, formatCell, formatGeneratedAt, formatSeconds, niceScale, registerReportFonts, textRuns, textWidth, writeReportPdf } from './reports.pdf.js';

/** Writes a report to memory. */
async function render(doc: ReportDocument): Promise<{ pages: number; pdf: Buffer }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const { pages } = await writeReportPdf(doc, out);
  return { pages, pdf: Buffer.concat(chunks) };
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h));
const WEEKDAYS = ['सोम', 'मंगल', 'बुध', 'गुरु', 'शुक्र', 'शनि', 'रवि'];
const DAYS = Array.from({ length: 30 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);

/** A report with all four charts, Hindi and mixed labels, and a 140-row table. */
function sampleReport(): ReportDocument {
  return {
    title: 'रिपोर्ट: Campaign performance',
    subtitle: '1 Nov 2026 – 30 Nov 2026 · टीम: North Sales · स्रोत: सभी',
    generatedAt: new Date('2026-12-04T16:10:00Z'),
    lang: 'hi',
    sections: [
      {
        title: 'कन्वर्ज़न फ़नल',
        chart: {
          type: 'funnel',
          stages: [
            { label: 'बनाए गए', value: 1_234_567 },
            { label: 'संपर्क हुआ', value: 612_000, note: '49.6% पिछले से' },
            { label: 'इच्छुक', value: 140_500, note: '23.0% पिछले से' },
            { label: 'कन्वर्ज़न', value: 31_020, note: '22.1% पिछले से' },
          ],
        },
        table: {
          columns: [
            { key: 'stage', label: 'चरण', type: 'text' },
            { key: 'leads', label: 'लीड', type: 'int' },
            { key: 'fromPrevious', label: 'पिछले से', type: 'percent' },
            { key: 'hours', label: 'औसत घंटे', type: 'number' },
          ],
          rows: [
            { stage: 'बनाए गए', leads: 1_234_567, fromPrevious: null, hours: null },
            { stage: 'संपर्क हुआ', leads: 612_000, fromPrevious: 0.4957, hours: 5.25 },
            { stage: 'इच्छुक', leads: 140_500, fromPrevious: 0.2296, hours: 30.5 },
            { stage: 'कन्वर्ज़न', leads: 31_020, fromPrevious: 0.2208, hours: 71 },
          ],
        },
      },
      {
        title: 'अभियान (Campaigns)',
        chart: {
          type: 'bar',
          categories: ['Diwali home loans', 'फीस kitni', 'Renewals Q4', 'बिना अभियान', 'Gold loan follow-ups and reminders'],
          series: [
            { name: 'कनेक्ट दर', values: [0.42, 0.318, 0.5, 0.12, 0.275] },
            { name: 'कन्वर्ज़न दर', values: [0.081, 0.05, 0.121, 0.02, 0.066] },
          ],
          format: 'percent',
        },
        table: {
          columns: [
            { key: 'name', label: 'अभियान', type: 'text' },
            { key: 'dials', label: 'डायल', type: 'int' },
            { key: 'connectRate', label: 'कनेक्ट दर', type: 'percent' },
            { key: 'talk', label: 'बातचीत का समय', type: 'seconds' },
            { key: 'aht', label: 'औसत हैंडल समय', type: 'seconds' },
            { key: 'cost', label: 'लागत', type: 'money' },
            { key: 'start', label: 'शुरुआत', type: 'date' },
            { key: 'lastCall', label: 'आख़िरी कॉल', type: 'datetime' },
          ],
          rows: Array.from({ length: 140 }, (_, i) => ({
            name: i % 7 === 0 ? 'फीस कितनी है? पिछली बार बहुत महंगा बताया था। Very long campaign name' : `Campaign ${i + 1} – कन्वर्ज़न दर`,
            dials: 1000 + i * 137,
            connectRate: (i % 10) / 10,
            talk: 3600 * (i % 3) + i * 61,
            aht: i % 5 === 0 ? null : 95 + i,
            cost: i % 4 === 0 ? null : 25_000.5 + i * 1000,
            start: '2026-11-01',
            lastCall: new Date(Date.UTC(2026, 10, 30, 8, 35 + i)),
          })),
        },
      },
      {
        title: 'दिन-ब-दिन (Day by day)',
        chart: {
          type: 'line',
          categories: DAYS.map((d) => formatCell(d, 'date')),
          series: [
            { name: 'Dials', values: DAYS.map((_, i) => 400 + ((i * 53) % 170)) },
            { name: 'Connects', values: DAYS.map((_, i) => (i === 12 ? null : 150 + ((i * 31) % 90))) },
            { name: 'कन्वर्ज़न', values: DAYS.map((_, i) => 20 + ((i * 7) % 25)) },
          ],
          format: 'int',
        },
        table: {
          columns: [
            { key: 'day', label: 'दिन', type: 'date' },
            { key: 'dials', label: 'Dials', type: 'int' },
          ],
          rows: DAYS.slice(0, 5).map((day, i) => ({ day, dials: 400 + i })),
        },
      },
      {
        title: 'कब कॉल करें',
        chart: {
          type: 'heatmap',
          rows: WEEKDAYS,
          columns: HOURS,
          values: WEEKDAYS.map((_, d) => HOURS.map((_, h) => (h < 8 || h > 21 ? null : ((d * 24 + h) % 37) / 60))),
          format: 'percent',
        },
        table: {
          columns: [
            { key: 'weekday', label: 'दिन', type: 'text' },
            { key: 'hour', label: 'घंटा', type: 'int' },
            { key: 'rate', label: 'कनेक्ट दर', type: 'percent' },
          ],
          rows: [
            { weekday: 'सोम', hour: 11, rate: 0.6 },
            { weekday: 'बुध', hour: 18, rate: 0.583 },
          ],
        },
      },
    ],
  };
}

/** The page objects in a PDF (not the /Pages tree). */
function pageObjects(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?![s\w])/g)?.length ?? 0;
}

/** The PDF's streams inflated (page contents, fonts), as latin1 text. */
function inflatedStreams(pdf: Buffer): string {
  const out: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    try {
      out.push(inflateSync(Buffer.from(m[1] ?? '', 'latin1')).toString('latin1'));
    } catch {
      // not deflated
    }
  }
  return out.join('\n');
}

/** A string as UTF-16BE in a PDF literal string, escaped as pdfkit writes it. */
function pdfLiteral(s: string): string {
  const escapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '(': '\\(', ')': '\\)', '\\': '\\\\' };
  return Array.from(Buffer.from(s, 'utf16le').swap16().toString('latin1'), (ch) => escapes[ch] ?? ch).join('');
}

describe('writeReportPdf', () => {
  it('writes a whole PDF with all four charts, a table over several pages and the fonts embedded', async () => {
    const { pages, pdf } = await render(sampleReport());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(pageObjects(pdf)).toBe(pages);
    const text = pdf.toString('latin1');
    expect(text).toContain('NotoSansDevanagari-Regular');
    expect(text).toContain('NotoSansDevanagari-Bold');
    expect(text).toContain('NotoSans-Regular');
    expect(text).toContain('NotoSans-Bold');
    expect(text).toContain('/Lang (hi-IN)');
    // Devanagari runs carry their words in logical order for copying and screen readers.
    const contents = inflatedStreams(pdf);
    expect(contents).toContain('/Span <<');
    expect(contents).toContain('/ActualText');
    expect(contents).toContain(`/ActualText (\u00fe\u00ff${pdfLiteral('फीस कितनी है')})`);
  });

  it('writes a one-page English report with an empty table and no chart', async () => {
    const { pages, pdf } = await render({
      title: 'Funnel',
      subtitle: 'Nothing yet',
      generatedAt: new Date('2026-12-04T16:10:00Z'),
      lang: 'en',
      sections: [{ title: 'Stages', table: { columns: [{ key: 'stage', label: 'Stage', type: 'text' }], rows: [] } }],
    });
    expect(pages).toBe(1);
    expect(pageObjects(pdf)).toBe(1);
    expect(pdf.toString('latin1')).toContain('NotoSans-Regular');
  });
});

describe('formatCell', () => {
  it('formats numbers the Indian way', () => {
    expect(formatCell(1_234_567, 'int')).toBe('12,34,567');
    expect(formatCell(999.6, 'int')).toBe('1,000');
    expect(formatCell(-0.2, 'int')).toBe('0');
    expect(formatCell(1234.567, 'number')).toBe('1,234.57');
    expect(formatCell(0.123, 'percent')).toBe('12.3%');
    expect(formatCell(1, 'percent')).toBe('100.0%');
    expect(formatCell(1234.5, 'money')).toBe('₹1,234.50');
    expect(formatCell(12_345_678.9, 'money')).toBe('₹1,23,45,678.90');
    expect(formatCell('42', 'int')).toBe('42');
  });

  it('formats durations as m:ss or h:mm:ss', () => {
    expect(formatCell(0, 'seconds')).toBe('0:00');
    expect(formatCell(65, 'seconds')).toBe('1:05');
    expect(formatCell(599.6, 'seconds')).toBe('10:00');
    expect(formatCell(3725, 'seconds')).toBe('1:02:05');
    expect(formatSeconds(36_000)).toBe('10:00:00');
  });

  it('formats dates and times in Asia/Kolkata', () => {
    expect(formatCell('2026-12-04', 'date')).toBe('4 Dec 2026');
    expect(formatCell(new Date('2026-12-03T20:00:00Z'), 'date')).toBe('4 Dec 2026');
    expect(formatCell(new Date('2026-12-04T08:35:00Z'), 'datetime')).toBe('4 Dec 2026, 14:05');
    expect(formatCell('2026-12-04T08:35:00Z', 'datetime')).toBe('4 Dec 2026, 14:05');
    expect(formatCell(new Date('2026-09-01T00:00:00Z'), 'date')).toBe('1 Sep 2026');
    expect(formatGeneratedAt(new Date('2026-12-04T16:10:00Z'))).toBe('4 Dec 2026, 21:40 IST');
  });

  it('shows missing values as an en dash and text as it is', () => {
    for (const type of ['text', 'int', 'number', 'seconds', 'percent', 'money', 'date', 'datetime'] as const) {
      expect(formatCell(null, type)).toBe('–');
    }
    expect(formatCell(undefined, 'int')).toBe('–');
    expect(formatCell(Number.NaN, 'percent')).toBe('–');
    expect(formatCell('फीस  kitni\n', 'text')).toBe('फीस kitni');
  });
});

describe('textRuns', () => {
  it('splits text by script, keeping spaces, marks and joiners with their run', () => {
    expect(textRuns('फीस kitni')).toEqual([
      { script: 'devanagari', text: 'फीस ' },
      { script: 'latin', text: 'kitni' },
    ]);
    expect(textRuns('12 लीड, 3 कॉल।')).toEqual([
      { script: 'latin', text: '12 ' },
      { script: 'devanagari', text: 'लीड' },
      { script: 'latin', text: ', 3 ' },
      { script: 'devanagari', text: 'कॉल।' },
    ]);
    expect(textRuns('क्\u200dष')).toEqual([{ script: 'devanagari', text: 'क्\u200dष' }]);
    expect(textRuns(' ꣲ')).toEqual([{ script: 'devanagari', text: ' ꣲ' }]);
    expect(textRuns('café')).toEqual([{ script: 'latin', text: 'café' }]);
    expect(textRuns('  ')).toEqual([{ script: 'latin', text: '  ' }]);
    expect(textRuns('')).toEqual([]);
  });
});

describe('measuring and cutting text', () => {
  const pdf = new PDFDocument({ autoFirstPage: false });
  registerReportFonts(pdf);
  const style = { size: 10 };

  it('measures mixed text run by run', () => {
    const mixed = textWidth(pdf, 'फीस kitni', style);
    expect(mixed).toBeCloseTo(textWidth(pdf, 'फीस ', style) + textWidth(pdf, 'kitni', style), 5);
    expect(mixed).toBeGreaterThan(20);
  });

  it('cuts text to a width with an ellipsis, never inside a conjunct', () => {
    expect(fitText(pdf, 'Short', 200, style)).toBe('Short');
    const cut = fitText(pdf, 'Gold loan follow-ups and reminders', 60, style);
    expect(cut.endsWith('…')).toBe(true);
    expect(textWidth(pdf, cut, style)).toBeLessThanOrEqual(60);
    for (let width = 8; width < 60; width += 2) {
      const hindi = fitText(pdf, 'कन्वर्ज़न दर', width, style);
      expect(textWidth(pdf, hindi, style)).toBeLessThanOrEqual(width);
      expect(hindi).not.toMatch(/\u094d…$/);
    }
  });
});

describe('niceScale', () => {
  it('rounds axes to whole counts, round percentages and minutes', () => {
    expect(niceScale(0, 87, 'int')).toEqual({ min: 0, max: 100, step: 20 });
    expect(niceScale(0, 3, 'int')).toEqual({ min: 0, max: 3, step: 1 });
    expect(niceScale(0, 0, 'int')).toEqual({ min: 0, max: 5, step: 1 });
    expect(niceScale(0, 0.42, 'percent').max).toBeCloseTo(0.5);
    expect(niceScale(0, 1400, 'seconds')).toEqual({ min: 0, max: 1500, step: 300 });
  });
});
