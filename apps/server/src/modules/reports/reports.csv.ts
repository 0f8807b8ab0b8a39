/**
 * A report as CSV: UTF-8 with a BOM (so Excel reads Hindi), CRLF lines, one block per section (its
 * title, the header, the rows, a blank line) and then the detail rows. Values are plain for other
 * programs: numbers without separators, ratios for percentages, whole seconds, ISO dates in Indian
 * time. Text goes through csvCell, which defuses formulas. Written with backpressure, so a million
 * detail rows take constant memory.
 */
import { finished } from 'node:stream/promises';
import type { Cell, ColumnType, DocColumn, ReportDocument } from '@telehub/shared';
import { csvCell, csvLine } from '../../platform/csv.js';
import { type DetailSheet, dateOf, drained, isoInZone, numberOf, ProgressCounter, REPORT_TIME_ZONE, toWallClock, type WrittenReport } from './reports.cells.js';

const BOM = '\uFEFF';
const CRLF = '\r\n';
/** Lines are gathered into chunks of about this many characters before they are written. */
const CHUNK_CHARS = 64 * 1024;
/** A number as formatNumber writes it: safe to write unquoted (it cannot be read as a formula). */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/;

/** `n` rounded to at most `places` decimals, written without thousands separators. */
function formatNumber(n: number, places: number): string {
  const factor = 10 ** places;
  return String(Math.round(n * factor) / factor);
}

/** A number in a column of a type: int and seconds whole, percent as a ratio to 4 places. */
function numberText(type: ColumnType, n: number): string {
  switch (type) {
    case 'int':
    case 'seconds':
      return formatNumber(n, 0);
    case 'percent':
      return formatNumber(n, 4);
    case 'money':
      return formatNumber(n, 2);
    default:
      return formatNumber(n, 6);
  }
}

/** The day an instant falls on in the report's zone, as `YYYY-MM-DD`. */
function dayInZone(instant: Date): string {
  return toWallClock(instant, REPORT_TIME_ZONE).toISOString().slice(0, 10);
}

/**
 * One cell, escaped for CSV: dates as ISO (a date column as the day in Indian time, a datetime with
 * the +05:30 offset), numbers plain, anything else as text through csvCell.
 */
export function csvValue(type: ColumnType, value: Cell): string {
  if (value === null || value === undefined) return '';
  const date = dateOf(value);
  if (date && (type === 'date' || type === 'datetime' || value instanceof Date)) {
    if (date.kind === 'day') return date.day.toISOString().slice(0, 10);
    return type === 'date' ? dayInZone(date.instant) : isoInZone(date.instant, REPORT_TIME_ZONE);
  }
  const n = numberOf(value);
  if (n !== null) {
    // csvCell would put a quote before a negative number; these digits are no formula.
    const text = numberText(type, n);
    return PLAIN_NUMBER.test(text) ? text : csvCell(text);
  }
  return typeof value === 'number' ? '' : csvCell(value);
}

/** A table's header line. */
function headerLine(columns: DocColumn[]): string {
  return csvLine(columns.map((c) => c.label));
}

/** A table's data line. */
function rowLine(columns: DocColumn[], row: Record<string, Cell>): string {
  return `${columns.map((c) => csvValue(c.type, row[c.key] ?? null)).join(',')}${CRLF}`;
}

/** Gathers lines into chunks and writes them to `out`, waiting when it asks to. */
class ChunkedWriter {
  private pending = '';
  private failure: Error | undefined;
  private readonly onError = (error: Error) => {
    this.failure ??= error;
  };

  constructor(private readonly out: NodeJS.WritableStream) {
    out.on('error', this.onError);
  }

  /** Adds text; writes when a chunk is full. */
  async add(text: string): Promise<void> {
    this.pending += text;
    if (this.pending.length >= CHUNK_CHARS) await this.flush();
  }

  /** Writes what is gathered, and waits for the output to drain if it is full. */
  async flush(): Promise<void> {
    this.check();
    if (!this.pending) return;
    const chunk = this.pending;
    this.pending = '';
    if (!this.out.write(chunk, 'utf8')) await drained(this.out);
    this.check();
  }

  /** Writes the rest, ends the output and waits until it has finished. */
  async end(): Promise<void> {
    try {
      await this.flush();
      this.out.end();
      await finished(this.out);
    } finally {
      this.out.off('error', this.onError);
    }
  }

  /** Throws when the output failed or was closed. */
  private check(): void {
    if (this.failure) throw this.failure;
    if (!this.out.writable) throw new Error('the output closed before the report was written');
  }
}

/** Closes a failed output so a half-written file does not look complete (no 'error': the caller may not listen). */
function destroyOutput(out: NodeJS.WritableStream): void {
  if ('destroy' in out && typeof out.destroy === 'function') out.destroy();
}

/**
 * Writes the report as CSV to `out` and ends it: a block per section, then the detail rows if
 * given. `onProgress` is called every few thousand detail rows with the count so far. Charts are
 * not written (their numbers are in the tables). If writing fails, `out` is destroyed.
 */
export async function writeReportCsv(
  doc: ReportDocument,
  out: NodeJS.WritableStream,
  detail?: DetailSheet,
  onProgress?: (rows: number) => void,
): Promise<WrittenReport> {
  const writer = new ChunkedWriter(out);
  const progress = new ProgressCounter(onProgress);
  try {
    await writer.add(BOM);
    for (const section of doc.sections) {
      const { columns, rows } = section.table;
      await writer.add(csvLine([section.title]) + headerLine(columns));
      for (const row of rows) await writer.add(rowLine(columns, row));
      await writer.add(CRLF);
    }
    if (detail) {
      await writer.add(csvLine([detail.title]) + headerLine(detail.columns));
      for await (const row of detail.rows) {
        await writer.add(rowLine(detail.columns, row));
        progress.add();
      }
    }
    await writer.end();
  } catch (error) {
    destroyOutput(out);
    throw error;
  }
  progress.finish();
  return { detailRows: progress.rows };
}
