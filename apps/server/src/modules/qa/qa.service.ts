/**
 * QA on every call: admins keep scorecards; each analysed call is scored against the one for its
 * campaign (else the default one); a manager reviews a score, overriding questions with a comment;
 * the telecaller on the call may dispute it and a manager settles the dispute; calibration tells
 * how often reviewers keep the automatic verdicts.
 */
import {
  type Calibration,
  type CallAnalysis,
  type CallScore,
  type CallWithLead,
  isTerminalStatus,
  type QaAnswer,
  type QaDispute,
  type ReviewQueueItem,
  type Scorecard,
  type ScorecardInput,
  type Transcript,
} from '@telehub/shared';
import { and, desc, eq, gte, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { isStaff, type Watched } from '../../platform/auth/roles.js';
import { type Actor, actorRef, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { LlmGateway } from '../llm/index.js';
import { answerAll, type CallFacts, type Finding, finalVerdict, scoreOf } from './qa.checks.js';
import { QaErrors } from './qa.errors.js';
import { callScores, qaDisputes, qaScorecards, qaScoreDays } from './qa.tables.js';

export type QaDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  calls: {
    get(actor: Actor, id: string): Promise<CallWithLead>;
    transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript>;
  };
  analysis: { get(callId: string): Promise<CallAnalysis>; setQaScore(callId: string, score: number | null): Promise<void> };
  rules: Pick<CallFacts, 'normalize' | 'checkpointsIn'>;
  llm: Pick<LlmGateway, 'configured' | 'suggest'>;
  users: { namesByIds(ids: string[]): Promise<Map<string, string>>; watched(actor: Actor): Promise<Watched> };
};

/** Unreviewed scores under this go to the top of the review queue. */
export const LOW_SCORE = 70;

type ScorecardRow = typeof qaScorecards.$inferSelect;
type ScoreRow = typeof callScores.$inferSelect;
type DisputeRow = typeof qaDisputes.$inferSelect;

const iso = (d: Date) => d.toISOString();

function presentCard(r: ScorecardRow): Scorecard {
  return { ...r, createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt) };
}

/** A foreign key the database refused: the campaign named does not exist. */
const isMissingCampaign = (err: unknown) => {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code === '23503' || e.cause?.code === '23503';
};

/** The model's verdict from its answer: it is asked to begin with yes, no or n/a. */
export function verdictOf(answer: string): Finding {
  const t = answer.trim();
  const head = t.toLowerCase().replace(/^[^a-z/]+/, '');
  const reason = t.replace(/^\W*(yes|no|n\/a|na)\b[\s.:,-]*/i, '').trim() || null;
  if (/^yes\b/.test(head)) return { verdict: 'pass', evidence: reason, atMs: null };
  if (/^no\b/.test(head)) return { verdict: 'fail', evidence: reason, atMs: null };
  if (/^(n\/a|na)\b/.test(head)) return { verdict: 'na', evidence: reason, atMs: null };
  return { verdict: 'na', evidence: `the model's answer was not yes or no: ${t.slice(0, 120)}`, atMs: null };
}

/** qa_score_days summed afresh from call_scores by day of the call in `zone` (migration 0026's fill, kept by its trigger). */
export function qaScoreDaysFromScores(zone: string) {
  const z = sql.raw(`'${zone.replace(/'/g, "''")}'`);
  return sql`select (call_at at time zone ${z})::date as day, agent_id, count(*)::int as scored, sum(score)::float8 as score_sum
    from ${callScores} where agent_id is not null and call_at is not null and score is not null
    group by 1, 2`;
}

export function createQaService(deps: QaDeps) {
  const { db, clock } = deps;

  async function names(ids: (string | null)[]) {
    return deps.users.namesByIds([...new Set(ids.filter((x): x is string => x !== null))]);
  }

  function presentDispute(d: DisputeRow, n: Map<string, string>): QaDispute {
    return {
      id: d.id,
      reason: d.reason,
      status: d.status as QaDispute['status'],
      raisedBy: { id: d.raisedBy, name: n.get(d.raisedBy) ?? '' },
      raisedAt: iso(d.createdAt),
      resolvedBy: d.resolvedBy ? { id: d.resolvedBy, name: n.get(d.resolvedBy) ?? '' } : null,
      resolution: d.resolution,
      resolvedAt: d.resolvedAt ? iso(d.resolvedAt) : null,
    };
  }

  async function presentScore(row: ScoreRow): Promise<CallScore> {
    const disputes = await db.select().from(qaDisputes).where(eq(qaDisputes.callId, row.callId)).orderBy(qaDisputes.createdAt);
    const n = await names([row.reviewedBy, ...disputes.flatMap((d) => [d.raisedBy, d.resolvedBy])]);
    return {
      callId: row.callId,
      scorecard: { id: row.scorecardId, name: row.scorecardName, version: row.scorecardVersion },
      autoScore: row.autoScore,
      score: row.score,
      answers: row.answers,
      reviewedBy: row.reviewedBy ? { id: row.reviewedBy, name: n.get(row.reviewedBy) ?? '' } : null,
      reviewedAt: row.reviewedAt ? iso(row.reviewedAt) : null,
      reviewComment: row.reviewComment,
      disputes: disputes.map((d) => presentDispute(d, n)),
      scoredAt: iso(row.scoredAt),
    };
  }

  /** The active scorecard for a campaign: its own, else the default; the latest edited wins. */
  async function scorecardFor(campaignId: string | null): Promise<ScorecardRow | undefined> {
    const rows = await db
      .select()
      .from(qaScorecards)
      .where(
        and(
          eq(qaScorecards.active, true),
          campaignId ? or(eq(qaScorecards.campaignId, campaignId), isNull(qaScorecards.campaignId)) : isNull(qaScorecards.campaignId),
        ),
      )
      .orderBy(sql`${qaScorecards.campaignId} is null`, desc(qaScorecards.updatedAt));
    return rows[0];
  }

  async function scoreRow(callId: string) {
    const [row] = await db.select().from(callScores).where(eq(callScores.callId, callId));
    return row;
  }

  /** The call if the actor may see it (the calls module answers 404 otherwise). */
  const visibleCall = (actor: Actor, callId: string) => deps.calls.get(actor, callId);

  async function scoredRow(callId: string): Promise<ScoreRow> {
    const row = await scoreRow(callId);
    if (!row) throw QaErrors.QA_NOT_SCORED();
    return row;
  }

  /** The model's judgement of one question on the call's words (not applicable without a model). */
  function judgeWith(call: CallWithLead, transcript: Transcript['items']) {
    return async (instruction: string): Promise<Finding> => {
      if (!deps.llm.configured) return { verdict: 'na', evidence: 'no language model is configured', atMs: null };
      if (transcript.length === 0) return { verdict: 'na', evidence: 'no transcript', atMs: null };
      const r = await deps.llm.suggest({
        callId: null,
        lang: 'en',
        purpose: 'qa_check',
        question: instruction,
        transcript: transcript.map((t) => ({ speaker: t.speaker, text: t.text })),
      });
      if (!r.ok) return { verdict: 'na', evidence: `the language model did not answer (${r.reason})`, atMs: null };
      deps.logger.debug({ callId: call.id }, 'qa question judged by the language model');
      return verdictOf(r.text);
    };
  }

  return {
    async listScorecards(): Promise<Scorecard[]> {
      const rows = await db.select().from(qaScorecards).orderBy(desc(qaScorecards.active), qaScorecards.name);
      return rows.map(presentCard);
    },

    async getScorecard(id: string): Promise<Scorecard> {
      const [row] = await db.select().from(qaScorecards).where(eq(qaScorecards.id, id));
      if (!row) throw QaErrors.QA_SCORECARD_NOT_FOUND();
      return presentCard(row);
    },

    async createScorecard(actor: Actor, input: z.output<typeof ScorecardInput>): Promise<Scorecard> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(qaScorecards)
            .values({ ...input, updatedBy: actorRef(actor) })
            .returning();
          if (!row) throw new Error('insert returned nothing');
          await deps.audit.record(actor, { action: 'qa.scorecard.create', entityType: 'qa_scorecard', entityId: row.id, details: { name: row.name } }, tx);
          return presentCard(row);
        });
      } catch (err) {
        if (isMissingCampaign(err)) throw QaErrors.QA_CAMPAIGN_UNKNOWN();
        throw err;
      }
    },

    /** Replaces the scorecard; its version goes up, and calls scored from now on name the new one. */
    async updateScorecard(actor: Actor, id: string, input: z.output<typeof ScorecardInput>): Promise<Scorecard> {
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .update(qaScorecards)
            .set({ ...input, version: sql`${qaScorecards.version} + 1`, updatedAt: clock.now(), updatedBy: actorRef(actor) })
            .where(eq(qaScorecards.id, id))
            .returning();
          if (!row) throw QaErrors.QA_SCORECARD_NOT_FOUND();
          await deps.audit.record(
            actor,
            { action: 'qa.scorecard.update', entityType: 'qa_scorecard', entityId: id, details: { name: row.name, version: row.version } },
            tx,
          );
          return presentCard(row);
        });
      } catch (err) {
        if (isMissingCampaign(err)) throw QaErrors.QA_CAMPAIGN_UNKNOWN();
        throw err;
      }
    },

    /**
     * Job: scores an analysed call against its scorecard. A re-run (the recording came after the
     * transcript) keeps the reviewer's verdicts on questions that are still there.
     */
    async scoreCall(callId: string): Promise<CallScore | null> {
      const call = await deps.calls.get(SYSTEM_ACTOR, callId).catch(() => null);
      if (!call || !isTerminalStatus(call.status) || call.answeredAt === null) return null;
      const card = await scorecardFor(call.campaignId);
      if (!card) return null;
      const analysis = await deps.analysis.get(callId);
      if (analysis.status !== 'done') return null;
      const { items } = await deps.calls.transcript(SYSTEM_ACTOR, callId, -1);
      const facts: CallFacts = { transcript: items, analysis, ...deps.rules };
      const answers = await answerAll(card.sections, facts, judgeWith(call, items));
      const before = await scoreRow(callId);
      const kept = new Map((before?.scorecardId === card.id ? before.answers : []).map((a) => [a.key, a]));
      const merged: QaAnswer[] = answers.map((a) => {
        const k = kept.get(a.key);
        const override = k?.override && k.override !== a.auto ? k.override : null;
        return { ...a, override, comment: override ? (k?.comment ?? null) : null };
      });
      const reviewed = before?.scorecardId === card.id && before.reviewedAt !== null;
      const autoScore = scoreOf(merged, (a) => a.auto);
      const score = reviewed ? scoreOf(merged, finalVerdict) : autoScore;
      const now = clock.now();
      const values = {
        callId,
        agentId: call.agentId,
        campaignId: call.campaignId,
        callAt: new Date(call.answeredAt),
        scorecardId: card.id,
        scorecardName: card.name,
        scorecardVersion: card.version,
        answers: merged,
        autoScore,
        score,
        reviewedBy: reviewed ? (before?.reviewedBy ?? null) : null,
        reviewedAt: reviewed ? (before?.reviewedAt ?? null) : null,
        reviewComment: reviewed ? (before?.reviewComment ?? null) : null,
        scoredAt: now,
        updatedAt: now,
      };
      const [row] = await db.insert(callScores).values(values).onConflictDoUpdate({ target: callScores.callId, set: values }).returning();
      await deps.analysis.setQaScore(callId, score);
      return row ? presentScore(row) : null;
    },

    /** The call's score as the actor may see it (null: not scored). */
    async score(actor: Actor, callId: string): Promise<CallScore | null> {
      await visibleCall(actor, callId);
      const row = await scoreRow(callId);
      return row ? presentScore(row) : null;
    },

    /**
     * A manager's review: their verdict on each question they disagree with (a comment says why);
     * questions not named keep the automatic verdict. The score that counts becomes the reviewed one.
     */
    async review(
      actor: Actor,
      callId: string,
      body: { answers: { key: string; verdict: QaAnswer['auto']; comment?: string | null | undefined }[]; comment?: string | null | undefined },
    ) {
      const call = await visibleCall(actor, callId);
      if (call.agentId === actor.id) throw QaErrors.QA_OWN_CALL();
      const row = await scoredRow(callId);
      const byKey = new Map(body.answers.map((a) => [a.key, a]));
      for (const key of byKey.keys())
        if (!row.answers.some((a) => a.key === key)) throw QaErrors.QA_UNKNOWN_QUESTION(`answers: the scorecard has no question "${key}"`);
      const answers = row.answers.map((a) => {
        const mine = byKey.get(a.key);
        if (!mine || mine.verdict === a.auto) return { ...a, override: null, comment: mine?.comment ?? null };
        if (!mine.comment) throw QaErrors.QA_OVERRIDE_COMMENT(`answers: say why "${a.key}" is ${mine.verdict}, not ${a.auto} (comment)`);
        return { ...a, override: mine.verdict, comment: mine.comment };
      });
      const score = scoreOf(answers, finalVerdict);
      const now = clock.now();
      const [updated] = await db.transaction(async (tx) => {
        const out = await tx
          .update(callScores)
          .set({ answers, score, reviewedBy: actor.id, reviewedAt: now, reviewComment: body.comment ?? null, updatedAt: now })
          .where(eq(callScores.callId, callId))
          .returning();
        await deps.audit.record(
          actor,
          {
            action: 'qa.review',
            entityType: 'call',
            entityId: callId,
            details: { overridden: answers.filter((a) => a.override).map((a) => a.key), autoScore: row.autoScore, score },
          },
          tx,
        );
        return out;
      });
      await deps.analysis.setQaScore(callId, score);
      if (!updated) throw QaErrors.QA_NOT_SCORED();
      return presentScore(updated);
    },

    /** The telecaller on the call disagrees with its score; one open dispute per call. */
    async dispute(actor: Actor, callId: string, reason: string): Promise<CallScore> {
      const call = await visibleCall(actor, callId);
      if (call.agentId !== actor.id) throw QaErrors.QA_DISPUTE_NOT_YOURS();
      const row = await scoredRow(callId);
      await db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`qa-dispute:${callId}`}))`);
        const open = await tx
          .select({ id: qaDisputes.id })
          .from(qaDisputes)
          .where(and(eq(qaDisputes.callId, callId), eq(qaDisputes.status, 'open')));
        if (open.length > 0) throw QaErrors.QA_DISPUTE_OPEN();
        const [d] = await tx.insert(qaDisputes).values({ callId, raisedBy: actor.id, reason, createdAt: clock.now() }).returning({ id: qaDisputes.id });
        await deps.audit.record(actor, { action: 'qa.dispute', entityType: 'call', entityId: callId, details: { disputeId: d?.id ?? null } }, tx);
      });
      return presentScore(row);
    },

    /** A manager settles a dispute: upheld (they review the score too) or rejected, saying why. */
    async resolveDispute(actor: Actor, callId: string, disputeId: string, body: { outcome: 'upheld' | 'rejected'; resolution: string }): Promise<CallScore> {
      const call = await visibleCall(actor, callId);
      if (!isStaff(actor) || call.agentId === actor.id) throw QaErrors.QA_OWN_CALL();
      const now = clock.now();
      await db.transaction(async (tx) => {
        const [d] = await tx
          .update(qaDisputes)
          .set({ status: body.outcome, resolution: body.resolution, resolvedBy: actor.id, resolvedAt: now })
          .where(and(eq(qaDisputes.id, disputeId), eq(qaDisputes.callId, callId), eq(qaDisputes.status, 'open')))
          .returning({ id: qaDisputes.id });
        if (!d) throw QaErrors.QA_DISPUTE_NOT_FOUND();
        await deps.audit.record(
          actor,
          { action: 'qa.dispute.resolve', entityType: 'call', entityId: callId, details: { disputeId, outcome: body.outcome } },
          tx,
        );
      });
      return presentScore(await scoredRow(callId));
    },

    /**
     * What a manager should look at next among the calls of the people they watch: open disputes
     * first, then unreviewed low scores (lowest first), then unreviewed calls (newest first).
     */
    async queue(actor: Actor, limit = 50): Promise<ReviewQueueItem[]> {
      const watched = await deps.users.watched(actor);
      if (watched !== null && watched.size === 0) return [];
      const scope = watched === null ? undefined : inArray(callScores.agentId, [...watched]);
      const disputed = db.select({ callId: qaDisputes.callId }).from(qaDisputes).where(eq(qaDisputes.status, 'open'));
      const rows = await db
        .select()
        .from(callScores)
        .where(and(scope, or(isNull(callScores.reviewedAt), inArray(callScores.callId, disputed))))
        .orderBy(
          sql`case when ${callScores.callId} in (select call_id from qa_disputes where status = 'open') then 0 when ${callScores.score} < ${LOW_SCORE} then 1 else 2 end`,
          sql`case when ${callScores.score} < ${LOW_SCORE} then ${callScores.score} end asc nulls last`,
          desc(callScores.callAt),
        )
        .limit(limit);
      const openIds = new Set((await db.select({ callId: qaDisputes.callId }).from(qaDisputes).where(eq(qaDisputes.status, 'open'))).map((r) => r.callId));
      const calls = await Promise.all(rows.map((r) => deps.calls.get(SYSTEM_ACTOR, r.callId).catch(() => null)));
      const n = await names(rows.map((r) => r.agentId));
      return rows.flatMap((r, i) => {
        const c = calls[i];
        if (!c) return [];
        const reason: ReviewQueueItem['reason'] = openIds.has(r.callId) ? 'dispute' : r.score !== null && r.score < LOW_SCORE ? 'low_score' : 'unreviewed';
        return [
          {
            callId: r.callId,
            leadName: c.leadName,
            agent: r.agentId ? { id: r.agentId, name: n.get(r.agentId) ?? '' } : null,
            campaignId: r.campaignId,
            startedAt: c.answeredAt,
            durationSeconds: c.durationSeconds,
            score: r.score,
            reason,
          },
        ];
      });
    },

    /** How often reviewers kept the automatic verdicts, over the reviews of calls in the window. */
    async calibration(actor: Actor, window: { from?: Date | undefined; to?: Date | undefined }): Promise<Calibration> {
      const watched = await deps.users.watched(actor);
      const rows = await db
        .select()
        .from(callScores)
        .where(
          and(
            isNotNull(callScores.reviewedAt),
            watched === null ? undefined : watched.size === 0 ? sql`false` : inArray(callScores.agentId, [...watched]),
            window.from ? gte(callScores.reviewedAt, window.from) : undefined,
            window.to ? lte(callScores.reviewedAt, window.to) : undefined,
          ),
        );
      const q = new Map<string, { text: string; answers: number; agreed: number }>();
      const r = new Map<string, { answers: number; agreed: number }>();
      let answers = 0;
      let agreed = 0;
      let shift = 0;
      let shifts = 0;
      for (const row of rows) {
        for (const a of row.answers) {
          const same = a.override === null ? 1 : 0;
          answers++;
          agreed += same;
          const qq = q.get(a.key) ?? { text: a.text, answers: 0, agreed: 0 };
          qq.answers++;
          qq.agreed += same;
          q.set(a.key, qq);
          if (row.reviewedBy) {
            const rr = r.get(row.reviewedBy) ?? { answers: 0, agreed: 0 };
            rr.answers++;
            rr.agreed += same;
            r.set(row.reviewedBy, rr);
          }
        }
        if (row.score !== null && row.autoScore !== null) {
          shift += row.score - row.autoScore;
          shifts++;
        }
      }
      const n = await names([...r.keys()]);
      const rate = (x: { answers: number; agreed: number }) => Math.round((1000 * x.agreed) / x.answers) / 1000;
      return {
        reviewedCalls: rows.length,
        answers,
        agreement: answers === 0 ? null : rate({ answers, agreed }),
        meanScoreShift: shifts === 0 ? null : Math.round((10 * shift) / shifts) / 10,
        byQuestion: [...q].map(([key, v]) => ({ key, text: v.text, answers: v.answers, agreement: rate(v) })).sort((a, b) => a.agreement - b.agreement),
        byReviewer: [...r].map(([id, v]) => ({ id, name: n.get(id) ?? '', answers: v.answers, agreement: rate(v) })).sort((a, b) => a.agreement - b.agreement),
      };
    },

    /** Every scorecard question's text by key (active scorecards win over retired ones), to name skills. */
    async questionTexts(): Promise<Map<string, { text: string; textHi: string | null }>> {
      const rows = await db
        .select({ sections: qaScorecards.sections, active: qaScorecards.active })
        .from(qaScorecards)
        .orderBy(qaScorecards.active, qaScorecards.updatedAt);
      const out = new Map<string, { text: string; textHi: string | null }>();
      for (const r of rows) for (const s of r.sections) for (const q of s.questions) out.set(q.key, { text: q.text, textHi: q.textHi });
      return out;
    },

    /**
     * Each agent's average score (0-100) over the calls made on these days (in the organisation's
     * zone), for the reports: from qa_score_days, which a trigger on call_scores keeps.
     */
    async averageScoresOnDays(agentIds: string[], fromDay: string, toDay: string): Promise<Map<string, { score: number; calls: number }>> {
      if (agentIds.length === 0) return new Map();
      const rows = await db
        .select({
          agentId: qaScoreDays.agentId,
          score: sql<number>`(sum(${qaScoreDays.scoreSum}) / sum(${qaScoreDays.scored}))::float8`,
          calls: sql<number>`sum(${qaScoreDays.scored})::int`,
        })
        .from(qaScoreDays)
        .where(and(inArray(qaScoreDays.agentId, agentIds), gte(qaScoreDays.day, fromDay), lte(qaScoreDays.day, toDay)))
        .groupBy(qaScoreDays.agentId)
        .having(sql`sum(${qaScoreDays.scored}) > 0`);
      return new Map(rows.map((r) => [r.agentId, { score: Math.round(Number(r.score) * 10) / 10, calls: Number(r.calls) }] as const));
    },

    /** Scores of these agents' calls since `since` (coaching reads them). */
    async scoresOf(agentIds: string[], since: Date) {
      if (agentIds.length === 0) return [];
      return db
        .select({ callId: callScores.callId, agentId: callScores.agentId, callAt: callScores.callAt, score: callScores.score, answers: callScores.answers })
        .from(callScores)
        .where(and(inArray(callScores.agentId, agentIds), gte(callScores.callAt, since)))
        .orderBy(callScores.callAt);
    },
  };
}

export type QaService = ReturnType<typeof createQaService>;
