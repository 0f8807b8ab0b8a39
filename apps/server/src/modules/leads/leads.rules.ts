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
 *
 * Metadata: every write keeps it within LEAD_METADATA_LIMITS. What arrives over the limits (an
 * API body, an import row, a synced record) is refused with the reason, never cut to fit. A merge
 * unites two leads' metadata only when the union fits; otherwise the lead keeps what it had.
 */
import { LEAD_METADATA_LIMITS, leadMetadataProblem } from '@telehub/shared';
import { and, asc, isNull, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { LeadErrors } from './leads.errors.js';
import { leads } from './leads.tables.js';

/** Throws LEAD_METADATA_INVALID (400) naming the first limit `metadata` passes. */
export function assertLeadMetadata(metadata: unknown): void {
  const problem = leadMetadataProblem(metadata);
  if (problem) throw LeadErrors.LEAD_METADATA_INVALID(problem);
}

/** `base` with the keys of `extra` it lacks, when that stays within the limits; else `base`. */
export function unitedMetadata(base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  const united = { ...extra, ...base };
  return leadMetadataProblem(united) === null ? united : base;
}

/**
 * SQL: whether a jsonb metadata value stays within the limits that a union can pass (keys and
 * size; each side alone is already within the others). PostgreSQL's text form has a blank after
 * each colon and comma, so it is measured less two bytes a key.
 */
export function metadataFitsSql(value: SQL): SQL {
  return sql`((select count(*) from jsonb_object_keys(${value})) <= ${LEAD_METADATA_LIMITS.maxKeys}
    and octet_length(${value}::text) - 2 * (select count(*) from jsonb_object_keys(${value})) <= ${LEAD_METADATA_LIMITS.maxBytes})`;
}

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
