/**
 * The consent ledger (DPDP s.6): given or withdrawn, to be called and to be recorded. The latest
 * row per lead and purpose holds; nothing is overwritten, so withdrawing is one more row.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import { type Actor, actorRef } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import type { LeadDataHolder, LeadsService } from '../leads/index.js';
import { ComplianceErrors } from './compliance.errors.js';
import type { Notices } from './compliance.notices.js';
import { consents } from './compliance.tables.js';

export const CONSENT_PURPOSES = ['calls', 'recording', 'whatsapp', 'email', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
/** Where a consent was given or withdrawn. (A merge records its own entries with channel 'merge'.) */
export const CONSENT_CHANNELS = ['call', 'web_form', 'sms', 'whatsapp', 'email', 'in_person', 'agent_confirmed'] as const;
/**
 * What an entry rests on: the person's consent (s.6), or a legitimate use that needs none (s.7):
 * data the person gave voluntarily for the purpose, a legal obligation, a court's order, a medical
 * emergency, employment.
 */
export const LAWFUL_BASES = ['consent', 'voluntarily_provided', 'legal_obligation', 'court_order', 'medical_emergency', 'employment'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** Where consent entries are written to the processing log (the privacy module keeps it). */
export type ConsentProcessingLog = {
  record(tx: Db, actor: Actor, entry: { leadId: string; action: string; purpose: string; details?: Record<string, unknown> }): Promise<void>;
};

export type ConsentEntry = {
  leadId: string;
  purpose: ConsentPurpose;
  granted: boolean;
  channel: string;
  evidence?: string | null;
  noticeId?: string | null;
  lawfulBasis?: LawfulBasis;
  recordedBy: string | null;
};

type Row = typeof consents.$inferSelect;

export const toConsentDto = (r: Row) => ({
  id: r.id,
  purpose: r.purpose,
  granted: r.granted,
  channel: r.channel,
  evidence: r.evidence,
  noticeId: r.noticeId,
  lawfulBasis: r.lawfulBasis,
  recordedBy: r.recordedBy,
  createdAt: r.createdAt.toISOString(),
});

const withVersion = (r: Row, versions: Map<string, number>) => ({ ...toConsentDto(r), noticeVersion: r.noticeId ? (versions.get(r.noticeId) ?? null) : null });

export type ConsentsDeps = {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'get'>;
  notices: Pick<Notices, 'current' | 'belongsTo' | 'list'>;
  processing: ConsentProcessingLog;
};

export function createConsents(deps: ConsentsDeps) {
  const { db } = deps;

  async function record(tx: Db, v: ConsentEntry) {
    const [row] = await tx
      .insert(consents)
      .values({ ...v, evidence: v.evidence ?? null, noticeId: v.noticeId ?? null, lawfulBasis: v.lawfulBasis ?? 'consent' })
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

  /** The latest entry of each purpose for a lead. */
  async function latest(tx: Db, leadId: string) {
    return tx
      .selectDistinctOn([consents.purpose])
      .from(consents)
      .where(eq(consents.leadId, leadId))
      .orderBy(consents.purpose, desc(consents.createdAt), desc(consents.id));
  }

  type MoveUndo = { moved: string[]; added: string[] };

  /**
   * The ledger as lead data. A merge moves both leads' entries to the survivor, and where either
   * lead's consent for a purpose stood withdrawn, the survivor's stays withdrawn: a withdrawal is
   * appended when the merged ledger would otherwise end in a grant. An erasure blanks the evidence
   * and keeps the entries: when consent was given or withdrawn remains provable.
   */
  const dataHolder: LeadDataHolder = {
    name: 'consents',
    tables: ['consents'],
    async move(tx, fromId, toId): Promise<MoveUndo> {
      const before = [...(await latest(tx, fromId)), ...(await latest(tx, toId))];
      const moved = (await tx.update(consents).set({ leadId: toId }).where(eq(consents.leadId, fromId)).returning({ id: consents.id })).map((r) => r.id);
      const added: string[] = [];
      for (const purpose of CONSENT_PURPOSES) {
        const withdrawn = before.find((r) => r.purpose === purpose && !r.granted);
        if (!withdrawn || !(await granted(toId, purpose, tx))) continue;
        const [row] = await tx
          .insert(consents)
          .values({
            leadId: toId,
            purpose,
            granted: false,
            channel: 'merge',
            evidence: `Withdrawn on ${withdrawn.leadId === fromId ? 'the lead merged into this one' : 'this lead'} on ${withdrawn.createdAt.toISOString()}`,
            recordedBy: null,
            // Newest in the ledger whatever the clocks say, so it is the entry that holds.
            createdAt: sql`greatest(now(), (select max(c.created_at) from ${consents} c where c.lead_id = ${toId} and c.purpose = ${purpose}) + interval '1 millisecond')`,
          })
          .returning({ id: consents.id });
        if (row) added.push(row.id);
      }
      return { moved, added };
    },
    async restore(tx, undo, fromId) {
      const u = undo as MoveUndo;
      if (u.added.length > 0) await tx.delete(consents).where(idIn(consents.id, u.added));
      if (u.moved.length > 0) await tx.update(consents).set({ leadId: fromId }).where(idIn(consents.id, u.moved));
    },
    async export(lead) {
      const rows = await db.select().from(consents).where(eq(consents.leadId, lead.id)).orderBy(desc(consents.createdAt), desc(consents.id));
      return rows.map(toConsentDto);
    },
    async erase(tx, lead) {
      await tx.update(consents).set({ evidence: null }).where(eq(consents.leadId, lead.id));
    },
  };

  return {
    record,
    granted,
    dataHolder,

    /**
     * Consent the agent confirms as they dial (the person said yes on the line): recorded under the
     * purpose's current notice and written to the processing log, on `tx`.
     */
    async agentConfirmed(tx: Db, actor: Actor, leadId: string, purpose: ConsentPurpose) {
      const noticeId = (await deps.notices.current(purpose, tx))?.id ?? null;
      const row = await record(tx, { leadId, purpose, granted: true, channel: 'agent_confirmed', noticeId, recordedBy: actorRef(actor) });
      await deps.processing.record(tx, actor, {
        leadId,
        action: 'consent_grant',
        purpose: 'consent_management',
        details: { purpose, channel: 'agent_confirmed', lawfulBasis: 'consent', noticeId },
      });
      return row;
    },

    /** Entries made before TeleHub kept them (the demo organisation's past weeks), at their own times. */
    async insertPast(rows: (Omit<ConsentEntry, 'recordedBy'> & { createdAt: Date })[]): Promise<void> {
      for (let i = 0; i < rows.length; i += 1000) {
        const page = rows.slice(i, i + 1000).map((r) => ({ ...r, evidence: r.evidence ?? null, recordedBy: null }));
        if (page.length > 0) await db.insert(consents).values(page);
      }
    },

    /** The lead's consent ledger, newest first, for those who may see the lead. */
    async list(actor: Actor, leadId: string) {
      await deps.leads.get(actor, leadId);
      const rows = await db.select().from(consents).where(eq(consents.leadId, leadId)).orderBy(desc(consents.createdAt), desc(consents.id)).limit(200);
      const versions = new Map((await deps.notices.list()).items.map((n) => [n.id, n.version]));
      return { items: rows.map((r) => withVersion(r, versions)) };
    },

    /**
     * Consent given or withdrawn (withdrawal as easy as giving: the same call with granted=false),
     * or a legitimate use recorded instead (s.7). A consent given names the notice shown: the one
     * asked for, else the purpose's current version. Audited and written to the processing log.
     */
    async add(
      actor: Actor,
      leadId: string,
      body: { purpose: ConsentPurpose; granted: boolean; channel: string; evidence?: string | null; noticeId?: string | null; lawfulBasis?: LawfulBasis },
    ) {
      await deps.leads.get(actor, leadId);
      const lawfulBasis = body.lawfulBasis ?? 'consent';
      let noticeId: string | null = null;
      if (body.noticeId) {
        if (!(await deps.notices.belongsTo(body.noticeId, body.purpose)))
          throw ComplianceErrors.NOTICE_NOT_FOUND(`noticeId: no ${body.purpose} notice with this id`);
        noticeId = body.noticeId;
      } else if (body.granted && lawfulBasis === 'consent') noticeId = (await deps.notices.current(body.purpose))?.id ?? null;
      const row = await db.transaction(async (tx) => {
        const r = await record(tx, { leadId, ...body, noticeId, lawfulBasis, recordedBy: actorRef(actor) });
        const action = body.granted ? 'consent.grant' : 'consent.withdraw';
        const details = { purpose: body.purpose, channel: body.channel, lawfulBasis, noticeId };
        await deps.audit.record(actor, { action, entityType: 'lead', entityId: leadId, details }, tx);
        await deps.processing.record(tx, actor, {
          leadId,
          action: body.granted ? 'consent_grant' : 'consent_withdraw',
          purpose: 'consent_management',
          details,
        });
        return r;
      });
      if (!row) throw ComplianceErrors.CONSENT_NOT_RECORDED();
      const versions = new Map((await deps.notices.list()).items.map((n) => [n.id, n.version]));
      return withVersion(row, versions);
    },
  };
}

export type ConsentsService = ReturnType<typeof createConsents>;
