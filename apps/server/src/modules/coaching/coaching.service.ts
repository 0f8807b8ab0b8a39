/**
 * Coaching: each telecaller's skills from their scored calls against their team's; items to work
 * on, suggested where a telecaller is well under the team or assigned by a manager, each with the
 * telecaller's own calls that went wrong and the team's best for the same situation; and, once
 * enough calls showing the skill have been made since, the skill measured again.
 */
import {
  type CallAnalysis,
  type CoachingItem,
  OBJECTION_TYPES,
  type QaAnswer,
  type SkillHistory,
  type SkillMatrix,
  type SkillRef,
  type User,
} from '@telehub/shared';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { isStaff } from '../../platform/auth/roles.js';
import { type Actor, actorRef, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import { CoachingErrors } from './coaching.errors.js';
import { gaps, MAX_OPEN_PER_AGENT, moved, type Observation, observe, type ScoredCall, skillRef, summarize } from './coaching.skills.js';
import { coachingItems } from './coaching.tables.js';

export type CoachingDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  users: {
    list(actor: Actor): Promise<User[]>;
    namesByIds(ids: string[]): Promise<Map<string, string>>;
    teamTelecallers(teamId: string): Promise<{ id: string }[]>;
  };
  qa: {
    questionTexts(): Promise<Map<string, { text: string; textHi: string | null }>>;
    scoresOf(
      agentIds: string[],
      since: Date,
    ): Promise<{ callId: string; agentId: string | null; callAt: Date | null; score: number | null; answers: QaAnswer[] }[]>;
  };
  analysis: { byCallIds(ids: string[]): Promise<Map<string, CallAnalysis>> };
};

const DAY_MS = 86_400_000;
/** The window skills are measured over, unless asked otherwise. */
export const DEFAULT_DAYS = 30;
const EXAMPLES = 3;

type ItemRow = typeof coachingItems.$inferSelect;

/** Monday 00:00 UTC of the week holding `ms`. */
function weekStart(ms: number): number {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

export function createCoachingService(deps: CoachingDeps) {
  const { db, clock } = deps;

  /** The scored calls of these agents since `since`, with their analyses. */
  async function callsOf(
    agentIds: string[],
    since: Date,
  ): Promise<{ calls: ScoredCall[]; obs: Observation[]; questions: Map<string, { text: string; textHi: string | null }> }> {
    const scores = await deps.qa.scoresOf(agentIds, since);
    const analyses = await deps.analysis.byCallIds(scores.map((s) => s.callId));
    const calls = scores.map((s) => ({ ...s, analysis: analyses.get(s.callId) ?? null }));
    const questions = await deps.qa.questionTexts();
    for (const c of calls) for (const a of c.answers) if (!questions.has(a.key)) questions.set(a.key, { text: a.text, textHi: a.textHi });
    return { calls, obs: calls.flatMap(observe), questions };
  }

  /** The telecallers the actor sees figures of (themselves, for a telecaller) and the team they are measured against. */
  async function scope(actor: Actor): Promise<{ visible: Map<string, string>; team: string[] }> {
    if (!isStaff(actor)) {
      const names = await deps.users.namesByIds([actor.id]);
      const mates = actor.teamId ? (await deps.users.teamTelecallers(actor.teamId)).map((u) => u.id) : [];
      return { visible: new Map([[actor.id, names.get(actor.id) ?? '']]), team: [...new Set([actor.id, ...mates])] };
    }
    const agents = (await deps.users.list(actor)).filter((u) => u.role === 'telecaller' && u.active);
    return { visible: new Map(agents.map((u) => [u.id, u.name])), team: agents.map((u) => u.id) };
  }

  async function agentInScope(actor: Actor, agentId: string): Promise<string> {
    const { visible } = await scope(actor);
    const name = visible.get(agentId);
    if (name === undefined) throw CoachingErrors.COACHING_AGENT_NOT_FOUND();
    return name;
  }

  /** Own calls that went wrong on the skill (latest first), and other telecallers' that went right (best scored first). */
  function examplesOf(agentId: string, skill: string, calls: ScoredCall[], obs: Observation[]) {
    const scoreOf = new Map(calls.map((c) => [c.callId, c.score ?? 0]));
    const of = obs.filter((o) => o.skill === skill);
    const own = [
      ...new Set(
        of
          .filter((o) => o.agentId === agentId && o.value < 1)
          .sort((a, b) => b.at - a.at)
          .map((o) => o.callId),
      ),
    ].slice(0, EXAMPLES);
    const best = [
      ...new Set(
        of
          .filter((o) => o.agentId !== agentId && o.value === 1)
          .sort((a, b) => (scoreOf.get(b.callId) ?? 0) - (scoreOf.get(a.callId) ?? 0) || b.at - a.at)
          .map((o) => o.callId),
      ),
    ].slice(0, EXAMPLES);
    return { own, best };
  }

  async function present(rows: ItemRow[]): Promise<CoachingItem[]> {
    const names = await deps.users.namesByIds(rows.flatMap((r) => [r.agentId, ...(r.assignedBy ? [r.assignedBy] : [])]));
    const out: CoachingItem[] = [];
    for (const r of rows) {
      const since = await callsOf([r.agentId], r.createdAt);
      const progress = r.result?.calls ?? since.obs.filter((o) => o.skill === r.skill && o.agentId === r.agentId).length;
      const skill = skillRef(r.skill, since.questions) ?? { key: r.skill, kind: 'qa_score', param: null, label: r.skill, labelHi: null };
      out.push({
        id: r.id,
        agent: { id: r.agentId, name: names.get(r.agentId) ?? '' },
        skill,
        note: r.note,
        source: r.source as CoachingItem['source'],
        assignedBy: r.assignedBy ? { id: r.assignedBy, name: names.get(r.assignedBy) ?? '' } : null,
        status: r.status as CoachingItem['status'],
        baseline: r.baseline,
        teamBaseline: r.teamBaseline,
        baselineCalls: r.baselineCalls,
        measureAfterCalls: r.measureAfterCalls,
        progress,
        examples: r.examples,
        result: r.result,
        createdAt: r.createdAt.toISOString(),
      });
    }
    return out;
  }

  /** Inserts an item with its baseline and examples read now. */
  async function open(
    actor: Actor,
    p: { agentId: string; skill: string; note: string | null; source: 'engine' | 'manager'; measureAfterCalls: number; teamIds: string[] },
  ): Promise<ItemRow> {
    const since = new Date(clock.now().getTime() - DEFAULT_DAYS * DAY_MS);
    const { calls, obs } = await callsOf(p.teamIds, since);
    const mine = summarize(obs.filter((o) => o.agentId === p.agentId))[p.skill];
    const rest = summarize(obs.filter((o) => o.agentId !== p.agentId))[p.skill];
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(coachingItems)
        .values({
          agentId: p.agentId,
          skill: p.skill,
          note: p.note,
          source: p.source,
          assignedBy: actorRef(actor),
          baseline: mine?.value ?? null,
          teamBaseline: rest?.value ?? null,
          baselineCalls: mine?.n ?? 0,
          measureAfterCalls: p.measureAfterCalls,
          examples: examplesOf(p.agentId, p.skill, calls, obs),
          createdAt: clock.now(),
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await deps.audit.record(
        actor,
        { action: 'coaching.item.create', entityType: 'user', entityId: p.agentId, details: { skill: p.skill, source: p.source } },
        tx,
      );
      return row;
    });
  }

  return {
    /** Each visible telecaller's skills and the team's, over the last `days` days. */
    async skills(actor: Actor, days = DEFAULT_DAYS): Promise<SkillMatrix> {
      const from = new Date(clock.now().getTime() - days * DAY_MS);
      const { visible, team } = await scope(actor);
      const { calls, obs, questions } = await callsOf(team, from);
      const keys = [...new Set(obs.map((o) => o.skill))];
      const order = ['qa_score', 'qa', 'objection', 'talk_balance', 'lead_sentiment', 'dead_air'];
      const skills = keys
        .flatMap((k) => skillRef(k, questions) ?? [])
        .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.key.localeCompare(b.key));
      return {
        from: from.toISOString(),
        skills,
        team: summarize(obs),
        agents: [...visible].map(([id, name]) => ({
          id,
          name,
          calls: calls.filter((c) => c.agentId === id).length,
          skills: summarize(obs.filter((o) => o.agentId === id)),
        })),
      };
    },

    /** One telecaller's skill week by week, beside the team's. */
    async history(actor: Actor, agentId: string, skill: string, weeks = 8): Promise<SkillHistory> {
      await agentInScope(actor, agentId);
      const now = clock.now().getTime();
      const first = weekStart(now) - (weeks - 1) * 7 * DAY_MS;
      const { team } = await scope(actor);
      const { obs, questions } = await callsOf([...new Set([agentId, ...team])], new Date(first));
      const ref = skillRef(skill, questions);
      if (!ref) throw CoachingErrors.COACHING_SKILL_UNKNOWN();
      const of = obs.filter((o) => o.skill === skill);
      const out: SkillHistory['weeks'] = [];
      for (let w = first; w <= now; w += 7 * DAY_MS) {
        const inWeek = of.filter((o) => o.at >= w && o.at < w + 7 * DAY_MS);
        out.push({
          weekStart: new Date(w).toISOString().slice(0, 10),
          agent: summarize(inWeek.filter((o) => o.agentId === agentId))[skill] ?? null,
          team: summarize(inWeek)[skill] ?? null,
        });
      }
      return { skill: ref, weeks: out };
    },

    async list(actor: Actor, q: { agentId?: string | undefined; status?: CoachingItem['status'] | undefined }): Promise<CoachingItem[]> {
      const { visible } = await scope(actor);
      if (q.agentId && !visible.has(q.agentId)) throw CoachingErrors.COACHING_AGENT_NOT_FOUND();
      const agents = q.agentId ? [q.agentId] : [...visible.keys()];
      if (agents.length === 0) return [];
      const rows = await db
        .select()
        .from(coachingItems)
        .where(and(inArray(coachingItems.agentId, agents), q.status ? eq(coachingItems.status, q.status) : undefined))
        .orderBy(desc(coachingItems.createdAt))
        .limit(200);
      return present(rows);
    },

    /** A manager assigns a skill to work on; its baseline and example calls are read now. */
    async create(actor: Actor, body: { agentId: string; skill: string; note?: string | null | undefined; measureAfterCalls: number }): Promise<CoachingItem> {
      await agentInScope(actor, body.agentId);
      const questions = await deps.qa.questionTexts();
      const ref = skillRef(body.skill, questions);
      const known =
        ref !== null &&
        (ref.kind === 'qa'
          ? questions.has(ref.param ?? '')
          : ref.kind === 'objection'
            ? (OBJECTION_TYPES as readonly string[]).includes(ref.param ?? '')
            : true);
      if (!known) throw CoachingErrors.COACHING_SKILL_UNKNOWN();
      const { team } = await scope(actor);
      const row = await open(actor, { ...body, note: body.note ?? null, source: 'manager', teamIds: [...new Set([body.agentId, ...team])] });
      const [item] = await present([row]);
      if (!item) throw new Error('no item');
      return item;
    },

    async update(actor: Actor, id: string, body: { status?: 'open' | 'dismissed' | undefined; note?: string | null | undefined }): Promise<CoachingItem> {
      const [row] = await db.select().from(coachingItems).where(eq(coachingItems.id, id));
      if (!row) throw CoachingErrors.COACHING_ITEM_NOT_FOUND();
      const { visible } = await scope(actor);
      if (!visible.has(row.agentId)) throw CoachingErrors.COACHING_ITEM_NOT_FOUND();
      if (body.status === 'open' && row.status === 'measured') throw CoachingErrors.COACHING_ITEM_MEASURED();
      const now = clock.now();
      const [updated] = await db
        .update(coachingItems)
        .set({
          ...(body.status ? { status: body.status, closedAt: body.status === 'dismissed' ? now : null } : {}),
          ...(body.note !== undefined ? { note: body.note } : {}),
          updatedAt: now,
        })
        .where(eq(coachingItems.id, id))
        .returning();
      const [item] = await present(updated ? [updated] : []);
      if (!item) throw CoachingErrors.COACHING_ITEM_NOT_FOUND();
      return item;
    },

    /**
     * The engine's suggestions: for each telecaller the actor watches (every one, for the system),
     * the skills where they are furthest under the rest of their team, up to a few open at a time.
     */
    async suggest(actor: Actor = SYSTEM_ACTOR): Promise<{ created: number }> {
      const agents = (await deps.users.list(actor)).filter((u) => u.role === 'telecaller' && u.active);
      const byTeam = new Map<string, string[]>();
      for (const a of agents) byTeam.set(a.teamId ?? 'none', [...(byTeam.get(a.teamId ?? 'none') ?? []), a.id]);
      const since = new Date(clock.now().getTime() - DEFAULT_DAYS * DAY_MS);
      let created = 0;
      for (const ids of byTeam.values()) {
        if (ids.length < 2) continue;
        const { obs } = await callsOf(ids, since);
        const openRows = await db
          .select({ agentId: coachingItems.agentId, skill: coachingItems.skill })
          .from(coachingItems)
          .where(and(inArray(coachingItems.agentId, ids), eq(coachingItems.status, 'open')));
        for (const agentId of ids) {
          const already = openRows.filter((r) => r.agentId === agentId);
          let room = MAX_OPEN_PER_AGENT - already.length;
          const mine = summarize(obs.filter((o) => o.agentId === agentId));
          const rest = summarize(obs.filter((o) => o.agentId !== agentId));
          for (const g of gaps(mine, rest)) {
            if (room <= 0) break;
            if (already.some((r) => r.skill === g.skill)) continue;
            await open(SYSTEM_ACTOR, { agentId, skill: g.skill, note: null, source: 'engine', measureAfterCalls: 10, teamIds: ids });
            created++;
            room--;
          }
        }
      }
      if (created > 0) deps.logger.info({ created }, 'coaching items suggested');
      return { created };
    },

    /** Measures again every open item whose telecaller has made enough calls showing the skill since it was set. */
    async remeasure(): Promise<number> {
      const rows = await db.select().from(coachingItems).where(eq(coachingItems.status, 'open'));
      let measured = 0;
      for (const r of rows) {
        const { obs } = await callsOf([r.agentId], r.createdAt);
        const since = obs.filter((o) => o.skill === r.skill && o.agentId === r.agentId && o.at >= r.createdAt.getTime());
        if (since.length < r.measureAfterCalls) continue;
        const value = summarize(since)[r.skill]?.value ?? 0;
        const now = clock.now();
        await db
          .update(coachingItems)
          .set({
            status: 'measured',
            result: { value, calls: since.length, moved: moved(r.baseline, value), measuredAt: now.toISOString() },
            closedAt: now,
            updatedAt: now,
          })
          .where(and(eq(coachingItems.id, r.id), eq(coachingItems.status, 'open')));
        measured++;
      }
      return measured;
    },

    /** Skill references with labels, for a manager choosing what to assign. */
    skillRef: (key: string): SkillRef | null => skillRef(key),
  };
}

export type CoachingService = ReturnType<typeof createCoachingService>;
