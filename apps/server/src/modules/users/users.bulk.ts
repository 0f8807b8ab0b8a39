/**
 * Inviting a floor from a CSV: every row is checked (the whole file, then against the users
 * and teams stored) before anyone is created, and then everyone is created in one transaction
 * or nobody is. Each new user gets a temporary password, shown once to the admin who uploaded.
 */
import { randomInt } from 'node:crypto';
import {
  BULK_USERS_MAX_ROWS,
  type BulkUserError,
  type BulkUserRow,
  type BulkUsersBody,
  type BulkUsersResult,
  invalidCharacter,
  LANGUAGES,
  ROLES,
  type Role,
} from '@telehub/shared';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { normalizePhone } from '../../platform/phone.js';
import type { AuditService } from '../audit/index.js';
import { UserErrors } from './users.errors.js';
import * as repo from './users.repo.js';

type Deps = { db: Db; audit: Pick<AuditService, 'record'> };

/** Header spellings people use, to the column they mean. */
const HEADERS: Record<string, keyof Raw> = {
  name: 'name',
  fullname: 'name',
  email: 'email',
  emailaddress: 'email',
  role: 'role',
  team: 'team',
  teamname: 'team',
  teamid: 'team',
  phone: 'phone',
  mobile: 'phone',
  phonenumber: 'phone',
  languages: 'languages',
  language: 'languages',
};
type Raw = { name: string; email: string; role: string; team: string; phone: string; languages: string };

/** Language codes by code and by their English and Hindi names ("Hindi", "हिन्दी"). */
const LANGUAGE_WORDS = (() => {
  const words = new Map<string, string>();
  const names = ['en', 'hi'].map((l) => new Intl.DisplayNames([l], { type: 'language' }));
  for (const code of LANGUAGES) {
    words.set(code, code);
    for (const n of names) {
      const name = n.of(code);
      if (name) words.set(name.toLowerCase(), code);
    }
  }
  return words;
})();

const emailSchema = z.email();
const isRole = (v: string): v is Role => (ROLES as readonly string[]).includes(v);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Twelve letters and digits a person can read aloud (no 0/O, 1/l/I): about 70 bits. */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function temporaryPassword(): string {
  let out = '';
  for (let i = 0; i < 12; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** Argon2 takes 64 MiB and a tenth of a second a hash: a few at a time. */
async function hashAll(passwords: string[], concurrency = 4): Promise<string[]> {
  const out: string[] = new Array(passwords.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < passwords.length; i = next++) out[i] = await hashPassword(passwords[i] ?? '');
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, passwords.length) }, worker));
  return out;
}

function readCsv(text: string): { rows: { line: number; raw: Raw }[]; errors: BulkUserError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, each record comes with where it was read; the published types miss that.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true, info: true }) as unknown as typeof records;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { rows: [], errors: [{ row: 0, field: 'file', message: `the file is not valid CSV: ${message}` }] };
  }
  const [head, ...body] = records;
  if (!head) return { rows: [], errors: [{ row: 0, field: 'file', message: 'the file is empty' }] };
  const columns = head.record.map((h) => HEADERS[h.toLowerCase().replace(/[\s_-]/g, '')]);
  const missing = (['name', 'email'] as const).filter((c) => !columns.includes(c));
  if (missing.length > 0) return { rows: [], errors: [{ row: 1, field: 'header', message: `missing column: ${missing.join(', ')}` }] };
  if (body.length > BULK_USERS_MAX_ROWS) throw UserErrors.USER_BULK_TOO_MANY(`at most ${BULK_USERS_MAX_ROWS} people a file; this one has ${body.length}`);
  const rows = body.map(({ record, info }) => {
    const raw: Raw = { name: '', email: '', role: '', team: '', phone: '', languages: '' };
    record.forEach((value, i) => {
      const col = columns[i];
      if (col) raw[col] = value;
    });
    return { line: info.lines, raw };
  });
  return { rows, errors: [] };
}

export function createBulkInvite(deps: Deps) {
  const { db, audit } = deps;

  /** Every row checked against the file and the database: what would be created, and what is wrong. */
  async function check(text: string): Promise<{ rows: BulkUserRow[]; errors: BulkUserError[] }> {
    const file = readCsv(text);
    if (file.errors.length > 0) return { rows: [], errors: file.errors };
    if (file.rows.length === 0) return { rows: [], errors: [{ row: 0, field: 'file', message: 'the file has a header but nobody in it' }] };
    const teams = (await repo.listTeams(db)).map((t) => t.team);
    const errors: BulkUserError[] = [];
    const firstEmail = new Map<string, number>();
    const firstPhone = new Map<string, number>();
    const rows: BulkUserRow[] = file.rows.map(({ line, raw }) => {
      const fail = (field: string, message: string) => errors.push({ row: line, field, message });
      const name = raw.name.trim();
      if (!name) fail('name', 'the name is empty');
      else if (name.length > 120) fail('name', 'the name is longer than 120 characters');
      else {
        const bad = invalidCharacter(name, { multiLine: false });
        if (bad) fail('name', `the name ${bad}`);
      }
      const email = raw.email.trim().toLowerCase();
      if (!email || email.length > 254 || !emailSchema.safeParse(email).success) fail('email', `not a valid email: "${raw.email}"`);
      else if (firstEmail.has(email)) fail('email', `${email} is also on row ${firstEmail.get(email)}`);
      else firstEmail.set(email, line);
      const roleText = raw.role.trim().toLowerCase() || 'telecaller';
      if (!isRole(roleText)) fail('role', `unknown role "${raw.role}": use ${ROLES.join(', ')}`);
      const teamText = raw.team.trim();
      const team = teamText
        ? teams.find((t) => (UUID.test(teamText) ? t.id === teamText.toLowerCase() : t.name.toLowerCase() === teamText.toLowerCase()))
        : undefined;
      if (teamText && !team) fail('team', `no team "${teamText}"`);
      let phone: string | null = null;
      if (raw.phone.trim()) {
        const r = normalizePhone(raw.phone);
        if (!r.ok) fail('phone', `not a valid phone number "${raw.phone}": ${r.reason}`);
        else if (firstPhone.has(r.e164)) fail('phone', `${r.e164} is also on row ${firstPhone.get(r.e164)}`);
        else {
          phone = r.e164;
          firstPhone.set(r.e164, line);
        }
      }
      const languages: string[] = [];
      for (const word of raw.languages.split(/[;|,/]+/).map((w) => w.trim().toLowerCase())) {
        if (!word) continue;
        const code = LANGUAGE_WORDS.get(word);
        if (!code) fail('languages', `unknown language "${word}": use ${LANGUAGES.join(', ')}`);
        else if (!languages.includes(code)) languages.push(code);
      }
      return { row: line, name, email, role: roleText, teamId: team?.id ?? null, teamName: team?.name ?? null, phone, languages };
    });
    for (const u of await repo.findUsersByEmails(db, [...firstEmail.keys()])) {
      errors.push({ row: firstEmail.get(u.email) ?? 0, field: 'email', message: `${u.email} already has an account` });
    }
    for (const u of await repo.findActiveByPhones(db, [...firstPhone.keys()])) {
      if (u.phone) errors.push({ row: firstPhone.get(u.phone) ?? 0, field: 'phone', message: `${u.phone} is the phone of ${u.name}` });
    }
    errors.sort((a, b) => a.row - b.row);
    return { rows, errors };
  }

  return {
    /**
     * Checks every row; unless `dryRun`, creates them all in one transaction with a temporary
     * password each, or throws USER_BULK_INVALID with every row's errors and creates nobody.
     */
    async invite(actor: Actor, body: BulkUsersBody): Promise<BulkUsersResult> {
      const { rows, errors } = await check(body.csv);
      if (body.dryRun) return { dryRun: true, created: 0, rows, errors, credentials: [] };
      if (errors.length > 0) throw UserErrors.USER_BULK_INVALID(`${errors.length} problem(s) in the file; nobody was created`, { rows, errors });
      const passwords = rows.map(() => temporaryPassword());
      const hashes = await hashAll(passwords);
      try {
        const created = await db.transaction(async (tx) => {
          const inserted = await repo.insertUsers(
            tx,
            rows.map((r, i) => ({
              email: r.email,
              name: r.name,
              role: r.role as Role,
              passwordHash: hashes[i] ?? '',
              phone: r.phone,
              teamId: r.teamId,
              languages: r.languages,
            })),
          );
          await audit.record(
            actor,
            inserted.map((u) => ({ action: 'user.create', entityType: 'user', entityId: u.id, details: { email: u.email, role: u.role, bulk: true } })),
            tx,
          );
          await audit.record(actor, { action: 'user.bulk_create', entityType: 'user', details: { count: inserted.length } }, tx);
          return inserted;
        });
        const byEmail = new Map(created.map((u) => [u.email, u]));
        const credentials = rows.flatMap((r, i) => {
          const u = byEmail.get(r.email);
          return u ? [{ id: u.id, name: u.name, email: u.email, temporaryPassword: passwords[i] ?? '' }] : [];
        });
        return { dryRun: false, created: created.length, rows, errors: [], credentials };
      } catch (err) {
        // Someone took an email between the check and the insert.
        if (isUniqueViolation(err, 'users_email_key')) throw UserErrors.USER_EMAIL_TAKEN('an email in the file was just taken; check the file again');
        throw err;
      }
    },
  };
}
