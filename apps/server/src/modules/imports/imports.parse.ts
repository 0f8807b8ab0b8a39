/**
 * Streaming readers for CSV and XLSX: rows come out one at a time, so a million-row file never
 * sits in memory. Anything that makes the file unreadable throws FileError with a message a
 * person can act on.
 */
import { type Readable, Transform } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';

export class FileError extends Error {
  override name = 'FileError';
}

export type ImportFormat = 'csv' | 'xlsx';

export type Sheet = {
  headers: string[];
  rows: AsyncGenerator<string[]>;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
};

export function formatOf(filename: string, mimetype?: string): ImportFormat | undefined {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.csv') || lower.endsWith('.txt') || mimetype === 'text/csv') return 'csv';
  if (lower.endsWith('.xlsx') || mimetype === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  return undefined;
}

function counter() {
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      bytes += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, bytes: () => bytes };
}

/** Offset of the first byte that is not valid UTF-8 in `buf` (ignoring a sequence cut at the end). */
function firstInvalidUtf8(buf: Buffer): number {
  for (let i = 0; i < buf.length; ) {
    const b = buf[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) {
      if (i + k >= buf.length) return -1;
      if (((buf[i + k] as number) & 0xc0) !== 0x80) return i;
    }
    i += len;
  }
  return -1;
}

/** Decodes UTF-8 strictly: a file in another encoding fails instead of importing mojibake. */
function strictUtf8() {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let offset = 0;
  let line = 1;
  const fail = (cb: (e: Error) => void, chunk?: Buffer) => {
    const at = chunk ? Math.max(0, firstInvalidUtf8(chunk)) : 0;
    const lineNo = chunk ? line + (chunk.subarray(0, at).toString('latin1').match(/\n/g)?.length ?? 0) : line;
    cb(new FileError(`The file is not UTF-8 text (line ${lineNo}, byte ${offset + at}). Save it as "CSV UTF-8" and upload it again.`));
  };
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        line += text.match(/\n/g)?.length ?? 0;
        cb(null, text);
      } catch {
        fail(cb, chunk);
      }
    },
    flush(cb) {
      try {
        const rest = decoder.decode();
        cb(null, rest || undefined);
      } catch {
        fail(cb);
      }
    },
  });
}

/** The delimiter of the header line: the most frequent of comma, semicolon and tab. */
function sniffDelimiter(firstText: string): string {
  const line = firstText.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => [d, line.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0] && counts[0][1] > 0 ? counts[0][0] : ',';
}

const clean = (v: unknown) => (typeof v === 'string' ? v.replace(/^\uFEFF/, '').trim() : '');

async function* csvRows(source: Readable): AsyncGenerator<string[]> {
  const text = source.pipe(strictUtf8());
  source.on('error', (e) => text.destroy(e));
  const iterator = text[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (
    first.done ||
    String(first.value)
      .replace(/^\uFEFF/, '')
      .trim() === ''
  )
    throw new FileError('The file is empty.');
  const parser = parseCsv({
    delimiter: sniffDelimiter(String(first.value).replace(/^\uFEFF/, '')),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: 1_000_000,
  });
  // Resolves on drain, or on close when the reader stopped early (a preview reads ten rows).
  const room = () =>
    new Promise<void>((r) => {
      const done = () => {
        parser.off('drain', done);
        parser.off('close', done);
        r();
      };
      parser.once('drain', done);
      parser.once('close', done);
    });
  const feed = (async () => {
    try {
      if (!parser.write(first.value)) await room();
      for (let next = await iterator.next(); !next.done && !parser.destroyed; next = await iterator.next()) {
        if (!parser.write(next.value)) await room();
      }
      if (!parser.destroyed) parser.end();
    } catch (err) {
      parser.destroy(err as Error);
    }
  })();
  try {
    for await (const record of parser) {
      const row = (record as unknown[]).map(clean);
      if (row.every((v) => v === '')) continue;
      yield row;
    }
  } catch (err) {
    if (err instanceof FileError) throw err;
    const e = err as { code?: string; lines?: number; message: string };
    if (e.code === 'CSV_QUOTE_NOT_CLOSED')
      throw new FileError(
        `The file ends (at line ${e.lines ?? '?'}) inside a quoted value that was never closed; it may be cut off or have an unmatched quote.`,
      );
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new FileError('A row is longer than 1 MB; the file is probably not a CSV or has an unmatched quote.');
    throw new FileError(`The CSV could not be read: ${e.message}`);
  } finally {
    if (!parser.destroyed) parser.destroy();
    text.destroy();
    await feed;
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e16 ? v.toFixed(0) : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: string; hyperlink?: string };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v).trim();
}

async function* xlsxRows(source: Readable): AsyncGenerator<string[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = Array.isArray(row.values) ? row.values.slice(1) : [];
        const out = Array.from({ length: values.length }, (_, i) => cellText(values[i]));
        if (out.every((v) => v === '')) continue;
        yield out;
      }
      return; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof FileError) throw err;
    throw new FileError(`The XLSX file could not be read (${(err as Error).message}); it may be damaged or not an Excel workbook.`);
  }
}

/** Opens a sheet: reads the header row, then hands out the data rows lazily. */
export async function openSheet(source: Readable, format: ImportFormat): Promise<Sheet> {
  const count = counter();
  source.pipe(count.stream);
  source.on('error', (e) => count.stream.destroy(e));
  const rows = format === 'csv' ? csvRows(count.stream) : xlsxRows(count.stream);
  const first = await rows.next();
  if (first.done) throw new FileError(format === 'xlsx' ? 'The first worksheet is empty.' : 'The file is empty.');
  const headers = first.value.map((h, i) => h || `Column ${i + 1}`);
  const seen = new Map<string, number>();
  // Two columns with one header keep both: the second becomes "Header (2)".
  const unique = headers.map((h) => {
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    return n === 1 ? h : `${h} (${n})`;
  });
  return { headers: unique, rows, bytesRead: count.bytes };
}

/**
 * An XLSX file is a zip whose directory sits at the end; a file cut off in transfer lacks it.
 * Checked before reading, because a streaming unzip would otherwise stop quietly mid-sheet.
 */
export function looksCompleteZip(tail: Buffer): boolean {
  // End-of-central-directory signature PK\x05\x06 within the last 64 KB.
  return tail.includes(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
}

export function looksLikeZip(head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
}
