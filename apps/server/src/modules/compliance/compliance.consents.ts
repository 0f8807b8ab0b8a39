/**
 * The consent ledger (DPDP s.6): given or withdrawn, to be called and to be recorded. The latest
 * row per lead and purpose holds; nothing is overwritten, so withdrawing is one more row.
 */
import { and, desc, eq } from 'drizzle-orm';
import { type Actor, actorRef } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService } from '../leads/index.js';
import { ComplianceErrors } from './compliance.errors.js';
import { consents } from './compliance.tables.js';

export const CONSENT_PURPOSES = ['calls', 'recording'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** Where a consent was given or withdrawn. (A merge records its own entries with channel 'merge'.) */
export const CONSENT_CHANNELS = ['call', 'web_form', 'sms', 'whatsapp', 'email', 'in_person', 'agent_confirmed'] as const;

export type ConsentEntry = {
  leadId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  channel: string;
  evidence?: string | null;
  recordedBy: string | null;
};

type Row = typeof consents.$inferSelect;

export const toConsentDto = (r: Row) => ({
  id: r.id,
  purpose: r.purpose,
  granted: r.granted,
  channel: r.channel,
  evidence: r.evidence,
  recordedBy: r.recordedBy,
  createdAt: r.createdAt.toISOString(),
});

export type ConsentsDeps = { db: Db; audit: Pick<AuditService, 'record'>; leads: Pick<LeadsService, 'get'> };

export function createConsents(deps: ConsentsDeps) {
  const { db } = deps;

  async function record(tx: Db, v: ConsentEntry) {
    const [row] = await tx
      .insert(consents)
      .values({ ...v, evidence: v.evidence ?? null })
      .returning();
    if (!row) throw new Error('insert into consents returned nothing');
    return row;
  }

  /** Whether the latest entry for this purpose grants it (no entry: not granted). */
  async function granted(leadId: string, purpose: ConsentPurpose, tx: Db = db): Promise<boolean> {
    const [row] = await tx
      .select({ granted: consents.granted })
      .from(consents)
      .where(and(eq(consents.leadId, leadId), eq(consents.purpose, purpose)))
      .orderBy(desc(consents.createdAt), desc(consents.id))
      .limit(1);
    return row?.granted ?? false;
  }

  return {
    record,
    granted,

    /** The lead's consent ledger, newest first, for those who may see the lead. */
    async list(actor: Actor, leadId: string) {
      await deps.leads.get(actor, leadId);
      const rows = await db.select().from(consents).where(eq(consents.leadId, leadId)).orderBy(desc(consents.createdAt), desc(consents.id)).limit(200);
      return { items: rows.map(toConsentDto) };
    },

    /** Consent given or withdrawn (withdrawal as easy as giving: the same call with granted=false); audited. */
    async add(actor: Actor, leadId: string, body: { purpose: ConsentPurpose; granted: boolean; channel: string; evidence?: string | null }) {
      await deps.leads.get(actor, leadId);
      const row = await db.transaction(async (tx) => {
        const r = await record(tx, { leadId, ...body, recordedBy: actorRef(actor) });
        await deps.audit.record(
          actor,
          {
            action: body.granted ? 'consent.grant' : 'consent.withdraw',
            entityType: 'lead',
            entityId: leadId,
            details: { purpose: body.purpose, channel: body.channel },
          },
          tx,
        );
        return r;
      });
      if (!row) throw ComplianceErrors.CONSENT_NOT_RECORDED();
      return toConsentDto(row);
    },
  };
}

export type ConsentsService = ReturnType<typeof createConsents>;
