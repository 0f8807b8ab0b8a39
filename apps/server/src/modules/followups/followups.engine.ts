/**
 * The running side of follow-ups: enrolling a lead when a rule's trigger happens (once per rule,
 * lead and trigger event), stopping runs when the lead leaves the funnel, following callbacks that
 * move, and the poll that sends each step when it falls due. Steps are durable rows: whichever node
 * polls finds them, after any restart.
 */
import type { FollowupChannel, FollowupStep, LeadStatus } from '@telehub/shared';
import { and, arrayContains, asc, eq, gt, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';
import type { CallbacksService } from '../agents/index.js';
import type { LeadsService } from '../leads/index.js';
import { cancelRuns, completeFinished, type RuleRow, type StepRow } from './followups.repo.js';
import { type FollowupRunContext, followupRules, followupRuns, followupSteps } from './followups.tables.js';
import { beforeCallback, fill, insideHours, nextOpening, plan } from './followups.timing.js';

/** What messaging offers follow-ups (the messaging module's `send`). */
export type FollowupSender = {
  send(
    actor: 'system',
    input: {
      leadId: string;
      channel: FollowupChannel;
      template: string;
      variables: Record<string, string> | string[];
      origin: { kind: 'sequence'; id: string };
    },
  ): Promise<{ id: string; status: string }>;
};

export type FollowupEngineDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  leads: Pick<LeadsService, 'forAction'>;
  /** The call behind a disposition (its code, campaign and agent). */
  calls: { get(callId: string): Promise<{ disposition: string | null; campaignId: string | null; agentId: string | null } | undefined> };
  callbacks: Pick<CallbacksService, 'pendingOf' | 'states'>;
  /** A user's name (the agent named in a message). */
  userName: (id: string) => Promise<string | null>;
  /** Messaging: it checks consent, DND for marketing templates, the template and its variables, and queues the message. */
  messaging: FollowupSender;
  /** HH:MM-HH:MM in the lead's time zone: the calling hours, which messages keep to as well. */
  hours: () => string;
};

/** Statuses that end a lead's follow-ups: converted, or out of the funnel. */
export const STOP_STATUSES: readonly LeadStatus[] = ['converted', 'not_interested', 'lost', 'invalid'];
const STOP_WORDS: Record<string, string> = {
  converted: 'The lead converted.',
  not_interested: 'The lead is not interested.',
  lost: 'The lead was marked lost.',
  invalid: 'The lead was marked invalid.',
};

/** Messaging errors that will not change by trying again (no consent, DND, unknown template, bad variables). */
const FINAL_KINDS = new Set(['bad_request', 'forbidden', 'not_found', 'conflict', 'unprocessable']);
const MAX_ATTEMPTS = 5;
/** Messaging's refusal for a lead without consent on the channel (never given, or withdrawn). */
const CONSENT_REFUSAL = 'CONSENT_REQUIRED';
const RETRY_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
const CLAIM_MS = 2 * 60_000;
const BATCH = 50;

type Lead = Awaited<ReturnType<LeadsService['forAction']>>;

export function createFollowupEngine(deps: FollowupEngineDeps) {
  const { db, clock, logger } = deps;

  async function rulesFor(kind: 'disposition' | 'status', value: string, campaignId: string | null): Promise<RuleRow[]> {
    return db
      .select()
      .from(followupRules)
      .where(
        and(
          eq(followupRules.active, true),
          eq(followupRules.triggerKind, kind),
          arrayContains(followupRules.triggerValues, [value]),
          campaignId ? or(isNull(followupRules.campaignId), eq(followupRules.campaignId, campaignId)) : isNull(followupRules.campaignId),
        ),
      );
  }

  /** Enrolls the lead in the rule for one trigger event; a second enrolment for the same event does nothing. */
  async function enroll(rule: RuleRow, leadId: string, trigger: { key: string; value: string }, context: FollowupRunContext): Promise<boolean> {
    const now = clock.now();
    return db.transaction(async (tx) => {
      const [run] = await tx
        .insert(followupRuns)
        .values({
          ruleId: rule.id,
          ruleName: rule.name,
          leadId,
          triggerKind: rule.triggerKind,
          triggerValue: trigger.value,
          triggerKey: trigger.key,
          context,
          createdAt: now,
        })
        .onConflictDoNothing()
        .returning({ id: followupRuns.id });
      if (!run) return false;
      const needsCallback = rule.steps.some((s) => s.timing.kind === 'before_callback');
      const callback = needsCallback ? await deps.callbacks.pendingOf(leadId, tx) : undefined;
      await tx.insert(followupSteps).values(rule.steps.map((step, i) => stepValues(run.id, i, step, plan(step.timing, now, now, callback), now)));
      await completeFinished(tx, [run.id], now);
      return true;
    });
  }

  function stepValues(runId: string, position: number, step: FollowupStep, p: ReturnType<typeof plan>, now: Date) {
    const base = { runId, position, channel: step.channel, template: step.template, variables: step.variables, timing: step.timing, updatedAt: now };
    if ('skip' in p) return { ...base, status: 'skipped', reasonCode: p.skip, reason: p.reason };
    return { ...base, status: 'pending', dueAt: p.dueAt, callbackId: p.callbackId, callbackAt: p.callbackAt };
  }

  /** Stops the lead's active runs started before `before` (a status change stops what came before it, not what it started). */
  async function stopLead(leadId: string, v: { code: string; reason: string; before?: Date }) {
    const where = and(eq(followupRuns.leadId, leadId), eq(followupRuns.status, 'active'), v.before ? lte(followupRuns.createdAt, v.before) : undefined);
    const ids = (await db.select({ id: followupRuns.id }).from(followupRuns).where(where)).map((r) => r.id);
    if (ids.length === 0) return 0;
    return (await db.transaction((tx) => cancelRuns(tx, ids, { ...v, by: null, at: clock.now() }))).length;
  }

  /** `call.disposed`: rules on the call's disposition enroll the lead. */
  async function onDisposed(events: { callId: string; leadId: string }[]) {
    let enrolled = 0;
    for (const e of events) {
      const call = await deps.calls.get(e.callId);
      if (!call?.disposition) continue;
      for (const rule of await rulesFor('disposition', call.disposition, call.campaignId)) {
        const context = { callId: e.callId, agentId: call.agentId, campaignId: call.campaignId };
        if (await enroll(rule, e.leadId, { key: `call:${e.callId}`, value: call.disposition }, context)) enrolled++;
      }
    }
    if (enrolled > 0) await processDue();
  }

  /** `lead.status_changed`: a stop status ends the runs before it; rules on the new status enroll the lead. */
  async function onStatusChanged(events: { leadId: string; to: LeadStatus; at: string; callId: string | null }[]) {
    let enrolled = 0;
    for (const e of events) {
      const at = new Date(e.at);
      if (STOP_STATUSES.includes(e.to)) await stopLead(e.leadId, { code: `lead_${e.to}`, reason: STOP_WORDS[e.to] ?? 'The lead left the funnel.', before: at });
      const call = e.callId ? await deps.calls.get(e.callId) : undefined;
      for (const rule of await rulesFor('status', e.to, call?.campaignId ?? null)) {
        const context = { callId: e.callId, agentId: call?.agentId ?? null, campaignId: call?.campaignId ?? null };
        if (await enroll(rule, e.leadId, { key: `status:${e.to}:${e.at}`, value: e.to }, context)) enrolled++;
      }
    }
    if (enrolled > 0) await processDue();
  }

  /**
   * "Before the callback" steps follow their callback: moved, they are planned again; done or
   * cancelled, they are cancelled. Read in pages by id, so every waiting reminder is looked at.
   */
  async function followCallbacks(): Promise<number> {
    let changed = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const steps = await db
        .select()
        .from(followupSteps)
        .where(and(eq(followupSteps.status, 'pending'), isNotNull(followupSteps.callbackId), gt(followupSteps.id, after)))
        .orderBy(asc(followupSteps.id))
        .limit(500);
      if (steps.length === 0) return changed;
      const states = await deps.callbacks.states(steps.flatMap((s) => (s.callbackId ? [s.callbackId] : [])));
      const now = clock.now();
      const touched: string[] = [];
      await db.transaction(async (tx) => {
        for (const s of steps) {
          const cb = s.callbackId ? states.get(s.callbackId) : undefined;
          const hours = s.timing.kind === 'before_callback' ? s.timing.hours : 0;
          let set: Partial<StepRow> | null = null;
          if (cb?.status !== 'pending') {
            const done = cb?.status === 'done';
            set = {
              status: 'cancelled',
              reasonCode: done ? 'callback_done' : 'callback_cancelled',
              reason: done ? 'The callback took place.' : 'The callback was cancelled.',
            };
          } else if (s.callbackAt?.getTime() !== cb.dueAt.getTime() && s.callbackId) {
            const p = beforeCallback(hours, { id: s.callbackId, dueAt: cb.dueAt }, now);
            set = 'skip' in p ? { status: 'skipped', reasonCode: p.skip, reason: p.reason, callbackAt: cb.dueAt } : { dueAt: p.dueAt, callbackAt: cb.dueAt };
          }
          if (!set) continue;
          await tx
            .update(followupSteps)
            .set({ ...set, updatedAt: now })
            .where(and(eq(followupSteps.id, s.id), eq(followupSteps.status, 'pending')));
          touched.push(s.runId);
          changed++;
        }
        await completeFinished(tx, [...new Set(touched)], now);
      });
      after = steps[steps.length - 1]?.id ?? after;
      if (steps.length < 500) return changed;
    }
  }

  /** Takes due steps (and steps a dead node left mid-send) for this node, marking them sending. */
  async function claim(): Promise<StepRow[]> {
    const now = clock.now();
    const until = new Date(now.getTime() + CLAIM_MS);
    const ids = rowsOf<{ id: string }>(
      await db.execute(sql`
        update ${followupSteps} set status = 'sending', attempts = attempts + 1, claimed_until = ${until}, updated_at = ${now}
        where id in (
          select id from ${followupSteps}
          where (status = 'pending' and due_at <= ${now}) or (status = 'sending' and claimed_until < ${now})
          order by due_at limit ${BATCH} for update skip locked)
        returning id`),
    ).map((r) => r.id);
    if (ids.length === 0) return [];
    return db.select().from(followupSteps).where(idIn(followupSteps.id, ids)).orderBy(asc(followupSteps.dueAt));
  }

  async function settle(step: StepRow, set: Partial<StepRow>) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx
        .update(followupSteps)
        .set({ ...set, claimedUntil: null, updatedAt: now })
        .where(and(eq(followupSteps.id, step.id), eq(followupSteps.status, 'sending')));
      await completeFinished(tx, [step.runId], now);
    });
  }

  /** No consent on the channel: the run's later steps on it stop too (the lead opted out of it); other channels go on. */
  async function optedOut(step: StepRow, reason: string) {
    const now = clock.now();
    await db.transaction(async (tx) => {
      await tx
        .update(followupSteps)
        .set({ status: 'cancelled', reasonCode: CONSENT_REFUSAL, reason, updatedAt: now })
        .where(and(eq(followupSteps.runId, step.runId), eq(followupSteps.channel, step.channel), eq(followupSteps.status, 'pending')));
      await completeFinished(tx, [step.runId], now);
    });
  }

  async function leadOf(leadId: string): Promise<Lead | null> {
    try {
      return await deps.leads.forAction(SYSTEM_ACTOR, leadId);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'not_found') return null;
      throw err;
    }
  }

  /** One due step: checked against the lead and the hours, then handed to messaging (which checks consent, DND and the template). */
  async function handle(step: StepRow): Promise<void> {
    // A step that kept failing before it reached messaging (each claim counts) is given up.
    if (step.attempts > MAX_ATTEMPTS + 2) return settle(step, { status: 'failed', reasonCode: 'STEP_ERROR', reason: 'The step could not be processed.' });
    const [run] = await db.select().from(followupRuns).where(eq(followupRuns.id, step.runId));
    if (run?.status !== 'active') return settle(step, { status: 'cancelled', reasonCode: 'run_ended', reason: 'The follow-up had ended.' });
    const lead = await leadOf(run.leadId);
    const now = clock.now();
    if (!lead) {
      await db.transaction((tx) => cancelRuns(tx, [run.id], { code: 'lead_gone', reason: 'The lead no longer exists.', by: null, at: now }));
      return;
    }
    const hours = deps.hours();
    if (!insideHours(now, lead.timezone, hours)) {
      const opens = nextOpening(now, lead.timezone, hours);
      if (step.callbackAt && opens >= step.callbackAt)
        return settle(step, { status: 'skipped', reasonCode: 'too_late', reason: `Messaging hours (${hours}) open only after the callback.` });
      return settle(step, {
        status: 'pending',
        dueAt: opens,
        attempts: step.attempts - 1,
        reasonCode: 'outside_hours',
        reason: `Waiting for messaging hours (${hours} in the lead’s time zone).`,
      });
    }
    await send(step, run.leadId, run.context, lead);
  }

  async function send(step: StepRow, leadId: string, context: FollowupRunContext, lead: Lead) {
    const agentName = (context.agentId ? await deps.userName(context.agentId) : null) ?? lead.ownerName;
    const callbackAt = step.callbackAt ?? (await deps.callbacks.pendingOf(leadId))?.dueAt ?? null;
    const variables = fill(step.variables, { lead, agentName, callbackAt });
    try {
      const sent = await deps.messaging.send('system', {
        leadId,
        channel: step.channel as FollowupChannel,
        template: step.template,
        variables,
        origin: { kind: 'sequence', id: step.id },
      });
      await settle(step, { status: 'queued', messageId: sent.id, sentAt: clock.now(), reasonCode: null, reason: null });
    } catch (err) {
      const coded = err instanceof AppError ? err : null;
      const reason = coded?.message ?? 'Messaging failed unexpectedly.';
      const code = coded?.code ?? 'SEND_FAILED';
      if (coded && FINAL_KINDS.has(coded.kind)) {
        await settle(step, { status: 'refused', reasonCode: code, reason });
        if (code === CONSENT_REFUSAL) await optedOut(step, reason);
        return;
      }
      if (!coded) logger.warn({ err, stepId: step.id }, 'follow-up step could not be sent; it will be retried');
      if (step.attempts >= MAX_ATTEMPTS)
        return settle(step, { status: 'failed', reasonCode: code, reason: `${reason} (gave up after ${step.attempts} attempts)` });
      const wait = RETRY_MS[Math.min(step.attempts - 1, RETRY_MS.length - 1)] ?? 60_000;
      await settle(step, { status: 'pending', dueAt: new Date(clock.now().getTime() + wait), reasonCode: code, reason: `${reason} (will try again)` });
    }
  }

  /** The poll: follows moved callbacks, then sends every step due, a batch at a time. */
  async function processDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const steps = await claim();
      if (steps.length === 0) return handled;
      for (const s of steps) {
        try {
          await handle(s);
        } catch (err) {
          // Left as sending: another poll takes it again once the claim runs out.
          logger.error({ err, stepId: s.id }, 'follow-up step failed');
        }
        handled++;
      }
    }
  }

  return {
    onDisposed,
    onStatusChanged,
    stopLead,
    followCallbacks,
    processDue,
    /** The task the scheduler runs: callbacks first (a moved callback may make a reminder due), then the due steps. */
    async poll() {
      await followCallbacks();
      return processDue();
    },
  };
}

export type FollowupEngine = ReturnType<typeof createFollowupEngine>;
