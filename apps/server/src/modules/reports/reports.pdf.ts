/**
 * The PDF writer for reports: lays a {@link ReportDocument} out on A4 pages with pdfkit. The first page opens with
 * the title and subtitle; each section has a heading, its chart drawn as vector graphics and its table (the header
 * row repeated when the table breaks across pages); every page ends with a footer naming TeleHub, when the file was
 * made and the page number.
 *
 * Text may mix scripts (a Hindi label with digits, a Latin name in a Hindi report): every string is split into runs
 * by script and each run drawn and measured with its Noto font. fontkit, under pdfkit, shapes the Devanagari runs
 * with its Indic shaper (matras reordered, conjuncts, reph and nukta forms), which was checked by rendering.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Cell, ColumnType, DocChart, DocColumn, DocSection, DocTable, ReportDocument } from '@telehub/shared';
import PDFDocument from 'pdfkit';

type Pdf = PDFKit.PDFDocument;
type Lang = ReportDocument['lang'];

// ── Fonts ───────────────────────────────────────────────────────────────────────────────────────

/** The shipped fonts: the same depth above src/ and dist/. */
const FONT_DIR = fileURLToPath(new URL('../../../assets/fonts/', import.meta.url));

const FONT_FILES = {
  latin: 'NotoSans-Regular.ttf',
  'latin-bold': 'NotoSans-Bold.ttf',
  devanagari: 'NotoSansDevanagari-Regular.ttf',
  'devanagari-bold': 'NotoSansDevanagari-Bold.ttf',
} as const;
type FontName = keyof typeof FONT_FILES;

const fontBytes = new Map<FontName, Buffer>();

/** A font file's bytes, read once per process. */
function fontData(name: FontName): Buffer {
  let bytes = fontBytes.get(name);
  if (!bytes) {
    bytes = readFileSync(`${FONT_DIR}${FONT_FILES[name]}`);
    fontBytes.set(name, bytes);
  }
  return bytes;
}

/** Registers the four Noto fonts with a document under the names `latin`, `latin-bold`, `devanagari`, `devanagari-bold`. */
export function registerReportFonts(pdf: Pdf): void {
  // Registered by name only: pdfkit reopens (and reparses) a registered font on every switch when the same font
  // was already opened under another key, so the document's default font must not be one of these.
  for (const name of Object.keys(FONT_FILES) as FontName[]) pdf.registerFont(name, fontData(name));
}

// ── Script runs ─────────────────────────────────────────────────────────────────────────────────

export type Script = 'latin' | 'devanagari';
/** A stretch of text drawn with one font. */
export type TextRun = { script: Script; text: string };

/** Devanagari, Devanagari Extended and the Vedic Extensions (marks used with Devanagari). */
function isDevanagari(codePoint: number): boolean {
  return (codePoint >= 0x0900 && codePoint <= 0x097f) || (codePoint >= 0xa8e0 && codePoint <= 0xa8ff) || (codePoint >= 0x1cd0 && codePoint <= 0x1cff);
}

/** Characters that keep the script of the run they follow: whitespace, combining marks, ZWJ and ZWNJ. */
const NEUTRAL = /^[\s\p{M}\u200c\u200d]$/u;

/**
 * Splits a string into runs by script. Devanagari (U+0900–U+097F, U+A8E0–U+A8FF, with its danda) makes Devanagari
 * runs; combining marks, ZWJ/ZWNJ and whitespace stay with the run before them (at the very start, with the run
 * after them); everything else is Latin.
 */
export function textRuns(s: string): TextRun[] {
  const runs: TextRun[] = [];
  let leading = '';
  for (const ch of s) {
    const codePoint = ch.codePointAt(0) ?? 0;
    const script: Script | null = isDevanagari(codePoint) ? 'devanagari' : NEUTRAL.test(ch) ? null : 'latin';
    const last = runs[runs.length - 1];
    if (script === null) {
      if (last) last.text += ch;
      else leading += ch;
    } else if (last?.script === script) {
      last.text += ch;
    } else {
      runs.push({ script, text: leading + ch });
      leading = '';
    }
  }
  if (leading) runs.push({ script: 'latin', text: leading });
  return runs;
}

// ── Measuring and drawing text ──────────────────────────────────────────────────────────────────

/** How a piece of text looks. */
export type TextStyle = { size: number; bold?: boolean; color?: string };

/** Line height as a multiple of the font size: room for Devanagari's matras above and below. */
const LINE = 1.4;
/** From the top of a line to its baseline, as a multiple of the font size. */
const BASELINE = 1.0;
const ELLIPSIS = '…';

/** Selects the font for a run's script in the given style. */
function useFont(pdf: Pdf, script: Script, style: TextStyle): void {
  const name: FontName = script === 'devanagari' ? (style.bold ? 'devanagari-bold' : 'devanagari') : style.bold ? 'latin-bold' : 'latin';
  pdf.font(name).fontSize(style.size);
}

/** The width of a string drawn run by run, each with its script's font. */
export function textWidth(pdf: Pdf, s: string, style: TextStyle): number {
  let width = 0;
  for (const run of textRuns(s)) {
    useFont(pdf, run.script, style);
    width += pdf.widthOfString(run.text);
  }
  return width;
}

const graphemes = new Intl.Segmenter('hi', { granularity: 'grapheme' });

/**
 * Grapheme clusters, with Devanagari conjuncts kept whole: a cluster ending in a virama (and ZWJ/ZWNJ) joins the
 * consonant after it, whatever the ICU version's segmentation rules.
 */
function clusters(s: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemes.segment(s)) {
    const last = out[out.length - 1];
    if (last !== undefined && /\u094d[\u200c\u200d]?$/.test(last) && /^[\u0915-\u0939\u0958-\u095f\u0978-\u097f]/.test(segment)) {
      out[out.length - 1] = last + segment;
    } else {
      out.push(segment);
    }
  }
  return out;
}

/** The string cut to fit `width`, with an ellipsis when anything was cut (never inside a syllable). */
export function fitText(pdf: Pdf, s: string, width: number, style: TextStyle): string {
  // A hair of slack: widths planned at one size and drawn at another differ in the last bits.
  const maxWidth = width + 0.01;
  if (textWidth(pdf, s, style) <= maxWidth) return s;
  const parts = clusters(s);
  const cut = (count: number): string => `${parts.slice(0, count).join('').trimEnd()}${ELLIPSIS}`;
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (textWidth(pdf, cut(mid), style) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  if (lo > 0) return cut(lo);
  return textWidth(pdf, ELLIPSIS, style) <= maxWidth ? ELLIPSIS : '';
}

/** Breaks text into lines of at most `width` on spaces; at most `maxLines`, the last ending in an ellipsis if cut. */
export function wrapText(pdf: Pdf, s: string, width: number, style: TextStyle, maxLines = Number.POSITIVE_INFINITY): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of s.trim().split(/\s+/)) {
    if (!word) continue;
    const candidate = line ? `${line} ${word}` : word;
    if (!line || textWidth(pdf, candidate, style) <= width) {
      line = candidate;
    } else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) lines.splice(maxLines - 1, lines.length, lines.slice(maxLines - 1).join(' '));
  return lines.map((l) => fitText(pdf, l, width, style));
}

/**
 * Draws a string with its left end at `x` and its baseline at `baseline`, run by run; returns its width. Shaped
 * Devanagari glyphs are in visual order (ि before its consonant), so each Devanagari run carries its text as
 * ActualText: copying, searching and screen readers get the words as written.
 */
function drawRuns(pdf: Pdf, s: string, x: number, baseline: number, style: TextStyle): number {
  let cursor = x;
  pdf.fillColor(style.color ?? INK);
  for (const run of textRuns(s)) {
    useFont(pdf, run.script, style);
    const width = pdf.widthOfString(run.text);
    if (run.script === 'devanagari') pdf.markContent('Span', { actual: run.text, lang: 'hi' });
    pdf.text(run.text, cursor, baseline, { lineBreak: false, baseline: 'alphabetic' });
    if (run.script === 'devanagari') pdf.endMarkedContent();
    cursor += width;
  }
  return cursor - x;
}

type Align = 'left' | 'right' | 'center';

/** Draws one line of text in a box `width` wide whose top is `top`, cut with an ellipsis to fit, aligned. */
function drawLine(pdf: Pdf, s: string, x: number, top: number, width: number, style: TextStyle, align: Align = 'left'): void {
  const text = fitText(pdf, s, width, style);
  if (!text) return;
  const used = align === 'left' ? 0 : textWidth(pdf, text, style);
  const left = align === 'right' ? x + width - used : align === 'center' ? x + (width - used) / 2 : x;
  drawRuns(pdf, text, left, top + style.size * BASELINE, style);
}

// ── Formatting cells ────────────────────────────────────────────────────────────────────────────

/** Reports are read in India: times are shown in Indian Standard Time. */
const TIME_ZONE = 'Asia/Kolkata';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;
const NO_VALUE = '–';

const intFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 0 });
const numberFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const tickPercentFormat = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 1 });
const moneyFormat = new Intl.NumberFormat('en-IN', { style: 'currency', currency: 'INR', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const kolkata = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A whole number with Indian grouping: 12,34,567. */
function formatInt(n: number): string {
  return intFormat.format(Math.round(n) + 0);
}

/** A duration as m:ss, or h:mm:ss from an hour. */
export function formatSeconds(seconds: number): string {
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const sign = seconds < 0 && total > 0 ? '-' : '';
  return h > 0 ? `${sign}${h}:${String(m).padStart(2, '0')}:${s}` : `${sign}${m}:${s}`;
}

/** A 0..1 ratio as a percentage with one decimal: 12.3%. */
function formatPercent(ratio: number): string {
  return `${percentFormat.format(ratio * 100 + 0)}%`;
}

/** The calendar fields of an instant in Asia/Kolkata. */
function kolkataParts(date: Date): { year: number; month: number; day: number; hour: string; minute: string } {
  const parts = Object.fromEntries(kolkata.formatToParts(date).map((p) => [p.type, p.value]));
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day), hour: parts.hour ?? '00', minute: parts.minute ?? '00' };
}

/** 4 Dec 2026. */
function dayText(year: number, month: number, day: number): string {
  return `${day} ${MONTHS[month - 1] ?? '?'} ${year}`;
}

/** A date: a YYYY-MM-DD day as it is, an instant as its day in Asia/Kolkata. */
function formatDate(value: Date | string): string {
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return dayText(Number(day[1]), Number(day[2]), Number(day[3]));
  }
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = kolkataParts(date);
  return dayText(p.year, p.month, p.day);
}

/** An instant in Asia/Kolkata: 4 Dec 2026, 14:05. */
function formatDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = kolkataParts(date);
  return `${dayText(p.year, p.month, p.day)}, ${p.hour}:${p.minute}`;
}

/** When the report was made, for the footer: 4 Dec 2026, 21:40 IST. */
export function formatGeneratedAt(date: Date): string {
  return `${formatDateTime(date)} IST`;
}

/** Whether a column holds numbers (drawn right-aligned). */
function isNumeric(type: ColumnType): boolean {
  return type === 'int' || type === 'number' || type === 'seconds' || type === 'percent' || type === 'money';
}

/** A number from a numeric cell, or null when it holds none. */
function numberOf(value: Cell): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** A cell as shown in the PDF; null (or an unreadable number) as an en dash. */
export function formatCell(value: Cell | undefined, type: ColumnType): string {
  if (value === null || value === undefined) return NO_VALUE;
  switch (type) {
    case 'text':
      return (value instanceof Date ? formatDateTime(value) : String(value)).replace(/\s+/g, ' ').trim();
    case 'date':
      return typeof value === 'number' ? formatDate(new Date(value)) : formatDate(value);
    case 'datetime':
      return typeof value === 'number' ? formatDateTime(new Date(value)) : formatDateTime(value);
    default: {
      const n = numberOf(value);
      if (n === null) return typeof value === 'string' && value.trim() !== '' ? value : NO_VALUE;
      if (type === 'int') return formatInt(n);
      if (type === 'seconds') return formatSeconds(n);
      if (type === 'percent') return formatPercent(n);
      if (type === 'money') return moneyFormat.format(n + 0);
      return numberFormat.format(n + 0);
    }
  }
}

type ChartFormat = 'int' | 'percent' | 'seconds';

/** A value drawn in a chart. Axis ticks drop needless decimals from percentages (25%, 12.5%). */
function formatChartValue(value: number, format: ChartFormat, tick = false): string {
  if (format === 'percent') return tick ? `${tickPercentFormat.format(value * 100 + 0)}%` : formatPercent(value);
  if (format === 'seconds') return formatSeconds(value);
  return formatInt(value);
}

// ── Page layout ─────────────────────────────────────────────────────────────────────────────────

const MARGIN = { top: 48, bottom: 56, left: 48, right: 48 };
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const GRID = '#e4e7eb';
const ZEBRA = '#f3f5f8';
const HEADER_FILL = '#e3e8ee';
/** Okabe–Ito: distinguishable with the common colour-vision deficiencies. */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'] as const;
/** ColorBrewer YlGnBu, light to dark: sequential and colour-blind safe. */
const RAMP = ['#ffffd9', '#edf8b1', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#253494', '#081d58'] as const;

/** The writer's own words. */
const WORDS = {
  en: { generated: 'Generated', page: (i: number, n: number) => `Page ${i} of ${n}`, continued: 'continued', noData: 'No data', low: 'Low', high: 'High' },
  hi: { generated: 'तैयार', page: (i: number, n: number) => `पृष्ठ ${i} / ${n}`, continued: 'जारी', noData: 'कोई डेटा नहीं', low: 'कम', high: 'अधिक' },
} as const;
type Words = (typeof WORDS)[Lang];

/** Where the next thing goes, and the printable area. */
type Layout = { pdf: Pdf; words: Words; x: number; width: number; top: number; bottom: number; y: number };

/** A rectangle to draw a chart in. */
type Box = { x: number; y: number; w: number; h: number };

/** The colour of the i-th series. */
function seriesColor(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#0072B2';
}

/** Starts a new page; the next thing goes at its top. */
function newPage(layout: Layout): void {
  layout.pdf.addPage();
  layout.y = layout.top;
}

/** Starts a new page unless `height` more fits on this one; true when a page was added. */
function ensureSpace(layout: Layout, height: number): boolean {
  if (layout.y + height <= layout.bottom) return false;
  newPage(layout);
  return true;
}

/** A horizontal rule across the printable width. */
function rule(pdf: Pdf, x: number, y: number, width: number, color = RULE, lineWidth = 0.6): void {
  pdf
    .save()
    .lineWidth(lineWidth)
    .strokeColor(color)
    .moveTo(x, y)
    .lineTo(x + width, y)
    .stroke()
    .restore();
}

/** The title and subtitle at the top of the first page. */
function drawDocumentHeader(layout: Layout, doc: ReportDocument): void {
  const { pdf } = layout;
  pdf.save().rect(layout.x, layout.y, 40, 3).fill(PALETTE[0]).restore();
  layout.y += 10;
  const title: TextStyle = { size: 18, bold: true, color: INK };
  for (const line of wrapText(pdf, doc.title, layout.width, title, 2)) {
    drawLine(pdf, line, layout.x, layout.y, layout.width, title);
    layout.y += title.size * 1.3;
  }
  layout.y += 4;
  const subtitle: TextStyle = { size: 9.5, color: MUTED };
  for (const line of wrapText(pdf, doc.subtitle, layout.width, subtitle, 3)) {
    drawLine(pdf, line, layout.x, layout.y, layout.width, subtitle);
    layout.y += subtitle.size * LINE;
  }
  layout.y += 6;
  rule(pdf, layout.x, layout.y, layout.width);
  layout.y += 16;
}

/** "TeleHub · Generated …" and "Page X of Y" at the foot of every page, written once all pages exist. */
function drawFooters(pdf: Pdf, doc: ReportDocument, words: Words): number {
  const range = pdf.bufferedPageRange();
  const style: TextStyle = { size: 7.5, color: MUTED };
  const left = `TeleHub · ${words.generated} ${formatGeneratedAt(doc.generatedAt)}`;
  for (let i = 0; i < range.count; i++) {
    pdf.switchToPage(range.start + i);
    const width = pdf.page.width - MARGIN.left - MARGIN.right;
    const top = pdf.page.height - MARGIN.bottom + 18;
    rule(pdf, MARGIN.left, top - 5, width, RULE, 0.5);
    const pageText = words.page(i + 1, range.count);
    const pageWidth = textWidth(pdf, pageText, style);
    drawLine(pdf, left, MARGIN.left, top, width - pageWidth - 12, style);
    drawLine(pdf, pageText, MARGIN.left, top, width, style, 'right');
  }
  return range.count;
}

// ── Charts ──────────────────────────────────────────────────────────────────────────────────────

const TICK: TextStyle = { size: 6.5, color: MUTED };
const LEGEND: TextStyle = { size: 7.5, color: INK };
const CATEGORY: TextStyle = { size: 7, color: INK };

type LegendItem = { label: string; color: string; marker: Marker | 'square' };

/** Draws legend entries left to right, wrapping; returns the height used. */
function drawLegend(pdf: Pdf, items: LegendItem[], x: number, y: number, width: number): number {
  const lineH = LEGEND.size * LINE;
  let cx = x;
  let cy = y;
  for (const item of items) {
    const label = fitText(pdf, item.label, width - 20, LEGEND);
    const w = 14 + textWidth(pdf, label, LEGEND);
    if (cx > x && cx + w > x + width) {
      cx = x;
      cy += lineH;
    }
    const mid = cy + lineH / 2;
    if (item.marker === 'square') {
      pdf
        .save()
        .rect(cx, mid - 4, 8, 8)
        .fill(item.color)
        .restore();
    } else {
      pdf
        .save()
        .lineWidth(1.5)
        .strokeColor(item.color)
        .moveTo(cx - 1, mid)
        .lineTo(cx + 9, mid)
        .stroke()
        .restore();
      drawMarker(pdf, item.marker, cx + 4, mid, item.color);
    }
    drawRuns(pdf, label, cx + 12, cy + (lineH - LEGEND.size) / 2 + LEGEND.size * 0.85, LEGEND);
    cx += w + 12;
  }
  return cy - y + lineH;
}

/** An axis from `min` to `max` in round steps. */
type Scale = { min: number; max: number; step: number };

/** Step sizes a duration axis may use, in seconds. */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** A round axis covering `lo..hi` in about `ticks` steps; whole steps for counts, minute steps for durations. */
export function niceScale(lo: number, hi: number, format: ChartFormat, ticks = 5): Scale {
  const min = Math.min(lo, 0);
  let max = Math.max(hi, 0);
  if (max <= min) max = min + (format === 'percent' ? 1 : format === 'seconds' ? 60 : 5);
  const raw = (max - min) / ticks;
  let step: number;
  if (format === 'seconds' && raw >= 1) {
    step = SECOND_STEPS.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
  } else {
    const magnitude = 10 ** Math.floor(Math.log10(raw));
    const norm = raw / magnitude;
    const factors = format === 'int' ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
    step = (factors.find((f) => f >= norm - 1e-9) ?? 10) * magnitude;
    if (format === 'int') step = Math.max(1, Math.round(step));
  }
  return { min: Math.floor(min / step + 1e-9) * step, max: Math.ceil(max / step - 1e-9) * step, step };
}

/** The tick values of a scale. */
function ticksOf(scale: Scale): number[] {
  const out: number[] = [];
  for (let v = scale.min; v <= scale.max + scale.step / 1e6; v += scale.step) out.push(Math.round(v / scale.step) * scale.step);
  return out;
}

/** The plot area of an axis chart and how values map onto it. */
type Plot = { x: number; y: number; w: number; h: number; scale: Scale; yOf: (v: number) => number };

/** Draws the value axis (gridlines and tick labels) of a chart whose plot sits in `box`; returns the plot. */
function drawValueAxis(pdf: Pdf, box: Box, scale: Scale, format: ChartFormat): Plot {
  const ticks = ticksOf(scale);
  const labels = ticks.map((t) => formatChartValue(t, format, true));
  const axisW = Math.max(...labels.map((l) => textWidth(pdf, l, TICK))) + 6;
  const plot: Plot = {
    x: box.x + axisW,
    y: box.y,
    w: box.w - axisW,
    h: box.h,
    scale,
    yOf: (v) => box.y + box.h - ((v - scale.min) / (scale.max - scale.min)) * box.h,
  };
  ticks.forEach((t, i) => {
    const y = plot.yOf(t);
    rule(pdf, plot.x, y, plot.w, t === 0 ? '#7b8794' : GRID, t === 0 ? 0.8 : 0.5);
    drawLine(pdf, labels[i] ?? '', box.x, y - TICK.size * 0.7, axisW - 4, TICK, 'right');
  });
  pdf
    .save()
    .lineWidth(0.8)
    .strokeColor('#7b8794')
    .moveTo(plot.x, plot.y)
    .lineTo(plot.x, plot.y + plot.h)
    .stroke()
    .restore();
  return plot;
}

/** Draws category labels under slots of a plot, cut to fit, every n-th one when they are too crowded. */
function drawCategoryLabels(pdf: Pdf, labels: string[], plot: Plot, top: number, bounds: Box): void {
  if (labels.length === 0) return;
  const slot = plot.w / labels.length;
  const widest = Math.max(...labels.map((l) => textWidth(pdf, l, CATEGORY)));
  const every = widest + 4 <= slot || slot >= 30 ? 1 : Math.ceil(Math.min(widest + 6, 64) / slot);
  labels.forEach((label, i) => {
    if (i % every !== 0) return;
    const width = slot * every - 2;
    const center = plot.x + slot * (i + 0.5);
    const left = Math.min(Math.max(center - width / 2, bounds.x), bounds.x + bounds.w - width);
    drawLine(pdf, label, left, top, width, CATEGORY, 'center');
  });
}

/** A message in place of a chart with nothing to draw. */
function drawEmptyChart(pdf: Pdf, box: Box, words: Words): void {
  pdf.save().rect(box.x, box.y, box.w, box.h).fill(ZEBRA).restore();
  drawLine(pdf, words.noData, box.x, box.y + box.h / 2 - 6, box.w, { size: 9, color: MUTED }, 'center');
}

/** Grouped vertical bars, one colour per series, with value labels above and category labels below. */
function drawBarChart(pdf: Pdf, chart: Extract<DocChart, { type: 'bar' }>, box: Box, words: Words): void {
  const legendH = drawLegend(
    pdf,
    chart.series.map((s, i) => ({ label: s.name, color: seriesColor(i), marker: 'square' })),
    box.x,
    box.y,
    box.w,
  );
  const values = chart.series.flatMap((s) => s.values).filter(Number.isFinite);
  const area: Box = { x: box.x, y: box.y + legendH + 10, w: box.w, h: box.h - legendH - 10 - 16 };
  if (chart.categories.length === 0 || chart.series.length === 0 || values.length === 0) {
    drawEmptyChart(pdf, area, words);
    return;
  }
  const plot = drawValueAxis(pdf, area, niceScale(Math.min(...values), Math.max(...values), chart.format), chart.format);
  const slot = plot.w / chart.categories.length;
  const groupW = slot * 0.78;
  const barW = groupW / chart.series.length;
  const valueStyle: TextStyle = { size: 6, color: INK };
  const labelsFit = values.every((v) => textWidth(pdf, formatChartValue(v, chart.format), valueStyle) <= Math.max(barW, slot / chart.series.length) - 1);
  const zero = plot.yOf(Math.max(0, plot.scale.min));
  chart.series.forEach((series, si) => {
    series.values.forEach((v, ci) => {
      if (!Number.isFinite(v) || ci >= chart.categories.length) return;
      const x = plot.x + slot * ci + (slot - groupW) / 2 + barW * si;
      const y = plot.yOf(v);
      pdf
        .save()
        .rect(x + 0.4, Math.min(y, zero), Math.max(barW - 0.8, 0.5), Math.abs(zero - y))
        .fill(seriesColor(si))
        .restore();
      if (labelsFit) {
        const label = formatChartValue(v, chart.format);
        const w = textWidth(pdf, label, valueStyle);
        drawRuns(pdf, label, x + barW / 2 - w / 2, (v >= 0 ? y : zero) - 2, valueStyle);
      }
    });
  });
  drawCategoryLabels(pdf, chart.categories, plot, plot.y + plot.h + 3, box);
}

type Marker = 'circle' | 'square-marker' | 'triangle' | 'diamond';
/** Point markers for line series: shape as well as colour tells the series apart. */
const MARKERS: Marker[] = ['circle', 'square-marker', 'triangle', 'diamond'];

/** Draws a point marker centred on (x, y). */
function drawMarker(pdf: Pdf, marker: Marker, x: number, y: number, color: string): void {
  const r = 2.2;
  pdf.save();
  if (marker === 'circle') pdf.circle(x, y, r);
  else if (marker === 'square-marker') pdf.rect(x - r, y - r, r * 2, r * 2);
  else if (marker === 'triangle') pdf.polygon([x, y - r * 1.2], [x + r * 1.2, y + r], [x - r * 1.2, y + r]);
  else pdf.polygon([x, y - r * 1.3], [x + r * 1.3, y], [x, y + r * 1.3], [x - r * 1.3, y]);
  pdf.fill(color).restore();
}

/** Lines over the categories with axes, gridlines and point markers; a null value breaks the line. */
function drawLineChart(pdf: Pdf, chart: Extract<DocChart, { type: 'line' }>, box: Box, words: Words): void {
  const markerOf = (i: number): Marker => MARKERS[i % MARKERS.length] ?? 'circle';
  const legendH = drawLegend(
    pdf,
    chart.series.map((s, i) => ({ label: s.name, color: seriesColor(i), marker: markerOf(i) })),
    box.x,
    box.y,
    box.w,
  );
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const area: Box = { x: box.x, y: box.y + legendH + 10, w: box.w, h: box.h - legendH - 10 - 16 };
  if (chart.categories.length === 0 || values.length === 0) {
    drawEmptyChart(pdf, area, words);
    return;
  }
  const plot = drawValueAxis(pdf, area, niceScale(Math.min(...values), Math.max(...values), chart.format), chart.format);
  const slot = plot.w / chart.categories.length;
  const xOf = (i: number): number => plot.x + slot * (i + 0.5);
  const showMarkers = chart.categories.length <= 62;
  chart.series.forEach((series, si) => {
    const color = seriesColor(si);
    pdf.save().lineWidth(1.4).strokeColor(color).lineJoin('round');
    let drawing = false;
    series.values.forEach((v, i) => {
      if (v === null || !Number.isFinite(v) || i >= chart.categories.length) {
        drawing = false;
        return;
      }
      if (drawing) pdf.lineTo(xOf(i), plot.yOf(v));
      else pdf.moveTo(xOf(i), plot.yOf(v));
      drawing = true;
    });
    pdf.stroke().restore();
    if (showMarkers) {
      series.values.forEach((v, i) => {
        if (v !== null && Number.isFinite(v) && i < chart.categories.length) drawMarker(pdf, markerOf(si), xOf(i), plot.yOf(v), color);
      });
    }
  });
  pdf
    .save()
    .lineWidth(0.8)
    .strokeColor('#7b8794')
    .moveTo(plot.x, plot.y + plot.h)
    .lineTo(plot.x + plot.w, plot.y + plot.h)
    .stroke()
    .restore();
  drawCategoryLabels(pdf, chart.categories, plot, plot.y + plot.h + 3, box);
}

const FUNNEL_ROW = 22;
const FUNNEL_GAP = 5;

/** Horizontal bars, centred and narrowing with the count; the stage on the left, the count and note beside. */
function drawFunnel(pdf: Pdf, chart: Extract<DocChart, { type: 'funnel' }>, box: Box, words: Words): void {
  if (chart.stages.length === 0) {
    drawEmptyChart(pdf, box, words);
    return;
  }
  const label: TextStyle = { size: 8.5, color: INK };
  const count: TextStyle = { size: 8.5, bold: true, color: INK };
  const note: TextStyle = { size: 7.5, color: MUTED };
  const labelW = Math.min(Math.max(...chart.stages.map((s) => textWidth(pdf, s.label, label))) + 10, box.w * 0.26);
  const sideW = box.w * 0.3;
  const barX = box.x + labelW;
  const barW = box.w - labelW - sideW - 10;
  const max = Math.max(1, ...chart.stages.map((s) => s.value));
  const color = PALETTE[0];
  let previous: { x: number; w: number; bottom: number } | null = null;
  chart.stages.forEach((stage, i) => {
    const top = box.y + i * (FUNNEL_ROW + FUNNEL_GAP);
    const w = Math.max(1.5, (Math.max(stage.value, 0) / max) * barW);
    const x = barX + (barW - w) / 2;
    if (previous) {
      pdf
        .save()
        .polygon([previous.x, previous.bottom], [previous.x + previous.w, previous.bottom], [x + w, top], [x, top])
        .fillOpacity(0.18)
        .fill(color)
        .restore();
    }
    pdf.save().rect(x, top, w, FUNNEL_ROW).fill(color).restore();
    previous = { x, w, bottom: top + FUNNEL_ROW };
    const textTop = top + (FUNNEL_ROW - label.size * LINE) / 2 + 1;
    drawLine(pdf, stage.label, box.x, textTop, labelW - 8, label, 'right');
    const countText = formatInt(stage.value);
    const sideX = barX + barW + 10;
    drawLine(pdf, countText, sideX, textTop, sideW, count);
    if (stage.note) {
      const used = textWidth(pdf, countText, count) + 6;
      drawLine(pdf, stage.note, sideX + used, textTop + 0.8, sideW - used, note);
    }
  });
}

/** The funnel's height for its stages. */
function funnelHeight(chart: Extract<DocChart, { type: 'funnel' }>): number {
  return Math.max(1, chart.stages.length) * (FUNNEL_ROW + FUNNEL_GAP);
}

/** Parses #rrggbb. */
function rgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The ramp's colour at t in 0..1, light to dark. */
function rampColor(t: number): [number, number, number] {
  const at = Math.min(Math.max(t, 0), 1) * (RAMP.length - 1);
  const i = Math.min(Math.floor(at), RAMP.length - 2);
  const a = rgb(RAMP[i] ?? RAMP[0]);
  const b = rgb(RAMP[i + 1] ?? RAMP[0]);
  const f = at - i;
  return [Math.round(a[0] + (b[0] - a[0]) * f), Math.round(a[1] + (b[1] - a[1]) * f), Math.round(a[2] + (b[2] - a[2]) * f)];
}

const HEAT_CELL_H = 14;
const HEAT_LEGEND_H = 26;

/** A grid (7 weekdays × 24 hours) shaded light to dark by value, with a legend from the lowest to the highest. */
function drawHeatmap(pdf: Pdf, chart: Extract<DocChart, { type: 'heatmap' }>, box: Box, words: Words): void {
  const values = chart.values.flat().filter((v): v is number => v !== null && Number.isFinite(v));
  if (chart.rows.length === 0 || chart.columns.length === 0) {
    drawEmptyChart(pdf, box, words);
    return;
  }
  const rowLabelW = Math.max(...chart.rows.map((r) => textWidth(pdf, r, CATEGORY))) + 8;
  const cellW = (box.w - rowLabelW) / chart.columns.length;
  const gridX = box.x + rowLabelW;
  const gridY = box.y + 13;
  const lo = values.length ? Math.min(...values) : 0;
  const hi = values.length ? Math.max(...values) : 1;
  const widest = Math.max(...chart.columns.map((c) => textWidth(pdf, c, TICK)));
  const every = widest + 2 <= cellW ? 1 : Math.ceil((widest + 4) / cellW);
  chart.columns.forEach((c, ci) => {
    if (ci % every === 0) drawLine(pdf, c, gridX + cellW * ci - cellW, box.y, cellW * 3, TICK, 'center');
  });
  chart.rows.forEach((r, ri) => {
    const y = gridY + ri * HEAT_CELL_H;
    drawLine(pdf, r, box.x, y + (HEAT_CELL_H - CATEGORY.size * LINE) / 2 + 0.5, rowLabelW - 6, CATEGORY, 'right');
    chart.columns.forEach((_, ci) => {
      const v = chart.values[ri]?.[ci] ?? null;
      const x = gridX + cellW * ci;
      if (v === null || !Number.isFinite(v)) {
        pdf
          .save()
          .rect(x + 0.6, y + 0.6, cellW - 1.2, HEAT_CELL_H - 1.2)
          .lineWidth(0.4)
          .fillAndStroke('#ffffff', GRID)
          .restore();
      } else {
        pdf
          .save()
          .rect(x + 0.3, y + 0.3, cellW - 0.6, HEAT_CELL_H - 0.6)
          .fill(rampColor(hi > lo ? (v - lo) / (hi - lo) : 1))
          .restore();
      }
    });
  });
  drawHeatLegend(pdf, box.x + rowLabelW, gridY + chart.rows.length * HEAT_CELL_H + 8, lo, hi, values.length === 0, chart.format, words);
}

/** The heatmap's legend: the lowest value, a light-to-dark strip, the highest value, and the empty cell. */
function drawHeatLegend(pdf: Pdf, x: number, y: number, lo: number, hi: number, empty: boolean, format: 'percent', words: Words): void {
  const loText = `${words.low} ${empty ? NO_VALUE : formatChartValue(lo, format)}`;
  const hiText = `${words.high} ${empty ? NO_VALUE : formatChartValue(hi, format)}`;
  const top = y + (10 - TICK.size * LINE) / 2;
  const loW = drawRuns(pdf, loText, x, top + TICK.size * BASELINE, TICK);
  const stripX = x + loW + 6;
  const stripW = 120;
  const steps = 48;
  for (let i = 0; i < steps; i++) {
    pdf
      .save()
      .rect(stripX + (stripW / steps) * i, y, stripW / steps + 0.3, 10)
      .fill(rampColor(i / (steps - 1)))
      .restore();
  }
  const hiW = drawRuns(pdf, hiText, stripX + stripW + 6, top + TICK.size * BASELINE, TICK);
  const emptyX = stripX + stripW + 6 + hiW + 18;
  pdf.save().rect(emptyX, y, 10, 10).lineWidth(0.4).fillAndStroke('#ffffff', '#9aa5b1').restore();
  drawRuns(pdf, words.noData, emptyX + 14, top + TICK.size * BASELINE, TICK);
}

/** The height a chart takes, legend and labels included. */
function chartHeight(chart: DocChart): number {
  switch (chart.type) {
    case 'bar':
    case 'line':
      return 190;
    case 'funnel':
      return funnelHeight(chart);
    case 'heatmap':
      return 13 + Math.max(1, chart.rows.length) * HEAT_CELL_H + 8 + HEAT_LEGEND_H;
  }
}

/** Draws a chart of any kind in its box. */
function drawChart(pdf: Pdf, chart: DocChart, box: Box, words: Words): void {
  switch (chart.type) {
    case 'bar':
      drawBarChart(pdf, chart, box, words);
      return;
    case 'line':
      drawLineChart(pdf, chart, box, words);
      return;
    case 'funnel':
      drawFunnel(pdf, chart, box, words);
      return;
    case 'heatmap':
      drawHeatmap(pdf, chart, box, words);
      return;
  }
}

// ── Tables ──────────────────────────────────────────────────────────────────────────────────────

/** Space either side of a cell's text, as a multiple of the font size. */
const CELL_PAD_X = 0.45;
const CELL_PAD_Y = 3;
/** Rows measured to size the columns; enough to see what a column holds. */
const SAMPLE_ROWS = 300;
/** Body font sizes to try, largest first, until the columns fit the page. */
const TABLE_SIZES = [8, 7.5, 7, 6.5, 6];
/** The narrowest a text column is cut to before anything else gives way. */
const TEXT_LEAST = 32;

/** How a table is laid out: its font sizes, column widths and header lines. */
type TablePlan = { body: TextStyle; head: TextStyle; padX: number; widths: number[]; headerLines: string[][]; headerH: number; rowH: number };

/** What a column needs at font size 1 (widths scale with the size): its widest cell, its longest header word, its whole header. */
type ColumnNeeds = { fixed: boolean; content: number; word: number; header: number };

/** Measures the columns once, over the first rows. Numbers and dates are "fixed": they are not cut while there is room. */
function columnNeeds(pdf: Pdf, table: DocTable): ColumnNeeds[] {
  const unit = 10;
  const body: TextStyle = { size: unit };
  const head: TextStyle = { size: unit, bold: true };
  const rows = table.rows.slice(0, SAMPLE_ROWS);
  return table.columns.map((column) => ({
    fixed: column.type !== 'text',
    content: Math.max(0, ...rows.map((row) => textWidth(pdf, formatCell(row[column.key], column.type), body))) / unit,
    word: Math.max(0, ...column.label.split(/\s+/).map((w) => textWidth(pdf, w, head))) / unit,
    header: textWidth(pdf, column.label, head) / unit,
  }));
}

/**
 * Column widths at a font size, filling `width`. Each column has a hard least width (a number or date whole, text
 * cut to {@link TEXT_LEAST}), a least width (its longest header word whole too) and a wished width (cells and the
 * header on one line). Level 0: header words stay whole; 1: header words are cut; 2: cells are cut as well.
 */
function columnWidths(needs: ColumnNeeds[], width: number, size: number): { widths: number[]; level: 0 | 1 | 2 } {
  const pad = 2 * CELL_PAD_X * size;
  const specs = needs.map((n) => {
    const hard = Math.max(14, n.fixed ? n.content * size : Math.min(n.content * size, TEXT_LEAST)) + pad;
    const least = Math.max(hard, Math.min(n.word * size, 70) + pad);
    const wished = Math.max(least, Math.min(Math.max(n.content * size, Math.min(n.header * size, 120)), n.fixed ? 120 : 220) + pad);
    return { fixed: n.fixed, hard, least, wished };
  });
  const sum = (pick: (c: (typeof specs)[number]) => number): number => specs.reduce((s, c) => s + pick(c), 0);
  const between = (from: (c: (typeof specs)[number]) => number, to: (c: (typeof specs)[number]) => number): number[] => {
    const ratio = (width - sum(from)) / Math.max(sum(to) - sum(from), 1e-9);
    return specs.map((c) => from(c) + (to(c) - from(c)) * Math.min(ratio, 1));
  };
  const sumWished = sum((c) => c.wished);
  if (sumWished <= width) {
    const growers = specs.some((c) => !c.fixed) ? specs.filter((c) => !c.fixed) : specs;
    const base = growers.reduce((s, c) => s + c.wished, 0);
    return { widths: specs.map((c) => (growers.includes(c) ? c.wished + ((width - sumWished) * c.wished) / base : c.wished)), level: 0 };
  }
  if (sum((c) => c.least) <= width)
    return {
      widths: between(
        (c) => c.least,
        (c) => c.wished,
      ),
      level: 0,
    };
  if (sum((c) => c.hard) <= width)
    return {
      widths: between(
        (c) => c.hard,
        (c) => c.least,
      ),
      level: 1,
    };
  const hard = sum((c) => c.hard);
  return { widths: specs.map((c) => (c.hard * width) / hard), level: 2 };
}

/**
 * Plans a table: the largest font size at which its header words stay whole, else the largest at which no cell is
 * cut, else the smallest; the header wraps onto up to three lines.
 */
function planTable(pdf: Pdf, table: DocTable, width: number): TablePlan {
  const needs = columnNeeds(pdf, table);
  const tries = TABLE_SIZES.map((size) => ({ size, ...columnWidths(needs, width, size) }));
  const chosen = tries.find((t) => t.level === 0) ?? tries.find((t) => t.level === 1) ?? tries[tries.length - 1];
  if (!chosen) throw new Error('no table font sizes');
  const { size, widths } = chosen;
  const body: TextStyle = { size, color: INK };
  const head: TextStyle = { size, bold: true, color: INK };
  const padX = CELL_PAD_X * size;
  const headerLines = table.columns.map((c, i) => wrapText(pdf, c.label, (widths[i] ?? 0) - 2 * padX, head, 3));
  const lines = Math.max(1, ...headerLines.map((l) => l.length));
  return { body, head, padX, widths, headerLines, headerH: lines * size * 1.25 + size * 0.35 + 2 * CELL_PAD_Y + 2, rowH: size * LINE + 2 * CELL_PAD_Y };
}

/** Draws the header row at the current position. */
function drawTableHeader(layout: Layout, columns: DocColumn[], plan: TablePlan): void {
  const { pdf } = layout;
  const width = plan.widths.reduce((s, w) => s + w, 0);
  pdf.save().rect(layout.x, layout.y, width, plan.headerH).fill(HEADER_FILL).restore();
  let x = layout.x;
  columns.forEach((column, i) => {
    const w = plan.widths[i] ?? 0;
    const lines = plan.headerLines[i] ?? [];
    const lineH = plan.head.size * 1.25;
    const top = layout.y + plan.headerH - CELL_PAD_Y - 1 - lines.length * lineH - plan.head.size * 0.35;
    lines.forEach((line, li) => {
      drawLine(pdf, line, x + plan.padX, top + li * lineH, w - 2 * plan.padX, plan.head, isNumeric(column.type) ? 'right' : 'left');
    });
    x += w;
  });
  layout.y += plan.headerH;
  rule(pdf, layout.x, layout.y, width, '#7b8794', 0.8);
}

/** Draws one body row at the current position; odd rows are shaded. */
function drawTableRow(layout: Layout, columns: DocColumn[], row: Record<string, Cell>, index: number, plan: TablePlan): void {
  const { pdf } = layout;
  if (index % 2 === 1)
    pdf
      .save()
      .rect(
        layout.x,
        layout.y,
        plan.widths.reduce((s, w) => s + w, 0),
        plan.rowH,
      )
      .fill(ZEBRA)
      .restore();
  let x = layout.x;
  columns.forEach((column, i) => {
    const w = plan.widths[i] ?? 0;
    const text = formatCell(row[column.key], column.type);
    drawLine(pdf, text, x + plan.padX, layout.y + CELL_PAD_Y, w - 2 * plan.padX, plan.body, isNumeric(column.type) ? 'right' : 'left');
    x += w;
  });
  layout.y += plan.rowH;
}

/** A line naming the section when its table goes on over a page. */
function drawContinued(layout: Layout, title: string): void {
  const style: TextStyle = { size: 8, color: MUTED };
  drawLine(layout.pdf, `${title} — ${layout.words.continued}`, layout.x, layout.y, layout.width, style);
  layout.y += style.size * LINE + 4;
}

/** Draws a section's table, starting new pages as needed with the header row again. */
function drawTable(layout: Layout, section: DocSection): void {
  const { pdf } = layout;
  const { table } = section;
  if (table.columns.length === 0) return;
  const plan = planTable(pdf, table, layout.width);
  const width = plan.widths.reduce((s, w) => s + w, 0);
  if (ensureSpace(layout, plan.headerH + plan.rowH * Math.min(3, Math.max(1, table.rows.length)))) drawContinued(layout, section.title);
  drawTableHeader(layout, table.columns, plan);
  if (table.rows.length === 0) {
    drawLine(pdf, layout.words.noData, layout.x, layout.y + CELL_PAD_Y, width, { size: plan.body.size, color: MUTED }, 'center');
    layout.y += plan.rowH;
  }
  table.rows.forEach((row, index) => {
    if (ensureSpace(layout, plan.rowH)) {
      drawContinued(layout, section.title);
      drawTableHeader(layout, table.columns, plan);
    }
    drawTableRow(layout, table.columns, row, index, plan);
  });
  rule(pdf, layout.x, layout.y, width, RULE, 0.6);
}

/** A section: its heading, its chart and its table; the heading stays on the page with what follows it. */
function drawSection(layout: Layout, section: DocSection): void {
  const { pdf } = layout;
  const heading: TextStyle = { size: 12.5, bold: true, color: INK };
  const headingH = heading.size * LINE + 8;
  const chartH = section.chart ? chartHeight(section.chart) + 16 : 0;
  ensureSpace(layout, headingH + (chartH || 60));
  pdf
    .save()
    .rect(layout.x, layout.y + 2, 3, heading.size * 1.1)
    .fill(PALETTE[0])
    .restore();
  drawLine(pdf, section.title, layout.x + 9, layout.y, layout.width - 9, heading);
  layout.y += headingH;
  if (section.chart) {
    drawChart(pdf, section.chart, { x: layout.x, y: layout.y, w: layout.width, h: chartHeight(section.chart) }, layout.words);
    layout.y += chartH;
  }
  drawTable(layout, section);
  layout.y += 22;
}

// ── The writer ──────────────────────────────────────────────────────────────────────────────────

/**
 * Writes a report as an A4 PDF to `out` and resolves once `out` has finished (the stream is ended), with the
 * number of pages. Rejects if drawing fails or either stream errors.
 */
export async function writeReportPdf(doc: ReportDocument, out: NodeJS.WritableStream): Promise<{ pages: number }> {
  const pdf: Pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: doc.lang === 'hi' ? 'hi-IN' : 'en-IN',
    displayTitle: true,
    info: { Title: doc.title, Subject: doc.subtitle, Author: 'TeleHub', Creator: 'TeleHub', CreationDate: doc.generatedAt },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', () => resolve());
    out.once('error', reject);
    pdf.once('error', reject);
  });
  pdf.pipe(out);
  let pages: number;
  try {
    registerReportFonts(pdf);
    const words = WORDS[doc.lang];
    const layout: Layout = {
      pdf,
      words,
      x: MARGIN.left,
      width: pdf.page.width - MARGIN.left - MARGIN.right,
      top: MARGIN.top,
      bottom: pdf.page.height - MARGIN.bottom,
      y: MARGIN.top,
    };
    drawDocumentHeader(layout, doc);
    for (const section of doc.sections) drawSection(layout, section);
    pages = drawFooters(pdf, doc, words);
    pdf.end();
  } catch (err) {
    pdf.unpipe(out);
    finished.catch(() => undefined);
    throw err;
  }
  await finished;
  return { pages };
}
