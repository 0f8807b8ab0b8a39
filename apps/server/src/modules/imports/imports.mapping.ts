/**
 * Column mapping: which spreadsheet column feeds which lead field. Suggested from the headers
 * people actually use (English and Hindi), editable before the import runs.
 */
import { invalidCharacter, LANGUAGES, LEAD_STATUSES, type LeadStatus, leadMetadataProblem } from '@telehub/shared';
import type { StagedRow } from '../leads/index.js';

export const IMPORT_FIELDS = ['name', 'firstName', 'lastName', 'phone', 'email', 'city', 'language', 'status', 'score', 'tags', 'externalId'] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
export type Mapping = Partial<Record<ImportField, string>>;

/** Lower-case, no punctuation, no nukta, single spaces: "Mobile No." and "mobile_no" compare equal. */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFC')
    .replace(/\u093c/g, '') // nukta: फ़ोन == फोन
    .toLowerCase()
    .replace(/[._\-/:#()[\]]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const SYNONYMS: Record<ImportField, string[]> = {
  name: [
    'name',
    'full name',
    'student name',
    'candidate name',
    'lead name',
    'customer name',
    'contact name',
    'parent name',
    'applicant name',
    'नाम',
    'पूरा नाम',
    'छात्र का नाम',
    'विद्यार्थी का नाम',
    'ग्राहक का नाम',
  ],
  firstName: ['first name', 'firstname', 'fname', 'given name', 'पहला नाम'],
  lastName: ['last name', 'lastname', 'lname', 'surname', 'family name', 'उपनाम', 'अंतिम नाम'],
  phone: [
    'phone',
    'phone no',
    'phone number',
    'mobile',
    'mobile no',
    'mobile number',
    'mob no',
    'mob',
    'contact',
    'contact no',
    'contact number',
    'cell',
    'cell no',
    'whatsapp',
    'whatsapp no',
    'whatsapp number',
    'telephone',
    'tel',
    'number',
    'मोबाइल',
    'मोबाइल नंबर',
    'मोबाइल नं',
    'फोन',
    'फोन नंबर',
    'संपर्क',
    'संपर्क नंबर',
  ],
  email: ['email', 'email id', 'e mail', 'e mail id', 'mail', 'mail id', 'email address', 'ईमेल', 'ई मेल', 'ईमेल आईडी'],
  city: ['city', 'town', 'district', 'location', 'place', 'city town', 'शहर', 'जिला', 'ज़िला', 'नगर', 'स्थान'],
  language: ['language', 'preferred language', 'lang', 'mother tongue', 'भाषा', 'पसंदीदा भाषा'],
  status: ['status', 'lead status', 'stage', 'स्थिति'],
  score: ['score', 'lead score', 'rating', 'अंक'],
  tags: ['tags', 'tag', 'labels', 'label', 'टैग'],
  externalId: ['id', 'lead id', 'external id', 'crm id', 'record id', 'ref', 'reference', 'reference no', 'आईडी'],
};

const LOOKUP = new Map<string, ImportField>();
for (const [field, names] of Object.entries(SYNONYMS) as [ImportField, string[]][]) for (const n of names) LOOKUP.set(normalizeHeader(n), field);

/** A field for each header we recognise; each field at most once, the first matching column wins. */
export function suggestMapping(headers: string[]): Mapping {
  const mapping: Mapping = {};
  for (const h of headers) {
    const field = LOOKUP.get(normalizeHeader(h));
    if (field && mapping[field] === undefined) mapping[field] = h;
  }
  // A "Name" column beats first/last; without one, first + last make the name.
  if (mapping.name) {
    delete mapping.firstName;
    delete mapping.lastName;
  }
  return mapping;
}

export type MappingProblem = { field: string; message: string };

export function checkMapping(mapping: Mapping, headers: string[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const known = new Set(headers);
  for (const [field, column] of Object.entries(mapping)) {
    if (!(IMPORT_FIELDS as readonly string[]).includes(field))
      problems.push({ field, message: `"${field}" is not a lead field (use ${IMPORT_FIELDS.join(', ')})` });
    else if (column !== undefined && !known.has(column))
      problems.push({ field, message: `column "${column}" is not in the file (columns: ${headers.join(', ')})` });
  }
  if (!mapping.phone) problems.push({ field: 'phone', message: `no column is mapped to phone, which every lead needs (columns: ${headers.join(', ')})` });
  if (!mapping.name && !mapping.firstName && !mapping.lastName) problems.push({ field: 'name', message: 'no column is mapped to name (or first/last name)' });
  return problems;
}

const STATUS_WORDS: Record<string, LeadStatus> = {
  new: 'new',
  fresh: 'new',
  open: 'new',
  नया: 'new',
  नई: 'new',
  contacted: 'contacted',
  called: 'contacted',
  'in progress': 'contacted',
  'follow up': 'callback',
  followup: 'callback',
  interested: 'interested',
  hot: 'interested',
  warm: 'interested',
  इच्छुक: 'interested',
  callback: 'callback',
  'call back': 'callback',
  'call later': 'callback',
  'not interested': 'not_interested',
  not_interested: 'not_interested',
  ni: 'not_interested',
  cold: 'not_interested',
  converted: 'converted',
  enrolled: 'converted',
  won: 'converted',
  admitted: 'converted',
  closed: 'converted',
  lost: 'lost',
  dropped: 'lost',
  invalid: 'invalid',
  'wrong number': 'invalid',
  junk: 'invalid',
};

export function parseStatus(v: string): LeadStatus | undefined {
  const k = normalizeHeader(v);
  if ((LEAD_STATUSES as readonly string[]).includes(k.replace(/ /g, '_'))) return k.replace(/ /g, '_') as LeadStatus;
  return STATUS_WORDS[k];
}

const LANGUAGE_WORDS: Record<string, string> = {
  english: 'en',
  angrezi: 'en',
  अंग्रेज़ी: 'en',
  अंग्रेजी: 'en',
  hindi: 'hi',
  हिंदी: 'hi',
  हिन्दी: 'hi',
  marathi: 'mr',
  मराठी: 'mr',
  bengali: 'bn',
  bangla: 'bn',
  tamil: 'ta',
  telugu: 'te',
  kannada: 'kn',
  gujarati: 'gu',
  punjabi: 'pa',
  malayalam: 'ml',
  odia: 'or',
  oriya: 'or',
};

export function parseLanguage(v: string): string | undefined {
  const k = normalizeHeader(v);
  if ((LANGUAGES as readonly string[]).includes(k)) return k;
  return LANGUAGE_WORDS[k];
}

export function parseScore(v: string): number | undefined {
  const n = Number(v.trim());
  return Number.isInteger(n) && n >= 0 && n <= 100 ? n : undefined;
}

export function parseTags(v: string): string[] {
  return [
    ...new Set(
      v
        .split(/[,;|]/)
        .map((t) => t.trim().slice(0, 40))
        .filter(Boolean),
    ),
  ].slice(0, 20);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;
export const isEmail = (v: string) => EMAIL.test(v) && v.length <= 254;

/** A row mapped from the file: what leads.bulk stages, less the row number and the ids made up front. */
export type MappedRow = { ok: true; value: Omit<StagedRow, 'row' | 'newLeadId' | 'identityId'> } | { ok: false; reason: string };

/**
 * Turns one row of cells into lead fields. Unmapped columns, and values that do not fit their
 * field (an unknown status, a malformed email), are kept in metadata under their header: an
 * import never drops what the spreadsheet said. A row whose metadata would pass the limits
 * (LEAD_METADATA_LIMITS: too many filled columns, a value too long) is rejected with the reason
 * rather than cut to fit.
 */
/** A lead's name, city and external id hold this much (leads.rules); more is kept in metadata or refused. */
const MAX_NAME = 200;
const MAX_CITY = 100;
const MAX_EXTERNAL_ID = 200;

export function createRowMapper(headers: string[], mapping: Mapping, normalize: (phone: string) => { ok: true; e164: string } | { ok: false; reason: string }) {
  const index = new Map(headers.map((h, i) => [h, i]));
  const col = (f: ImportField) => (mapping[f] !== undefined ? index.get(mapping[f] as string) : undefined);
  const cols = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, col(f)])) as Record<ImportField, number | undefined>;
  const mappedIdx = new Set(Object.values(cols).filter((v): v is number => v !== undefined));

  return (cells: string[]): MappedRow => {
    // PostgreSQL cannot store a NUL: such a row is refused here rather than failing the import.
    for (const [i, cell] of cells.entries()) {
      const bad = cell ? invalidCharacter(cell, { multiLine: true }) : null;
      if (bad) return { ok: false, reason: `${headers[i] ?? `column ${i + 1}`}: ${bad}` };
    }
    const get = (f: ImportField) => {
      const i = cols[f];
      return i === undefined ? '' : (cells[i] ?? '').trim();
    };
    const metadata: Record<string, string> = {};
    headers.forEach((h, i) => {
      const v = (cells[i] ?? '').trim();
      if (v && !mappedIdx.has(i)) metadata[h] = v;
    });
    const keep = (f: ImportField, v: string) => {
      const header = mapping[f];
      if (header && v) metadata[header] = v;
    };

    const rawPhone = get('phone');
    if (!rawPhone) return { ok: false, reason: 'phone is empty' };
    const phone = normalize(rawPhone);
    if (!phone.ok) return { ok: false, reason: `phone: ${phone.reason}` };

    const fullName = (cols.name !== undefined ? get('name') : [get('firstName'), get('lastName')].filter(Boolean).join(' ')).replace(/\s+/g, ' ');
    const name = fullName.slice(0, MAX_NAME);
    // A longer name is cut to fit the lead's name, and kept whole in its metadata: nothing lost.
    if (fullName.length > MAX_NAME) {
      if (cols.name !== undefined) keep('name', get('name'));
      else for (const f of ['firstName', 'lastName'] as const) keep(f, get(f));
    }
    const externalId = get('externalId');
    // An id is not cut: a shorter one would name another record.
    if (externalId.length > MAX_EXTERNAL_ID) return { ok: false, reason: `externalId: is ${externalId.length} characters long; at most ${MAX_EXTERNAL_ID}` };
    const emailRaw = get('email');
    const email = emailRaw && isEmail(emailRaw) ? emailRaw.toLowerCase() : null;
    if (emailRaw && !email) keep('email', emailRaw);
    const statusRaw = get('status');
    const status = statusRaw ? (parseStatus(statusRaw) ?? null) : null;
    if (statusRaw && !status) keep('status', statusRaw);
    const languageRaw = get('language');
    const language = languageRaw ? (parseLanguage(languageRaw) ?? null) : null;
    if (languageRaw && !language) keep('language', languageRaw);
    const scoreRaw = get('score');
    const score = scoreRaw ? (parseScore(scoreRaw) ?? null) : null;
    if (scoreRaw && score === null) keep('score', scoreRaw);
    const tagsRaw = get('tags');
    const fullCity = get('city');
    const city = fullCity.slice(0, MAX_CITY);
    if (fullCity.length > MAX_CITY) keep('city', fullCity);
    const metadataProblem = leadMetadataProblem(metadata);
    if (metadataProblem) return { ok: false, reason: `${metadataProblem} (unmapped columns with a value are kept in metadata)` };
    return {
      ok: true,
      value: {
        name: name || null,
        phone: phone.e164,
        email,
        status,
        score,
        language,
        city: city || null,
        tags: tagsRaw ? parseTags(tagsRaw) : null,
        externalId: externalId || null,
        metadata: Object.keys(metadata).length > 0 ? metadata : null,
      },
    };
  };
}
