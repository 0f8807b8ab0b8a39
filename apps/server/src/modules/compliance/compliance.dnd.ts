/**
 * Reading NCPR (DND) lists: one number a row with the customer's preferences. Preferences are
 * "0" (fully blocked) or category numbers 1-8 separated by commas, semicolons, # or |. A number
 * listed without preferences is treated as fully blocked, the safe reading.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { normalizePhone } from '../../platform/phone.js';
import { dndRegistry } from './compliance.tables.js';

const norm = (h: string) =>
  h
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const PHONE_HEADERS = ['phone', 'phone number', 'mobile', 'mobile no', 'mobile number', 'msisdn', 'number', 'contact', 'subscriber number', 'telephone'];
const PREF_HEADERS = ['preference', 'preferences', 'pref', 'category', 'categories', 'dnd category', 'preference category', 'blocked categories', 'status'];
const MODE_HEADERS = ['mode', 'modes', 'blocked modes', 'channel', 'channels'];
const DATE_HEADERS = ['date', 'registered', 'registered on', 'registration date', 'date of registration', 'opt date'];

export type DndColumns = { phone: number; preference?: number; modes?: number; date?: number };

export function detectColumns(headers: string[]): DndColumns | undefined {
  const find = (names: string[]) => {
    const i = headers.findIndex((h) => names.includes(norm(h)));
    return i < 0 ? undefined : i;
  };
  const phone = find(PHONE_HEADERS);
  if (phone === undefined) return undefined;
  return { phone, preference: find(PREF_HEADERS), modes: find(MODE_HEADERS), date: find(DATE_HEADERS) };
}

export type DndEntry = { phone: string; fullyBlocked: boolean; categories: number[]; modes: string[] | null; registeredAt: string | null };

export function parseDndRow(cells: string[], cols: DndColumns): { ok: true; entry: DndEntry } | { ok: false; reason: string } {
  const raw = (cells[cols.phone] ?? '').trim();
  if (!raw) return { ok: false, reason: 'phone is empty' };
  const phone = normalizePhone(raw);
  if (!phone.ok) return { ok: false, reason: `phone: ${phone.reason}` };
  const pref = (cols.preference !== undefined ? (cells[cols.preference] ?? '') : '').trim().toLowerCase();
  let categories: number[] = [];
  let fullyBlocked = false;
  if (pref === '' || pref === '0' || pref.includes('full')) fullyBlocked = true;
  else {
    const parts = pref.split(/[,;#|\s]+/).filter(Boolean);
    const nums = parts.map((p) => Number(p));
    if (nums.some((n) => !Number.isInteger(n) || n < 0 || n > 8)) return { ok: false, reason: `preference: "${pref}" is not 0 or categories 1-8` };
    fullyBlocked = nums.includes(0);
    categories = [...new Set(nums.filter((n) => n > 0))].sort((a, b) => a - b);
  }
  const modes =
    cols.modes !== undefined && cells[cols.modes]?.trim()
      ? (cells[cols.modes]
          ?.split(/[,;#|]+/)
          .map((m) => m.trim().toLowerCase())
          .filter(Boolean) ?? null)
      : null;
  const dateRaw = cols.date !== undefined ? cells[cols.date]?.trim() : undefined;
  const date = dateRaw ? new Date(dateRaw) : undefined;
  return {
    ok: true,
    entry: { phone: phone.e164, fullyBlocked, categories, modes, registeredAt: date && !Number.isNaN(date.getTime()) ? date.toISOString() : null },
  };
}

/** Whether an entry blocks calls of `category`. */
export const blocks = (e: { fullyBlocked: boolean; categories: number[] }, category: number) => e.fullyBlocked || e.categories.includes(category);

export async function upsertEntries(db: Db, entries: DndEntry[], source: string, at: Date): Promise<{ inserted: number; updated: number }> {
  if (entries.length === 0) return { inserted: 0, updated: 0 };
  // One statement may not touch a row twice: the last line for a number wins.
  const unique = [...new Map(entries.map((e) => [e.phone, e])).values()];
  const rows = (await db.execute(sql`
    insert into ${dndRegistry} (phone, fully_blocked, categories, modes, registered_at, source, updated_at)
    select x.phone, x.fully_blocked, x.categories, x.modes, x.registered_at, ${source}, ${at}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(
      unique.map((e) => ({ phone: e.phone, fully_blocked: e.fullyBlocked, categories: e.categories, modes: e.modes, registered_at: e.registeredAt })),
    )}::jsonb) as x(phone text, fully_blocked boolean, categories int[], modes text[], registered_at timestamptz)
    on conflict (phone) do update set fully_blocked = excluded.fully_blocked, categories = excluded.categories, modes = excluded.modes,
      registered_at = coalesce(excluded.registered_at, ${dndRegistry}.registered_at), source = excluded.source, updated_at = excluded.updated_at
    returning (xmax = 0) as inserted`)) as unknown as { rows: { inserted: boolean }[] };
  const inserted = rows.rows.filter((r) => r.inserted).length;
  return { inserted, updated: rows.rows.length - inserted };
}

export async function lookup(db: Db, phones: string[]): Promise<Map<string, { fullyBlocked: boolean; categories: number[] }>> {
  if (phones.length === 0) return new Map();
  const rows = await db
    .select({ phone: dndRegistry.phone, fullyBlocked: dndRegistry.fullyBlocked, categories: dndRegistry.categories })
    .from(dndRegistry)
    .where(sql`${dndRegistry.phone} in (select jsonb_array_elements_text(${JSON.stringify(phones)}::jsonb))`);
  return new Map(rows.map((r) => [r.phone, { fullyBlocked: r.fullyBlocked, categories: r.categories }]));
}
