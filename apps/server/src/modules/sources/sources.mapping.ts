/**
 * Reading values the way legacy systems write them: timestamps without a zone (Laravel's
 * `Y-m-d H:i:s` in the app's local time), ISO 8601, Unix times; and status words.
 */
import { LEAD_STATUSES, type LeadStatus } from '@telehub/shared';
import { fromWallClock, wallClock, zoneOffsetMs } from '../../platform/time.js';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads a source timestamp. Without an offset (`2026-03-01 14:05:00`) it is wall-clock time in
 * `zone`; with one (`...Z`, `...+05:30`) it is exact. Numbers are Unix seconds (or milliseconds).
 */
export function parseSourceTime(value: unknown, zone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return new Date(value < 1e12 ? value * 1000 : value);
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  const f = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h ?? 0), mi: Number(mi ?? 0), s: Number(s ?? 0) };
  const ms = Number((frac ?? '').padEnd(3, '0').slice(0, 3));
  if (f.mo < 1 || f.mo > 12 || f.d < 1 || f.d > 31 || f.h > 23 || f.mi > 59 || f.s > 59) return null;
  if (!offset) return fromWallClock([f.y, f.mo, f.d, f.h, f.mi, f.s, ms], zone);
  const utc = Date.UTC(f.y, f.mo - 1, f.d, f.h, f.mi, f.s, ms);
  if (offset.toUpperCase() === 'Z') return new Date(utc);
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const offsetMs = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000;
  return new Date(utc - offsetMs);
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/**
 * ISO 8601 with the offset of `zone` (`2026-03-01T14:05:00+05:30`): exact for a CRM that reads
 * the offset, and the same wall-clock digits for one that compares the text with its local times.
 */
export function formatSourceTime(date: Date, zone: string): string {
  const ms = Math.floor(date.getTime() / 1000) * 1000;
  const w = wallClock(ms, zone);
  const offsetMin = Math.round(zoneOffsetMs(ms, zone) / 60_000);
  const sign = offsetMin < 0 ? '-' : '+';
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(offsetMin / 60))}:${pad(offsetMin % 60)}`;
}

/** Words legacy CRMs use for a lead's state, folded to TeleHub statuses. Unknown words change nothing. */
const STATUS_WORDS: Record<string, LeadStatus> = {};
const WORDS: Record<LeadStatus, string[]> = {
  new: ['new', 'fresh', 'open', 'pending', 'untouched', 'not_contacted', 'uncontacted', 'new_lead', 'unassigned', 'enquiry', 'inquiry'],
  contacted: ['contacted', 'attempted', 'in_progress', 'working', 'connected', 'called', 'no_answer', 'not_reachable', 'unreachable', 'ringing', 'busy'],
  interested: ['interested', 'hot', 'warm', 'qualified', 'hot_lead', 'warm_lead', 'prospect', 'positive', 'counselling_done', 'demo_scheduled'],
  callback: ['callback', 'call_back', 'call_later', 'follow_up', 'followup', 'follow_up_required', 'scheduled', 'reschedule'],
  not_interested: ['not_interested', 'notinterested', 'ni', 'no_interest', 'declined', 'rejected', 'cold', 'negative'],
  converted: ['converted', 'won', 'closed_won', 'enrolled', 'admitted', 'admission_done', 'sale', 'sold', 'paid', 'customer', 'success', 'booked'],
  lost: ['lost', 'closed_lost', 'dead', 'dropped', 'closed', 'lost_lead'],
  invalid: ['invalid', 'wrong_number', 'invalid_number', 'junk', 'spam', 'fake', 'duplicate', 'test', 'dnd'],
};
for (const [status, words] of Object.entries(WORDS) as [LeadStatus, string[]][]) for (const w of words) STATUS_WORDS[w] = status;

const fold = (raw: string) =>
  raw
    .trim()
    .toLowerCase()
    .replace(/[\s\-/.]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** A source's status value as a TeleHub status, or undefined (keep the lead's status) for an unknown one. */
export function mapStatus(raw: unknown, overrides?: Record<string, LeadStatus>): LeadStatus | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const text = String(raw);
  if (overrides) {
    const exact = overrides[text] ?? Object.entries(overrides).find(([k]) => fold(k) === fold(text))?.[1];
    if (exact) return exact;
  }
  const folded = fold(text);
  if ((LEAD_STATUSES as readonly string[]).includes(folded)) return folded as LeadStatus;
  return STATUS_WORDS[folded];
}

/** A text value as the source gives it: trimmed, empty as null; numbers become text (phones stored as BIGINT). */
export function text(value: unknown): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim();
  return t === '' ? null : t;
}
