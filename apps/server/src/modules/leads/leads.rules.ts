/**
 * The merge rules of the lead base, in one place: how a record from outside finds the lead it
 * is, and what a merge may change on a lead that already exists. Imports (leads.bulk), syncs
 * (leads.ingest) and merging two leads by hand (leads.merge) all follow them.
 *
 * Matching: a record's identity in its source first (syncs), then its phone in E.164 among live
 * leads, then its email, lower-cased, the oldest live lead with it winning.
 *
 * Filling: an import row or a merged lead fills the fields the lead has empty (FILL_FIELDS, the
 * first non-empty value winning) and never overwrites a value: a differing value goes to the
 * lead's timeline instead. Tags are united; metadata keys the lead has keep its value. (A sync is
 * the exception: the source is the record's owner, so its latest change wins, except a field
 * edited in TeleHub after the source last changed it.)
 */
import { and, asc, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { leads } from './leads.tables.js';

/** Fields a merge fills when empty. Column names equal the field names. */
export const FILL_FIELDS = ['email', 'score', 'language', 'city'] as const;
export type FillField = (typeof FILL_FIELDS)[number];

/** Emails match case-insensitively, without surrounding blanks. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The live lead an email belongs to: the oldest with it. */
export async function liveLeadByEmail(tx: Db, email: string) {
  const [row] = await tx
    .select()
    .from(leads)
    .where(and(sql`lower(${leads.email}) = ${normalizeEmail(email)}`, isNull(leads.deletedAt)))
    .orderBy(asc(leads.createdAt), asc(leads.id))
    .limit(1);
  return row;
}
