/** The consent ledger (DPDP s.6): the latest row per lead and purpose holds; nothing is overwritten. */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { consents } from './calls.tables.js';

export const CONSENT_PURPOSES = ['calls', 'recording'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export function createConsents(deps: { db: Db }) {
  const { db } = deps;
  return {
    async record(
      tx: Db,
      v: { leadId: string; purpose: ConsentPurpose; granted: boolean; channel: string; evidence?: string | null; recordedBy: string | null },
    ) {
      const [row] = await tx
        .insert(consents)
        .values({ ...v, evidence: v.evidence ?? null })
        .returning();
      return row;
    },

    /** Whether the latest entry for this purpose grants it (no entry: not granted). */
    async granted(leadId: string, purpose: ConsentPurpose, tx: Db = db): Promise<boolean> {
      const [row] = await tx
        .select({ granted: consents.granted })
        .from(consents)
        .where(and(eq(consents.leadId, leadId), eq(consents.purpose, purpose)))
        .orderBy(desc(consents.createdAt), desc(consents.id))
        .limit(1);
      return row?.granted ?? false;
    },

    async list(leadId: string) {
      const rows = await db.select().from(consents).where(eq(consents.leadId, leadId)).orderBy(desc(consents.createdAt)).limit(200);
      return rows.map((r) => ({
        id: r.id,
        purpose: r.purpose,
        granted: r.granted,
        channel: r.channel,
        evidence: r.evidence,
        recordedBy: r.recordedBy,
        createdAt: r.createdAt.toISOString(),
      }));
    },
  };
}
