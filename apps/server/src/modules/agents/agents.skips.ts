/**
 * Leads an agent skipped, with the reason: kept out of that agent's queue until the next reset
 * time in India (midnight unless an admin sets another), written on the lead's timeline. A skip
 * is lead data: it follows a merge, goes into an access request, and leaves with an erasure.
 */
import type { Skip, SkipBody, SkipReason, SkipRules } from '@telehub/shared';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Actor, Clock } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import { readSetting, writeSetting } from '../../platform/settings/settings.js';
import { fromWallClock, wallClock } from '../../platform/time.js';
import type { LeadDataHolder, LeadsService } from '../leads/index.js';
import { agentSkips } from './agents.tables.js';

/** Skips end at a time of day in India, the organisation's zone. */
export const SKIP_TIME_ZONE = 'Asia/Kolkata';
const RULES_KEY = 'agents.skip_rules';
export const DEFAULT_SKIP_RULES: SkipRules = { resetAt: '00:00' };

/** The first instant after `now` when the clock in India reads `resetAt` (HH:MM). */
export function skipEndsAt(now: Date, resetAt: string): Date {
  const [h = 0, m = 0] = resetAt.split(':').map(Number);
  const w = wallClock(now.getTime(), SKIP_TIME_ZONE);
  const today = fromWallClock([w.year, w.month, w.day, h, m], SKIP_TIME_ZONE);
  return today > now ? today : fromWallClock([w.year, w.month, w.day + 1, h, m], SKIP_TIME_ZONE);
}

type Row = typeof agentSkips.$inferSelect;
const present = (r: Row): Skip => ({
  id: r.id,
  leadId: r.leadId,
  reason: r.reason as SkipReason,
  note: r.note,
  createdAt: r.createdAt.toISOString(),
  until: r.expiresAt.toISOString(),
});

export function createSkips(deps: { db: Db; clock: Clock; leads: Pick<LeadsService, 'forAction' | 'calls'> }) {
  const { db, clock } = deps;

  const holder: LeadDataHolder = {
    name: 'agent_skips',
    tables: ['agent_skips'],
    async move(tx, fromId, toId) {
      return (await tx.update(agentSkips).set({ leadId: toId }).where(eq(agentSkips.leadId, fromId)).returning({ id: agentSkips.id })).map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(agentSkips).set({ leadId: fromId }).where(idIn(agentSkips.id, ids));
    },
    async export(lead) {
      const rows = await db.select().from(agentSkips).where(eq(agentSkips.leadId, lead.id)).orderBy(asc(agentSkips.createdAt));
      return rows.map((r) => ({ reason: r.reason, note: r.note, createdAt: r.createdAt.toISOString(), until: r.expiresAt.toISOString() }));
    },
    async erase(tx, lead) {
      await tx.delete(agentSkips).where(eq(agentSkips.leadId, lead.id));
    },
  };

  async function rules(): Promise<SkipRules> {
    const stored = await readSetting<SkipRules>(db, RULES_KEY);
    return stored && typeof stored.resetAt === 'string' ? { resetAt: stored.resetAt } : DEFAULT_SKIP_RULES;
  }

  return {
    dataHolder: holder,
    rules,

    async setRules(body: SkipRules): Promise<SkipRules> {
      await writeSetting(db, RULES_KEY, body);
      return body;
    },

    /** The agent passes over a lead they may see: out of their queue until the next reset, on the lead's timeline. */
    async record(actor: Actor, body: SkipBody): Promise<Skip> {
      const lead = await deps.leads.forAction(actor, body.leadId);
      const now = clock.now();
      const until = skipEndsAt(now, (await rules()).resetAt);
      const note = body.note?.trim() || null;
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(agentSkips)
          .values({ agentId: actor.id, leadId: lead.id, reason: body.reason, note, createdAt: now, expiresAt: until })
          .returning();
        if (!row) throw new Error('skip not stored');
        await deps.leads.calls.recordSkip(actor, lead.id, { reason: body.reason, note, until }, tx);
        return present(row);
      });
    },

    /** The leads this agent skipped that are still out of their queue. */
    async activeLeadIds(agentId: string, now: Date): Promise<string[]> {
      const rows = await db
        .selectDistinct({ leadId: agentSkips.leadId })
        .from(agentSkips)
        .where(and(eq(agentSkips.agentId, agentId), gt(agentSkips.expiresAt, now)));
      return rows.map((r) => r.leadId);
    },
  };
}

export type SkipsService = ReturnType<typeof createSkips>;
