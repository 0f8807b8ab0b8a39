/**
 * Phone numbers in E.164 with the full metadata set, India as the default region. Accepts the
 * forms people type: 10 digits, a 0 trunk prefix, 91 / +91 / 0091, spaces, dashes, dots and
 * brackets, landlines with their STD code, and foreign numbers written with +.
 */
import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export const DEFAULT_REGION: CountryCode = 'IN';

export type PhoneResult = { ok: true; e164: string; type: string | undefined } | { ok: false; reason: string };

const ALLOWED = /^[\d\s()+.\-/]+$/;

export function normalizePhone(input: string, region: CountryCode = DEFAULT_REGION): PhoneResult {
  const raw = input.trim();
  if (raw === '') return { ok: false, reason: 'phone is empty' };
  // "Ext" suffixes and letters are not phone numbers we can dial.
  if (!ALLOWED.test(raw)) return { ok: false, reason: `"${raw}" has characters that are not part of a phone number` };
  const digits = raw.replace(/\D/g, '');
  if (digits.length < 6) return { ok: false, reason: `"${raw}" is too short to be a phone number` };
  if (digits.length > 15) return { ok: false, reason: `"${raw}" is too long to be a phone number` };
  const parsed = parsePhoneNumberFromString(raw, region);
  if (!parsed?.isValid()) return { ok: false, reason: `"${raw}" is not a valid phone number` };
  return { ok: true, e164: parsed.number, type: parsed.getType() };
}

/**
 * What a search box query means as a phone: the E.164 form when the text is a complete
 * number, else its digits for a substring match (leading trunk zero dropped).
 */
export function phoneSearchTerm(q: string): { e164?: string; digits?: string } {
  const trimmed = q.trim();
  if (!/^[\d\s()+.-]+$/.test(trimmed)) return {};
  const full = normalizePhone(trimmed);
  if (full.ok) return { e164: full.e164, digits: full.e164.slice(1) };
  const digits = trimmed.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 3 ? { digits } : {};
}
