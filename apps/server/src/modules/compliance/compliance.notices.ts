/**
 * Consent notices (DPDP s.5): the text shown before consent is asked, per purpose, in English and
 * Hindi, kept by version. Admins add a version; none is ever edited, so a consent entry that
 * names a notice names the exact words the person saw.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Actor, actorRef } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { AuditService } from '../audit/index.js';
import { ComplianceErrors } from './compliance.errors.js';
import { consentNotices } from './compliance.tables.js';

type Row = typeof consentNotices.$inferSelect;

export const toNoticeDto = (r: Row) => ({
  id: r.id,
  purpose: r.purpose,
  version: r.version,
  textEn: r.textEn,
  textHi: r.textHi,
  createdBy: r.createdBy,
  createdAt: r.createdAt.toISOString(),
});
export type NoticeDto = ReturnType<typeof toNoticeDto>;

export function createNotices(deps: { db: Db; audit: Pick<AuditService, 'record'> }) {
  const { db } = deps;
  return {
    /** Every version of every purpose's notice, newest version first within a purpose. */
    async list(): Promise<{ items: NoticeDto[] }> {
      const rows = await db.select().from(consentNotices).orderBy(consentNotices.purpose, desc(consentNotices.version));
      return { items: rows.map(toNoticeDto) };
    },

    /** The notice in force for a purpose (its latest version), or undefined when none was written. */
    async current(purpose: string, tx: Db = db): Promise<Row | undefined> {
      const [row] = await tx.select().from(consentNotices).where(eq(consentNotices.purpose, purpose)).orderBy(desc(consentNotices.version)).limit(1);
      return row;
    },

    async byId(id: string, tx: Db = db): Promise<Row | undefined> {
      const [row] = await tx.select().from(consentNotices).where(eq(consentNotices.id, id));
      return row;
    },

    /** A new version of a purpose's notice; the one before stays for the entries that name it. Audited. */
    async add(actor: Actor, body: { purpose: string; textEn: string; textHi: string }): Promise<NoticeDto> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(consentNotices)
            .values({
              purpose: body.purpose,
              textEn: body.textEn,
              textHi: body.textHi,
              createdBy: actorRef(actor),
              version: sql`coalesce((select max(n.version) from ${consentNotices} n where n.purpose = ${body.purpose}), 0) + 1`,
            })
            .returning();
          if (!row) throw new Error('insert into consent_notices returned nothing');
          await deps.audit.record(
            actor,
            {
              action: 'consent.notice_publish',
              entityType: 'settings',
              entityId: null,
              details: { noticeId: row.id, purpose: row.purpose, version: row.version },
            },
            tx,
          );
          return toNoticeDto(row);
        });
      } catch (err) {
        // Two admins publishing at once: one wins the version number, the other tries again.
        if (isUniqueViolation(err, 'consent_notices_purpose_version_key')) throw ComplianceErrors.NOTICE_CONFLICT();
        throw err;
      }
    },

    /** Whether `id` is a notice of `purpose`. */
    async belongsTo(id: string, purpose: string, tx: Db = db): Promise<boolean> {
      const [row] = await tx
        .select({ id: consentNotices.id })
        .from(consentNotices)
        .where(and(eq(consentNotices.id, id), eq(consentNotices.purpose, purpose)));
      return row !== undefined;
    },
  };
}

export type Notices = ReturnType<typeof createNotices>;
