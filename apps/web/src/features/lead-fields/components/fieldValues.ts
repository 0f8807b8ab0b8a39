/**
 * How a lead's extra information reads: a defined key under its label in the interface language,
 * its value by type (numbers and dates with Intl, choices by their label, yes or no); a key
 * without a definition under a readable form of it ("program_name" -> "Program name"). Values
 * stored before a definition existed (imports keep text) are shown as well as they can be.
 */
import { isIsoDate, type LeadFieldDefinition, type LeadFieldOption, RESERVED_LEAD_FIELD_KEYS } from '@telehub/shared';
import { intlLocale } from '../../../i18n';
import { formatDate, formatNumber } from '../../../lib/format';

export type YesNo = { yes: string; no: string };

/** "program" -> "Program", "program_name" / "programName" -> "Program name"; never the raw key with underscores. */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/([a-z\d])([A-Z])/g, (_m, a: string, b: string) => `${a} ${b.toLowerCase()}`)
    .replace(/[\s_.-]+/g, ' ')
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : key;
}

/** The label in the interface language (Hindi falls back to English). */
export const fieldLabel = (def: Pick<LeadFieldDefinition, 'labelEn' | 'labelHi'>, lng: string): string =>
  lng === 'hi' && def.labelHi ? def.labelHi : def.labelEn;

export const optionLabel = (o: LeadFieldOption, lng: string): string => (lng === 'hi' && o.labelHi ? o.labelHi : o.labelEn);

/** A number, or a text that is one ("1,200", " 12 "); else null. */
export function numberOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || !v.trim()) return null;
  const n = Number(v.replace(/,/g, '').trim());
  return Number.isFinite(n) ? n : null;
}

const TRUE = new Set(['true', 'yes', 'y', '1', 'हाँ']);
const FALSE = new Set(['false', 'no', 'n', '0', 'नहीं']);

/** true / false, or a text or number that says so; else null. */
export function booleanOf(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** "2025-04-01" -> "1 Apr 2025" / "1 अप्रैल 2025": a calendar date, the same day wherever the browser is. */
export function formatCalendarDate(iso: string, lng: string): string {
  let f = dateFormats.get(lng);
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale(lng), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dateFormats.set(lng, f);
  }
  return f.format(new Date(`${iso}T00:00:00Z`));
}

function plainText(v: unknown, yesNo: YesNo): string {
  if (typeof v === 'boolean') return v ? yesNo.yes : yesNo.no;
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map(String).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** The value as a person reads it; '' for none. */
export function formatFieldValue(def: Pick<LeadFieldDefinition, 'type' | 'options'> | undefined, v: unknown, lng: string, yesNo: YesNo): string {
  if (v === null || v === undefined || v === '') return '';
  if (!def) return typeof v === 'number' ? formatNumber(v, lng) : plainText(v, yesNo);
  switch (def.type) {
    case 'number': {
      const n = numberOf(v);
      return n === null ? plainText(v, yesNo) : formatNumber(n, lng);
    }
    case 'date': {
      if (typeof v !== 'string') return plainText(v, yesNo);
      if (isIsoDate(v)) return formatCalendarDate(v, lng);
      // A date and time (from a CRM), shown as its date where the reader is.
      return /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? formatDate(v, lng) : v;
    }
    case 'boolean': {
      const b = booleanOf(v);
      return b === null ? plainText(v, yesNo) : b ? yesNo.yes : yesNo.no;
    }
    case 'choice': {
      const o = def.options.find((x) => x.value === String(v));
      return o ? optionLabel(o, lng) : plainText(v, yesNo);
    }
    case 'text':
      return plainText(v, yesNo);
  }
}

export type ExtraFieldRow = { key: string; label: string; value: string; defined: boolean };

/**
 * The lead's extra information as rows: defined fields first, in their order (hidden ones left
 * out), then the keys without a definition as the data has them. Keys TeleHub keeps itself
 * (alternatePhones) are the caller's to show; empty values are left out.
 */
export function extraFieldRows(metadata: Record<string, unknown>, defs: readonly LeadFieldDefinition[], lng: string, yesNo: YesNo): ExtraFieldRow[] {
  const reserved = new Set<string>(RESERVED_LEAD_FIELD_KEYS);
  const byKey = new Map(defs.map((d) => [d.key, d]));
  const rows: ExtraFieldRow[] = [];
  for (const d of defs) {
    if (!d.visible || !Object.hasOwn(metadata, d.key)) continue;
    const value = formatFieldValue(d, metadata[d.key], lng, yesNo);
    if (value) rows.push({ key: d.key, label: fieldLabel(d, lng), value, defined: true });
  }
  for (const [key, v] of Object.entries(metadata)) {
    if (reserved.has(key) || byKey.has(key)) continue;
    const value = formatFieldValue(undefined, v, lng, yesNo);
    if (value) rows.push({ key, label: humaniseKey(key), value, defined: false });
  }
  return rows;
}

/** The value as an input holds it: '' for none or one the input cannot show (it is then left as it is). */
export function toInputText(def: Pick<LeadFieldDefinition, 'type'>, v: unknown): string {
  if (v === null || v === undefined) return '';
  switch (def.type) {
    case 'number':
      return typeof v === 'number' ? String(v) : typeof v === 'string' ? v : '';
    case 'date':
      return typeof v === 'string' && isIsoDate(v) ? v : typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) ? v.slice(0, 10) : '';
    case 'boolean': {
      const b = booleanOf(v);
      return b === null ? '' : String(b);
    }
    case 'choice':
    case 'text':
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
  }
}

/** What an input's text stores: the typed value, null to clear it, or `invalid`. */
export function fromInputText(def: Pick<LeadFieldDefinition, 'type' | 'options'>, text: string): { value: unknown } | 'invalid' {
  const s = text.trim();
  if (!s) return { value: null };
  switch (def.type) {
    case 'number': {
      const n = numberOf(s);
      return n === null ? 'invalid' : { value: n };
    }
    case 'date':
      return isIsoDate(s) ? { value: s } : 'invalid';
    case 'boolean':
      return s === 'true' ? { value: true } : s === 'false' ? { value: false } : 'invalid';
    case 'choice':
      return def.options.some((o) => o.value === s) ? { value: s } : 'invalid';
    case 'text':
      return { value: s };
  }
}

/** A type that fits an example value from the data, for a new definition. */
export function guessType(example: string | null): LeadFieldDefinition['type'] {
  if (example === null) return 'text';
  if (isIsoDate(example)) return 'date';
  if (example === 'true' || example === 'false') return 'boolean';
  // Short figures only: a PIN code or a phone number is an identifier, not an amount.
  return /^-?\d{1,4}(\.\d+)?$/.test(example) ? 'number' : 'text';
}
