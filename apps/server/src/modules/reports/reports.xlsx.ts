/**
 * A report as an Excel workbook, written by exceljs's streaming writer: one sheet per section and
 * one for the detail rows, each with a title, a bold frozen header with a filter, typed cells
 * (numbers, durations that sum, real dates in Indian time) and column widths from the content.
 * Rows are committed as they are written and the writer waits for the zip to drain, so a million
 * detail rows take constant memory.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Cell, ColumnType, DocColumn, ReportDocument } from '@telehub/shared';
import ExcelJS from 'exceljs';
import { type DetailSheet, drained, numberOf, ProgressCounter, startOfDay, toWallClock, type WrittenReport, wallClockOf } from './reports.cells.js';

export type { DetailSheet, WrittenReport } from './reports.cells.js';

/** Row 1 is the title, row 2 the subtitle, row 3 the header; data starts on row 4. */
const TITLE_ROW = 1;
const SUBTITLE_ROW = 2;
const HEADER_ROW = 3;
/** Detail rows read ahead to size the detail sheet's columns (widths are written before any row). */
const WIDTH_SAMPLE_ROWS = 1_000;
/** Excel refuses longer cell text. */
const MAX_CELL_TEXT = 32_767;
/** At least 10: exceljs leaves out a width of 9, its idea of the default. */
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** The number format of each typed column. */
export const EXCEL_FORMATS: Record<Exclude<ColumnType, 'text'>, string> = {
  int: '#,##0',
  number: '#,##0.0',
  percent: '0.0%',
  money: '"₹"#,##0.00',
  seconds: '[h]:mm:ss',
  date: 'd mmm yyyy',
  datetime: 'd mmm yyyy hh:mm',
};

type Style = Partial<ExcelJS.Style>;
/** The styles a workbook uses. One object per style: exceljs maps an object to its style id once. */
type Styles = { title: Style; subtitle: Style; header: Style; text: Style; formats: Record<keyof typeof EXCEL_FORMATS, Style> };

/** Fresh style objects for one workbook. */
function makeStyles(): Styles {
  const format = (type: keyof typeof EXCEL_FORMATS): Style => ({ numFmt: EXCEL_FORMATS[type] });
  return {
    title: { font: { bold: true, size: 14 } },
    subtitle: { font: { italic: true, color: { argb: 'FF595959' } } },
    header: {
      font: { bold: true },
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } },
      border: { bottom: { style: 'thin', color: { argb: 'FF8EA9C9' } } },
      alignment: { vertical: 'middle', wrapText: false },
    },
    text: {},
    formats: {
      int: format('int'),
      number: format('number'),
      percent: format('percent'),
      money: format('money'),
      seconds: format('seconds'),
      date: format('date'),
      datetime: format('datetime'),
    },
  };
}

// ── Sheet names ─────────────────────────────────────────────────────────────────────────────────

const MAX_SHEET_NAME = 31;
/** Characters Excel forbids in a sheet name. */
const FORBIDDEN_IN_SHEET_NAME = /[[\]:*?/\\]/g;

/** The first `max` UTF-16 units of `s`, without cutting a surrogate pair in half. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A valid Excel sheet name from a title: no `[]:*?/\`, no apostrophe at either end, at most 31
 * characters, and not one of `taken` (compared as Excel does, ignoring case). The result is added
 * to `taken`.
 */
export function sheetName(title: string, taken: Set<string>, fallback = 'Sheet'): string {
  const clean = (s: string) =>
    s
      .replace(FORBIDDEN_IN_SHEET_NAME, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  const base = clean(cut(clean(title), MAX_SHEET_NAME)) || fallback;
  // "History" is reserved by Excel.
  const free = (name: string) => !taken.has(name.toLowerCase()) && name.toLowerCase() !== 'history';
  let name = base;
  for (let n = 2; !free(name); n++) {
    const suffix = ` (${n})`;
    name = `${cut(base, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

// ── Cells ───────────────────────────────────────────────────────────────────────────────────────

type ExcelValue = string | number | Date | null;
type StyleKey = keyof Styles['formats'] | 'text';
/** A cell as written: its value and which style formats it. */
type ExcelCell = { value: ExcelValue; style: StyleKey };

const EMPTY: ExcelCell = { value: null, style: 'text' };

/** Text for a cell: as given, cut to what Excel accepts. */
function excelText(value: string): string {
  return value.length > MAX_CELL_TEXT ? cut(value, MAX_CELL_TEXT) : value;
}

/**
 * How a value is written in a column of a type: numbers as numbers (seconds as a fraction of a day,
 * so `[h]:mm:ss` shows and sums them), dates as wall-clock Dates in Indian time, text as text. A
 * value that does not fit its column (text in a number column) is written as it is, unformatted.
 */
export function excelCell(type: ColumnType, value: Cell): ExcelCell {
  if (value === null || value === undefined) return EMPTY;
  if (type === 'date' || type === 'datetime') {
    const wall = wallClockOf(value);
    if (wall) return { value: type === 'date' ? startOfDay(wall) : wall, style: type };
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? EMPTY : { value: toWallClock(value), style: 'datetime' };
  if (typeof value === 'string') return { value: excelText(value), style: 'text' };
  const n = numberOf(value);
  if (n === null) return EMPTY;
  switch (type) {
    case 'text':
    case 'date':
    case 'datetime':
      return { value: n, style: 'text' };
    case 'seconds':
      return { value: n / 86_400, style: 'seconds' };
    default:
      return { value: n, style: type };
  }
}

// ── Column widths ───────────────────────────────────────────────────────────────────────────────

const thousands = new Intl.NumberFormat('en-IN', { maximumFractionDigits: 2 });

/** Roughly how many characters a value takes once Excel formats it. */
function displayLength(type: ColumnType, value: Cell): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return value.split(/\r?\n/).reduce((max, line) => Math.max(max, line.length), 0);
  if (value instanceof Date) return type === 'date' ? 11 : 17;
  if (!Number.isFinite(value)) return 0;
  switch (type) {
    case 'seconds':
      return `${Math.floor(Math.abs(value) / 3600)}:00:00`.length + (value < 0 ? 1 : 0);
    case 'percent':
      return (value * 100).toFixed(1).length + 1;
    case 'money':
      return thousands.format(Math.round(value)).length + 4;
    case 'number':
      return thousands.format(Math.round(value)).length + 2;
    default:
      return thousands.format(value).length;
  }
}

/** Tracks the widest value of each column. */
class Widths {
  private readonly widths: number[];
  constructor(private readonly columns: DocColumn[]) {
    // The header plus room for the filter button.
    this.widths = columns.map((c) => c.label.length + 3);
  }

  /** Widens the columns to fit a row. */
  fit(row: Record<string, Cell>): void {
    this.columns.forEach((c, i) => {
      const length = displayLength(c.type, row[c.key] ?? null);
      if (length > (this.widths[i] ?? 0)) this.widths[i] = length;
    });
  }

  /** The widths in Excel's units, with a little padding and within bounds. */
  result(): number[] {
    return this.widths.map((w) => Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2)));
  }
}

// ── Sheets ──────────────────────────────────────────────────────────────────────────────────────

/** The stream the zip reads a worksheet from, as far as backpressure goes. */
type ZipInput = { stream: NodeJS.EventEmitter; needsDrain(): boolean };

/** Whether a writable (Node's, or readable-stream's as archiver uses) has more buffered than it wants. */
function needDrainOf(stream: object): boolean | undefined {
  const flag: unknown = Reflect.get(stream, 'writableNeedDrain');
  if (typeof flag === 'boolean') return flag;
  const state: unknown = Reflect.get(stream, '_writableState');
  const legacy: unknown = typeof state === 'object' && state !== null ? Reflect.get(state, 'needDrain') : undefined;
  return typeof legacy === 'boolean' ? legacy : undefined;
}

/**
 * The stream exceljs writes a worksheet's XML into on its way to the zip. exceljs ignores
 * backpressure there, so the writer watches it instead. This reaches into internals (the
 * WorksheetWriter's `stream` is a StreamBuf piped into archiver's input, a readable-stream
 * PassThrough) and gives undefined if they change, in which case the writer only yields to the
 * event loop now and then.
 */
function zipInputOf(sheet: ExcelJS.Worksheet): ZipInput | undefined {
  const buffer: unknown = Reflect.get(sheet, 'stream');
  const pipes: unknown = typeof buffer === 'object' && buffer !== null ? Reflect.get(buffer, 'pipes') : undefined;
  const input: unknown = Array.isArray(pipes) ? pipes[0] : undefined;
  if (!(input instanceof EventEmitter) || needDrainOf(input) === undefined) return undefined;
  return { stream: input, needsDrain: () => needDrainOf(input) === true };
}

/** Writes one table to its own worksheet, row by row. */
class SheetWriter {
  private nextRow = HEADER_ROW + 1;
  private readonly zipInput: ZipInput | undefined;

  constructor(
    private readonly sheet: ExcelJS.Worksheet,
    private readonly columns: DocColumn[],
    private readonly styles: Styles,
  ) {
    this.zipInput = zipInputOf(sheet);
  }

  /** Adds a worksheet with the title, subtitle and header written, ready for rows. */
  static open(
    workbook: ExcelJS.stream.xlsx.WorkbookWriter,
    name: string,
    head: { title: string; subtitle: string },
    columns: DocColumn[],
    widths: number[],
    styles: Styles,
  ) {
    const sheet = workbook.addWorksheet(name, {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
    });
    widths.forEach((width, i) => {
      sheet.getColumn(i + 1).width = width;
    });
    const writer = new SheetWriter(sheet, columns, styles);
    writer.line(TITLE_ROW, head.title, styles.title);
    writer.line(SUBTITLE_ROW, head.subtitle, styles.subtitle);
    const header = sheet.getRow(HEADER_ROW);
    columns.forEach((column, i) => {
      const cell = header.getCell(i + 1);
      cell.value = excelText(column.label);
      cell.style = styles.header;
    });
    header.commit();
    return writer;
  }

  /** A row with one piece of text in column A. */
  private line(rowNumber: number, text: string, style: Style): void {
    const row = this.sheet.getRow(rowNumber);
    const cell = row.getCell(1);
    cell.value = excelText(text);
    cell.style = style;
    row.commit();
  }

  /** Writes and commits one data row. */
  write(record: Record<string, Cell>): void {
    const row = this.sheet.getRow(this.nextRow++);
    this.columns.forEach((column, i) => {
      const { value, style } = excelCell(column.type, record[column.key] ?? null);
      if (value === null) return;
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.style = style === 'text' ? this.styles.text : this.styles.formats[style];
    });
    row.commit();
  }

  /**
   * Waits while the zip has more of this sheet than it can take (and gives the compressor a turn
   * when that cannot be seen), so rows are not produced faster than they are written out.
   */
  async relieve(failure: Promise<never>): Promise<void> {
    if (this.zipInput?.needsDrain()) await Promise.race([drained(this.zipInput.stream), failure]);
    else if (!this.zipInput) await Promise.race([new Promise<void>((resolve) => setImmediate(resolve)), failure]);
  }

  /** Puts the filter on the header and the data below it, and commits the sheet. */
  close(): void {
    if (this.columns.length > 0) {
      this.sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: Math.max(HEADER_ROW, this.nextRow - 1), column: this.columns.length } };
    }
    this.sheet.commit();
  }
}

/** Reads up to `count` rows ahead of the rest; `done` when the iterator ended within them. */
async function readAhead<T>(rows: AsyncIterator<T>, count: number): Promise<{ sample: T[]; done: boolean }> {
  const sample: T[] = [];
  while (sample.length < count) {
    const next = await rows.next();
    if (next.done) return { sample, done: true };
    sample.push(next.value);
  }
  return { sample, done: false };
}

/** Streams the detail rows into their own sheet, sized from the first thousand rows. */
async function writeDetailSheet(
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  name: string,
  head: { title: string; subtitle: string },
  detail: DetailSheet,
  styles: Styles,
  progress: ProgressCounter,
  failure: Promise<never>,
): Promise<void> {
  const rows = detail.rows[Symbol.asyncIterator]();
  let finished = false;
  try {
    const { sample, done } = await readAhead(rows, WIDTH_SAMPLE_ROWS);
    finished = done;
    const widths = new Widths(detail.columns);
    for (const row of sample) widths.fit(row);
    const writer = SheetWriter.open(workbook, name, head, detail.columns, widths.result(), styles);
    const write = async (row: Record<string, Cell>) => {
      writer.write(row);
      if (progress.add()) await writer.relieve(failure);
    };
    for (const row of sample) await write(row);
    sample.length = 0;
    while (!finished) {
      const next = await rows.next();
      if (next.done) finished = true;
      else await write(next.value);
    }
    writer.close();
  } finally {
    if (!finished) await rows.return?.();
  }
}

/**
 * Writes the report as an .xlsx workbook to `out` and ends it: a sheet per section, then the
 * detail rows if given. `onProgress` is called every few thousand detail rows with the count so
 * far. Charts are not drawn (the PDF has them). If the detail rows fail, `out` is destroyed with
 * the error (a half-written file must not look complete).
 */
export async function writeReportXlsx(
  doc: ReportDocument,
  out: NodeJS.WritableStream,
  detail?: DetailSheet,
  onProgress?: (rows: number) => void,
): Promise<WrittenReport> {
  const zipped = new PassThrough();
  const piped = pipeline(zipped, out);
  const failure = new Promise<never>((_, reject) => {
    piped.catch(reject);
  });
  failure.catch(() => undefined);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: zipped, useStyles: true, useSharedStrings: false });
  workbook.creator = 'TeleHub';
  workbook.created = doc.generatedAt;
  workbook.title = doc.title;
  const styles = makeStyles();
  const taken = new Set<string>();
  const progress = new ProgressCounter(onProgress);
  try {
    doc.sections.forEach((section, i) => {
      const widths = new Widths(section.table.columns);
      for (const row of section.table.rows) widths.fit(row);
      const name = sheetName(section.title, taken, `Sheet ${i + 1}`);
      const head = { title: `${doc.title} · ${section.title}`, subtitle: doc.subtitle };
      const writer = SheetWriter.open(workbook, name, head, section.table.columns, widths.result(), styles);
      for (const row of section.table.rows) writer.write(row);
      writer.close();
    });
    if (detail) {
      const head = { title: `${doc.title} · ${detail.title}`, subtitle: doc.subtitle };
      await writeDetailSheet(workbook, sheetName(detail.title, taken, 'Detail'), head, detail, styles, progress, failure);
    }
    await Promise.race([workbook.commit(), failure]);
    await piped;
  } catch (error) {
    zipped.destroy(error instanceof Error ? error : new Error(String(error)));
    await piped.catch(() => undefined);
    throw error;
  }
  progress.finish();
  return { detailRows: progress.rows };
}
