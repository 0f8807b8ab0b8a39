/** What calls do to leads: the outcome in the timeline and the status, and each agent's queue. */
import type { CallStatus, LeadStatus } from '@telehub/shared';
import { and, asc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import type { DomainEventOutbox } from '../../platform/events/domain.js';
import { OPEN_STATUSES } from './leads.assign.js';
import * as repo from './leads.repo.js';
import { activities, leads } from './leads.tables.js';

export type CallOutcomeOnLead = {
  callId: string;
  status: CallStatus;
  disposition: string;
  dispositionLabel: string;
  /** The label in Hindi, for a disposition a list no longer has (a campaign's own, since changed). */
  dispositionLabelHi?: string | null;
  /** The finer reason chosen, with its words as they were. */
  subDisposition?: { code: string; label: string; labelHi: string | null } | null;
  /** The disposition's question and the agent's answer. */
  question?: { label: string; labelHi: string | null; answer: string } | null;
  notes: string | null;
  durationSeconds: number | null;
  /** The lead's status after the call; null leaves it. */
  leadStatus: LeadStatus | null;
  callbackAt: Date | null;
};

export function createLeadCalls(deps: { db: Db; clock: Clock; events?: Pick<DomainEventOutbox, 'emit'> }) {
  const { db, clock } = deps;
  return {
    /** Writes the call's outcome on the lead in the caller's transaction: timeline, status, last contact. */
    async recordOutcome(actor: Actor, leadId: string, o: CallOutcomeOnLead, tx: Db = db): Promise<void> {
      const before = await repo.findLead(tx, leadId);
      if (!before) return;
      const now = clock.now();
      const statusChanges = o.leadStatus !== null && o.leadStatus !== before.status;
      await repo.updateLeadRow(tx, leadId, {
        ...(statusChanges ? { status: o.leadStatus ?? before.status } : {}),
        lastContactedAt: now,
        lastTouchedAt: now,
        updatedAt: now,
      });
      const by = actorRef(actor);
      const timeline: Parameters<typeof repo.insertActivities>[1] = [
        {
          leadId,
          type: 'call',
          actorId: by,
          body: o.notes,
          data: {
            callId: o.callId,
            status: o.status,
            disposition: o.disposition,
            dispositionLabel: o.dispositionLabel,
            ...(o.dispositionLabelHi ? { dispositionLabelHi: o.dispositionLabelHi } : {}),
            ...(o.subDisposition
              ? { subDisposition: o.subDisposition.code, subDispositionLabel: o.subDisposition.label, subDispositionLabelHi: o.subDisposition.labelHi }
              : {}),
            ...(o.question ? { question: o.question.label, questionHi: o.question.labelHi, answer: o.question.answer } : {}),
            durationSeconds: o.durationSeconds,
            callbackAt: o.callbackAt?.toISOString() ?? null,
          },
          createdAt: now,
        },
      ];
      if (statusChanges) timeline.push({ leadId, type: 'status_change', actorId: by, data: { from: before.status, to: o.leadStatus }, createdAt: now });
      if (statusChanges && o.leadStatus) {
        const change = { leadId, from: before.status as LeadStatus, to: o.leadStatus, at: now.toISOString(), callId: o.callId };
        await deps.events?.emit(tx, 'lead.status_changed', change);
      }
      await repo.insertActivities(tx, timeline);
    },

    /** An agent passed over the lead in their queue: the timeline says who, and why. */
    async recordSkip(actor: Actor, leadId: string, s: { reason: string; note: string | null; until: Date }, tx: Db = db): Promise<void> {
      await repo.insertActivities(tx, [
        { leadId, type: 'skipped', actorId: actorRef(actor), body: s.note, data: { reason: s.reason, until: s.until.toISOString() }, createdAt: clock.now() },
      ]);
    },

    /**
     * A WhatsApp or email message to or from the lead (the messaging module): a line in the
     * timeline naming the message; its delivery status stays with the message.
     */
    async recordMessage(
      actor: Actor | null,
      leadId: string,
      m: { messageId: string; channel: string; direction: 'out' | 'in'; template: string | null; preview: string | null; at?: Date },
      tx: Db = db,
    ): Promise<void> {
      await repo.insertActivities(tx, [
        {
          leadId,
          type: 'message',
          actorId: actor ? actorRef(actor) : null,
          body: m.preview === null ? null : m.preview.slice(0, 500),
          data: { messageId: m.messageId, channel: m.channel, direction: m.direction, template: m.template },
          createdAt: m.at ?? clock.now(),
        },
      ]);
      if (m.direction === 'in')
        await tx
          .update(leads)
          .set({ lastTouchedAt: m.at ?? clock.now() })
          .where(eq(leads.id, leadId));
    },

    /** Retention removed these messages: their timeline entries keep that a message was, not what it said. */
    async forgetMessages(messageIds: string[], tx: Db = db): Promise<void> {
      if (messageIds.length === 0) return;
      await tx
        .update(activities)
        .set({ body: null })
        .where(
          and(
            eq(activities.type, 'message'),
            sql`${activities.data}->>'messageId' in (select jsonb_array_elements_text(${JSON.stringify(messageIds)}::jsonb))`,
          ),
        );
    },

    /** A dial attempt counts as contact for the queue order, whatever its outcome. */
    async markDialed(leadId: string, at: Date, tx: Db = db): Promise<void> {
      await tx.update(leads).set({ lastContactedAt: at }).where(eq(leads.id, leadId));
    },

    /**
     * The agent's queue: open leads they own, not on DND, never contacted first, then the longest
     * untouched; leads in `exclude` (a callback pending later, skipped) are left out.
     */
    async queueFor(agentId: string, opts: { exclude: string[]; limit: number }): Promise<{ ids: string[]; total: number }> {
      const where = and(
        eq(leads.ownerId, agentId),
        isNull(leads.deletedAt),
        eq(leads.dnd, false),
        sql`${leads.status} in (${sql.join(
          OPEN_STATUSES.map((s) => sql`${s}`),
          sql`, `,
        )})`,
        opts.exclude.length > 0 ? notInArray(leads.id, opts.exclude) : undefined,
      );
      const [rows, count] = await Promise.all([
        db
          .select({ id: leads.id })
          .from(leads)
          .where(where)
          .orderBy(sql`${leads.lastContactedAt} asc nulls first`, asc(leads.createdAt), asc(leads.id))
          .limit(opts.limit),
        db.select({ n: sql<number>`count(*)::int` }).from(leads).where(where),
      ]);
      return { ids: rows.map((r) => r.id), total: count[0]?.n ?? 0 };
    },

    /** The live lead with this E.164 phone (an inbound caller), or undefined. Not an audited read. */
    async caller(phone: string): Promise<{ id: string; name: string; phone: string; ownerId: string | null; language: string | null } | undefined> {
      const row = await repo.findLiveLeadByPhone(db, phone);
      return row && { id: row.id, name: row.name, phone: row.phone, ownerId: row.ownerId, language: row.language };
    },

    /** Name and phone of these leads, for lists that show them (callbacks, calls). Not an audited read. */
    async briefs(ids: string[]): Promise<Map<string, { name: string; phone: string; ownerId: string | null }>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: leads.id, name: leads.name, phone: leads.phone, ownerId: leads.ownerId })
        .from(leads)
        .where(idIn(leads.id, [...new Set(ids)]));
      return new Map(rows.map((r) => [r.id, { name: r.name, phone: r.phone, ownerId: r.ownerId }]));
    },
  };
}
