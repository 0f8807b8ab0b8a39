/**
 * Follow-up sequences as people see them: the rules (written by admins, audited), the runs of a
 * lead or of everyone with each step's state, a run cancelled by hand; and runs as lead data.
 */
import type { FollowupRule, FollowupRuleBody, FollowupRulePatch, FollowupRun, FollowupRunList, FollowupRunStatus } from '@telehub/shared';
import { asc, eq } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, idIn } from '../../platform/db/client.js';
import type { AuditService } from '../audit/index.js';
import type { LeadDataHolder, LeadsService } from '../leads/index.js';
import type { FollowupEngine } from './followups.engine.js';
import { FollowupErrors } from './followups.errors.js';
import { activeRunCounts, cancelRuns, runsPage, stepsOf, toRuleDto, toRunDto } from './followups.repo.js';
import { followupRules, followupRuns } from './followups.tables.js';

export type FollowupsDeps = {
  db: Db;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'forAction' | 'calls'>;
  campaignExists: (id: string) => Promise<boolean>;
  engine: FollowupEngine;
};

export function createFollowupsService(deps: FollowupsDeps) {
  const { db, clock } = deps;

  async function ruleRow(id: string) {
    const [row] = await db.select().from(followupRules).where(eq(followupRules.id, id));
    if (!row) throw FollowupErrors.FOLLOWUP_RULE_NOT_FOUND();
    return row;
  }

  async function present(row: typeof followupRules.$inferSelect): Promise<FollowupRule> {
    return toRuleDto(row, (await activeRunCounts(db, [row.id])).get(row.id) ?? 0);
  }

  async function checkCampaign(id: string | null | undefined) {
    if (id && !(await deps.campaignExists(id))) throw FollowupErrors.FOLLOWUP_CAMPAIGN_NOT_FOUND();
  }

  async function presentRuns(rows: (typeof followupRuns.$inferSelect)[]): Promise<FollowupRun[]> {
    const steps = await stepsOf(
      db,
      rows.map((r) => r.id),
    );
    const names = await deps.leads.calls.briefs(rows.map((r) => r.leadId));
    return rows.map((r) => toRunDto(r, steps.get(r.id) ?? [], names.get(r.leadId)?.name ?? null));
  }

  /** Runs are the lead's data: they follow a merge, are handed over on access, and go with an erasure. */
  const dataHolder: LeadDataHolder = {
    name: 'followups',
    tables: ['followup_runs'],
    async move(tx, fromId, toId) {
      const rows = await tx.update(followupRuns).set({ leadId: toId }).where(eq(followupRuns.leadId, fromId)).returning({ id: followupRuns.id });
      return rows.map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(followupRuns).set({ leadId: fromId }).where(idIn(followupRuns.id, ids));
    },
    async export(lead) {
      const rows = await db.select().from(followupRuns).where(eq(followupRuns.leadId, lead.id)).orderBy(asc(followupRuns.createdAt));
      const steps = await stepsOf(
        db,
        rows.map((r) => r.id),
      );
      return rows.map((r) => {
        const { leadName: _name, ...run } = toRunDto(r, steps.get(r.id) ?? [], null);
        return run;
      });
    },
    async erase(tx, lead) {
      // Steps go with their runs (on delete cascade).
      await tx.delete(followupRuns).where(eq(followupRuns.leadId, lead.id));
    },
  };

  return {
    dataHolder,

    async listRules(): Promise<{ items: FollowupRule[] }> {
      const rows = await db.select().from(followupRules).orderBy(asc(followupRules.name), asc(followupRules.id));
      const counts = await activeRunCounts(
        db,
        rows.map((r) => r.id),
      );
      return { items: rows.map((r) => toRuleDto(r, counts.get(r.id) ?? 0)) };
    },

    getRule: async (id: string) => present(await ruleRow(id)),

    async createRule(actor: Actor, body: FollowupRuleBody): Promise<FollowupRule> {
      await checkCampaign(body.campaignId);
      const now = clock.now();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(followupRules)
          .values({ ...body, createdBy: actorRef(actor), createdAt: now, updatedAt: now })
          .returning();
        if (!r) throw new Error('insert into followup_rules returned nothing');
        await deps.audit.record(
          actor,
          {
            action: 'followup.rule_create',
            entityType: 'followup_rule',
            entityId: r.id,
            details: { name: r.name, trigger: r.triggerKind, steps: r.steps.length },
          },
          tx,
        );
        return r;
      });
      return present(row);
    },

    /** A change applies to enrolments from now on; runs already started keep the steps they were given. */
    async updateRule(actor: Actor, id: string, patch: FollowupRulePatch): Promise<FollowupRule> {
      await ruleRow(id);
      await checkCampaign(patch.campaignId);
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .update(followupRules)
          .set({ ...patch, updatedAt: clock.now() })
          .where(eq(followupRules.id, id))
          .returning();
        if (!r) throw FollowupErrors.FOLLOWUP_RULE_NOT_FOUND();
        await deps.audit.record(
          actor,
          { action: 'followup.rule_update', entityType: 'followup_rule', entityId: id, details: { fields: Object.keys(patch).sort() } },
          tx,
        );
        return r;
      });
      return present(row);
    },

    /** Deleting a rule stops its active runs; their history stays, under the rule's name. */
    async deleteRule(actor: Actor, id: string): Promise<void> {
      const rule = await ruleRow(id);
      await db.transaction(async (tx) => {
        const active = await tx.select({ id: followupRuns.id }).from(followupRuns).where(eq(followupRuns.ruleId, id));
        const stopped = await cancelRuns(
          tx,
          active.map((r) => r.id),
          { code: 'rule_deleted', reason: 'The rule was deleted.', by: actorRef(actor), at: clock.now() },
        );
        await tx.delete(followupRules).where(eq(followupRules.id, id));
        await deps.audit.record(
          actor,
          { action: 'followup.rule_delete', entityType: 'followup_rule', entityId: id, details: { name: rule.name, runsStopped: stopped.length } },
          tx,
        );
      });
    },

    /** A lead's follow-ups, newest first, for whoever may see the lead. */
    async leadRuns(actor: Actor, leadId: string): Promise<FollowupRunList> {
      await deps.leads.forAction(actor, leadId);
      const { rows, total } = await runsPage(db, { leadId, limit: 50, offset: 0 });
      return { items: await presentRuns(rows), total };
    },

    /** Every lead's follow-ups (admins), newest first. */
    async runs(q: { status?: FollowupRunStatus; ruleId?: string; page: number; pageSize: number }): Promise<FollowupRunList> {
      const { rows, total } = await runsPage(db, { status: q.status, ruleId: q.ruleId, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
      return { items: await presentRuns(rows), total };
    },

    /** Stops a run by hand: its steps not yet sent are cancelled. */
    async cancelRun(actor: Actor, runId: string): Promise<FollowupRun> {
      const [run] = await db.select().from(followupRuns).where(eq(followupRuns.id, runId));
      if (!run) throw FollowupErrors.FOLLOWUP_RUN_NOT_FOUND();
      // Hidden runs answer as missing ones do.
      await deps.leads.forAction(actor, run.leadId).catch(() => {
        throw FollowupErrors.FOLLOWUP_RUN_NOT_FOUND();
      });
      if (run.status !== 'active') throw FollowupErrors.FOLLOWUP_RUN_ENDED();
      await db.transaction(async (tx) => {
        const done = await cancelRuns(tx, [runId], { code: 'cancelled_by_user', reason: 'Cancelled by hand.', by: actorRef(actor), at: clock.now() });
        if (done.length === 0) throw FollowupErrors.FOLLOWUP_RUN_ENDED();
        await deps.audit.record(actor, { action: 'followup.run_cancel', entityType: 'lead', entityId: run.leadId, details: { runId, rule: run.ruleName } }, tx);
      });
      const [after] = await db.select().from(followupRuns).where(eq(followupRuns.id, runId));
      const [dto] = await presentRuns(after ? [after] : []);
      if (!dto) throw FollowupErrors.FOLLOWUP_RUN_NOT_FOUND();
      return dto;
    },
  };
}

export type FollowupsService = ReturnType<typeof createFollowupsService>;
