/** The follow-up tables' queries and their shapes for the API; every function takes db or tx. */
import type { FollowupRule, FollowupRun, FollowupRunStatus, FollowupRunStep, FollowupStepStatus, FollowupTriggerKind } from '@telehub/shared';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import { type followupRules, followupRuns, followupSteps } from './followups.tables.js';

export type RuleRow = typeof followupRules.$inferSelect;
export type RunRow = typeof followupRuns.$inferSelect;
export type StepRow = typeof followupSteps.$inferSelect;

/** Steps still to send: what a cancellation stops. */
export const OPEN_STEP_STATUSES: FollowupStepStatus[] = ['pending', 'sending'];

export function toRuleDto(r: RuleRow, activeRuns: number): FollowupRule {
  return {
    id: r.id,
    name: r.name,
    active: r.active,
    campaignId: r.campaignId,
    triggerKind: r.triggerKind as FollowupTriggerKind,
    triggerValues: r.triggerValues,
    steps: r.steps,
    activeRuns,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function toStepDto(s: StepRow): FollowupRunStep {
  return {
    id: s.id,
    position: s.position,
    channel: s.channel as FollowupRunStep['channel'],
    template: s.template,
    timing: s.timing,
    status: s.status as FollowupStepStatus,
    dueAt: s.dueAt?.toISOString() ?? null,
    attempts: s.attempts,
    reasonCode: s.reasonCode,
    reason: s.reason,
    messageId: s.messageId,
    sentAt: s.sentAt?.toISOString() ?? null,
  };
}

export function toRunDto(r: RunRow, steps: StepRow[], leadName: string | null): FollowupRun {
  return {
    id: r.id,
    ruleId: r.ruleId,
    ruleName: r.ruleName,
    leadId: r.leadId,
    leadName,
    trigger: { kind: r.triggerKind as FollowupTriggerKind, value: r.triggerValue, callId: r.context.callId },
    status: r.status as FollowupRunStatus,
    cancelReason: r.cancelReason,
    createdAt: r.createdAt.toISOString(),
    endedAt: r.endedAt?.toISOString() ?? null,
    steps: steps.sort((a, b) => a.position - b.position).map(toStepDto),
  };
}

export async function activeRunCounts(db: Db, ruleIds: string[]): Promise<Map<string, number>> {
  if (ruleIds.length === 0) return new Map();
  const rows = await db
    .select({ ruleId: followupRuns.ruleId, n: sql<number>`count(*)::int` })
    .from(followupRuns)
    .where(and(idIn(followupRuns.ruleId, ruleIds), eq(followupRuns.status, 'active')))
    .groupBy(followupRuns.ruleId);
  return new Map(rows.flatMap((r) => (r.ruleId ? [[r.ruleId, Number(r.n)] as const] : [])));
}

export async function stepsOf(db: Db, runIds: string[]): Promise<Map<string, StepRow[]>> {
  const out = new Map<string, StepRow[]>();
  if (runIds.length === 0) return out;
  const rows = await db.select().from(followupSteps).where(idIn(followupSteps.runId, runIds)).orderBy(asc(followupSteps.position));
  for (const s of rows) out.set(s.runId, [...(out.get(s.runId) ?? []), s]);
  return out;
}

export async function runsPage(db: Db, q: { leadId?: string; ruleId?: string; status?: FollowupRunStatus; limit: number; offset: number }) {
  const where = and(
    q.leadId ? eq(followupRuns.leadId, q.leadId) : undefined,
    q.ruleId ? eq(followupRuns.ruleId, q.ruleId) : undefined,
    q.status ? eq(followupRuns.status, q.status) : undefined,
  );
  const rows = await db.select().from(followupRuns).where(where).orderBy(desc(followupRuns.createdAt), desc(followupRuns.id)).limit(q.limit).offset(q.offset);
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(followupRuns).where(where);
  return { rows, total: Number(count?.n ?? 0) };
}

/**
 * Ends runs: their steps still to send are cancelled with the reason, and the runs marked
 * cancelled. Returns the runs that were still active.
 */
export async function cancelRuns(tx: Db, runIds: string[], v: { reason: string; code: string; by: string | null; at: Date }): Promise<string[]> {
  if (runIds.length === 0) return [];
  const ended = await tx
    .update(followupRuns)
    .set({ status: 'cancelled', cancelReason: v.reason, cancelledBy: v.by, endedAt: v.at })
    .where(and(idIn(followupRuns.id, runIds), eq(followupRuns.status, 'active')))
    .returning({ id: followupRuns.id });
  const ids = ended.map((r) => r.id);
  if (ids.length > 0)
    await tx
      .update(followupSteps)
      .set({ status: 'cancelled', reasonCode: v.code, reason: v.reason, claimedUntil: null, updatedAt: v.at })
      .where(and(idIn(followupSteps.runId, ids), inArray(followupSteps.status, OPEN_STEP_STATUSES)));
  return ids;
}

/** Marks runs whose steps have all ended as completed. */
export async function completeFinished(tx: Db, runIds: string[], at: Date): Promise<void> {
  if (runIds.length === 0) return;
  await tx.execute(sql`
    update ${followupRuns} r set status = 'completed', ended_at = ${at}
    where r.id in (${sql.join(
      runIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )}) and r.status = 'active'
      and not exists (select 1 from ${followupSteps} s where s.run_id = r.id and s.status in ('pending', 'sending'))`);
}
