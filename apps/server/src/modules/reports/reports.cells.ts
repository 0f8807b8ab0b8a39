/**
 * What the report file writers (Excel, CSV) share: the detail sheet they stream, the time zone
 * their dates are shown in, and how a typed cell's value is read for a number or a date.
 */
import type { Cell, DocColumn } from '@telehub/shared';
import { zoneOffsetMs } from '../../platform/time.js';

/** The row-level data behind a report: up to a million rows, streamed, never held in memory. */
export type DetailSheet = { title: string; columns: DocColumn[]; rows: AsyncIterable<Record<string, Cell>> };

/** The result of writing a report file. */
export type WrittenReport = { detailRows: number };

/** Dates and times in report files are shown as wall-clock time in this zone. */
export const REPORT_TIME_ZONE = 'Asia/Kolkata';

/** onProgress is called after this many detail rows (and once at the end). */
export const PROGRESS_EVERY = 5_000;

const DAY_MS = 86_400_000;
/** Zone offsets change at most on quarter-hour boundaries, so one lookup serves a quarter hour. */
const OFFSET_BUCKET_MS = 900_000;
const offsetCache = new Map<string, number>();

/** The offset of `zone` from UTC at `instantMs`, cached (Intl lookups are slow for a million rows). */
function cachedOffsetMs(instantMs: number, zone: string): number {
  const key = `${zone}|${Math.floor(instantMs / OFFSET_BUCKET_MS)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    if (offsetCache.size > 20_000) offsetCache.clear();
    offset = zoneOffsetMs(instantMs, zone);
    offsetCache.set(key, offset);
  }
  return offset;
}

/**
 * The instant shifted by the zone's offset, so that its UTC fields read as the wall clock in
 * `zone`. Spreadsheets have no time zones: a Date written like this shows Indian time.
 */
export function toWallClock(instant: Date, zone: string = REPORT_TIME_ZONE): Date {
  const ms = instant.getTime();
  return new Date(ms + cachedOffsetMs(ms, zone));
}

/**
 * The instant as ISO 8601 with the zone's offset, in the zone's wall-clock time
 * (`2024-05-01T14:03:00+05:30`).
 */
export function isoInZone(instant: Date, zone: string = REPORT_TIME_ZONE): string {
  const ms = instant.getTime();
  const offset = cachedOffsetMs(ms, zone);
  const wall = new Date(ms + offset).toISOString().slice(0, 19);
  const minutes = Math.abs(Math.round(offset / 60_000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** A date cell: a calendar day (`YYYY-MM-DD`, no zone; `day` is its UTC midnight) or an instant. */
export type DateValue = { kind: 'day'; day: Date } | { kind: 'instant'; instant: Date };

const CALENDAR_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T/;

/** What date a cell holds: a Date, an ISO timestamp or a `YYYY-MM-DD` day; null for anything else. */
export function dateOf(value: Cell): DateValue | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : { kind: 'instant', instant: value };
  if (typeof value !== 'string') return null;
  const day = CALENDAR_DAY.exec(value);
  if (day) {
    const date = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    // Date.UTC rolls 2024-02-30 over into March: such a day is no date.
    return date.toISOString().slice(0, 10) === value ? { kind: 'day', day: date } : null;
  }
  if (!ISO_TIMESTAMP.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : { kind: 'instant', instant: new Date(ms) };
}

/**
 * A date cell as a wall-clock Date (UTC fields = local fields in `zone`): an instant is shifted
 * into the zone; a bare day already names a local day. Null when the cell holds no date.
 */
export function wallClockOf(value: Cell, zone: string = REPORT_TIME_ZONE): Date | null {
  const date = dateOf(value);
  if (!date) return null;
  return date.kind === 'day' ? date.day : toWallClock(date.instant, zone);
}

/** A wall-clock Date cut to the start of its day (a `date` column shows no time). */
export function startOfDay(wallClock: Date): Date {
  return new Date(Math.floor(wallClock.getTime() / DAY_MS) * DAY_MS);
}

/** A cell's value as a finite number, or null (null, text, a date, NaN, Infinity). */
export function numberOf(value: Cell): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** True when the column holds numbers (everything but text and dates). */
export function isNumericColumn(column: DocColumn): boolean {
  return column.type !== 'text' && column.type !== 'date' && column.type !== 'datetime';
}

/** Counts detail rows and calls onProgress every PROGRESS_EVERY rows and once at the end. */
export class ProgressCounter {
  rows = 0;
  private reported = 0;
  constructor(private readonly onProgress?: (rows: number) => void) {}

  /** One more row; true when the caller should check for backpressure (every few hundred rows). */
  add(): boolean {
    this.rows += 1;
    if (this.rows % PROGRESS_EVERY === 0) this.report();
    return this.rows % 256 === 0;
  }

  /** The final count, unless it was just reported. */
  finish(): void {
    if (this.rows !== this.reported) this.report();
  }

  private report(): void {
    this.reported = this.rows;
    this.onProgress?.(this.rows);
  }
}

/**
 * Resolves when `stream` emits 'drain'; rejects if it fails or closes first, so a writer never
 * hangs on a client that went away.
 */
export function drained(stream: NodeJS.EventEmitter): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      stream.off('drain', onDrain);
      stream.off('error', onError);
      stream.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => done();
    const onError = (error: Error) => done(error);
    const onClose = () => done(new Error('the output closed before the report was written'));
    stream.on('drain', onDrain);
    stream.on('error', onError);
    stream.on('close', onClose);
  });
}
