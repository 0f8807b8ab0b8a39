/**
 * Finding calls by what was said and by what their analysis found. Each analysed call's words
 * (transcript and summary) are kept folded to one Latin spelling, the knowledge base's folding:
 * Devanagari transliterated, spellings folded (ph/f, w/v, long vowels...), each word's consonant
 * skeleton beside it; so फीस, fees and phees meet, in PostgreSQL full text (prefix matching) and,
 * for what folding does not mend, trigram word similarity. Facets come from the analysis.
 */
import type { CallSearchQuery, CallSearchResult, CallSnippet, CallWithLead, CallSearchQuery as Query, Transcript } from '@telehub/shared';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Watched } from '../../platform/auth/roles.js';
import { type Actor, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { rowsOf } from '../../platform/db/client.js';
import { analyze, foldWord } from '../knowledge/index.js';
import { callSearch } from './analysis.tables.js';

export type SearchDeps = {
  db: Db;
  calls: { get(actor: Actor, id: string): Promise<CallWithLead>; transcript(actor: Actor, id: string, afterSeq: number): Promise<Transcript> };
  users: { watched(actor: Actor): Promise<Watched>; namesByIds(ids: string[]): Promise<Map<string, string>> };
  /** Refuses an agent the actor does not act for, as the calls list does (AGENT_NOT_FOUND). */
  agents: { scope: { assertActsFor(actor: Actor, agentId: string): Promise<unknown> } };
  /** The stored analysis result of a call (its summary), or null. */
  summaryOf(callId: string): Promise<string | null>;
  /** The configured embedding model (null without one: calls are found by their words alone). */
  embed: ((texts: string[]) => Promise<number[][]>) | null;
  logger?: { warn(obj: object, msg: string): void };
};

/** Calls whose meaning is this close to the words asked are found though they share no word. */
export const SEMANTIC_MIN = 0.5;
/** How many of the latest calls under the other filters are weighed by meaning. */
export const SEMANTIC_CANDIDATES = 2000;

export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

const ascii = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The indexed words of a text: each meaningful word's folded key and, where it has one, its skeleton. */
export function foldedWords(text: string): string {
  const out: string[] = [];
  for (const f of analyze(text)) {
    const key = ascii(f.key);
    if (key) out.push(key);
    const sk = f.skeleton ? ascii(f.skeleton) : '';
    if (sk && sk !== key) out.push(sk);
  }
  return out.join(' ');
}

/** The full-text query of the words asked: every word, by its key as a prefix or by its skeleton. */
export function tsQueryOf(q: string): { tsquery: string; folded: string } | null {
  const terms = analyze(q).flatMap((f) => {
    const key = ascii(f.key);
    if (!key) return [];
    const sk = f.skeleton ? ascii(f.skeleton) : '';
    return [sk && sk !== key ? `(${key}:* | ${sk})` : `${key}:*`];
  });
  if (terms.length === 0) return null;
  return {
    tsquery: terms.join(' & '),
    folded: analyze(q)
      .map((f) => ascii(f.key))
      .filter(Boolean)
      .join(' '),
  };
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;

/** Where the asked words stand in a text (offsets of the words that fold like one of them). */
export function marksIn(text: string, asked: { key: string; skeleton: string | null }[]): { start: number; end: number }[] {
  const marks: { start: number; end: number }[] = [];
  for (const m of text.matchAll(WORD)) {
    const f = foldWord(m[0]);
    const key = ascii(f.key);
    const sk = f.skeleton ? ascii(f.skeleton) : '';
    if (asked.some((a) => (key.length >= 2 && key.startsWith(a.key)) || (a.skeleton !== null && sk !== '' && sk === a.skeleton)))
      marks.push({ start: m.index, end: m.index + m[0].length });
  }
  return marks;
}

export function createCallSearch(deps: SearchDeps) {
  const { db } = deps;

  /** The vector of a text, or null (no model, or it failed: the words still find calls). */
  async function meaningOf(text: string): Promise<number[] | null> {
    if (!deps.embed) return null;
    try {
      return (await deps.embed([text]))[0] ?? null;
    } catch (err) {
      deps.logger?.warn({ err }, 'embedding failed; calls are found by their words alone');
      return null;
    }
  }

  return {
    /** (Re)indexes one call from its transcript and summary; called when its analysis is saved and when it is wrapped up. */
    async index(callId: string): Promise<void> {
      const call = await deps.calls.get(SYSTEM_ACTOR, callId).catch(() => null);
      if (!call || call.answeredAt === null) return;
      const [{ items }, summary] = await Promise.all([deps.calls.transcript(SYSTEM_ACTOR, callId, -1), deps.summaryOf(callId)]);
      const said = [...items.map((s) => s.text), summary ?? ''].join('\n');
      const words = foldedWords(said);
      const embedding = said.trim() ? await meaningOf(said) : null;
      const values = {
        callId,
        agentId: call.agentId,
        campaignId: call.campaignId,
        leadId: call.leadId,
        answeredAt: new Date(call.answeredAt),
        outcome: call.disposition ?? call.status,
        words,
        embedding,
        updatedAt: new Date(),
      };
      await db.insert(callSearch).values(values).onConflictDoUpdate({ target: callSearch.callId, set: values });
    },

    async search(actor: Actor, query: z.output<typeof Query>): Promise<CallSearchResult> {
      if (query.agentId) await deps.agents.scope.assertActsFor(actor, query.agentId);
      const watched = await deps.users.watched(actor);
      const text = query.q ? tsQueryOf(query.q) : null;
      const where: SQL[] = [];
      if (watched !== null) where.push(sql`s.agent_id in (select (jsonb_array_elements_text(${JSON.stringify([...watched])}::jsonb))::uuid)`);
      if (query.agentId) where.push(sql`s.agent_id = ${query.agentId}`);
      if (query.campaignId) where.push(sql`s.campaign_id = ${query.campaignId}`);
      if (query.outcome) where.push(sql`s.outcome = ${query.outcome}`);
      if (query.from) where.push(sql`s.answered_at >= ${query.from}`);
      if (query.to) where.push(sql`s.answered_at <= ${query.to}`);
      if (query.sentiment) where.push(sql`a.result->'sentiment'->>'lead' = ${query.sentiment}`);
      if (query.minScore !== undefined) where.push(sql`(a.result->>'qaScore')::float >= ${query.minScore}`);
      if (query.maxScore !== undefined) where.push(sql`(a.result->>'qaScore')::float <= ${query.maxScore}`);
      if (query.objection || query.handled !== undefined) {
        const o: Record<string, unknown> = {};
        if (query.objection) o.type = query.objection;
        if (query.handled !== undefined) o.handled = query.handled;
        where.push(sql`a.result->'objections' @> ${JSON.stringify([o])}::jsonb`);
      }
      if (query.q && !text) where.push(sql`false`);
      const from = sql`call_search s left join call_analyses a on a.call_id = s.call_id`;
      const offset = (query.page - 1) * query.pageSize;
      const words = text ? sql`(to_tsvector('simple', s.words) @@ to_tsquery('simple', ${text.tsquery}) or ${text.folded} <% s.words)` : null;
      const wordRank = text
        ? sql`ts_rank(to_tsvector('simple', s.words), to_tsquery('simple', ${text.tsquery})) + word_similarity(${text.folded}, s.words)`
        : null;
      const meaning = text && query.q ? await meaningOf(query.q) : null;
      let filter: SQL;
      let rows: { call_id: string; total: number }[];
      if (meaning && words && wordRank) {
        // By meaning as well as by words: the latest candidates under the other filters, each scored by both.
        const base = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
        const candidates = rowsOf<{ call_id: string; embedding: number[] | null; matched: boolean; rank: number }>(
          await db.execute(sql`
            select s.call_id, s.embedding, ${words} as matched, ${wordRank} as rank from ${from} where ${base}
            order by s.answered_at desc nulls last limit ${SEMANTIC_CANDIDATES}`),
        );
        const kept = candidates
          .map((c) => ({
            id: c.call_id,
            matched: c.matched,
            score: Number(c.rank) + (c.embedding ? cosine(meaning, c.embedding) : 0),
            near: c.embedding ? cosine(meaning, c.embedding) : 0,
          }))
          .filter((c) => c.matched || c.near >= SEMANTIC_MIN)
          .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
        const ids = kept.map((k) => k.id);
        filter = sql`${base} and s.call_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;
        rows = ids.slice(offset, offset + query.pageSize).map((call_id) => ({ call_id, total: ids.length }));
      } else {
        if (words) where.push(words);
        filter = where.length > 0 ? sql.join(where, sql` and `) : sql`true`;
        // Best match first, then the latest; without words, the latest first.
        const order = wordRank ? sql`${wordRank} desc, s.answered_at desc nulls last` : sql`s.answered_at desc nulls last`;
        rows = rowsOf<{ call_id: string; total: number }>(
          await db.execute(sql`
            select s.call_id, count(*) over () as total from ${from} where ${filter}
            order by ${order}, s.call_id limit ${query.pageSize} offset ${offset}`),
        );
      }
      const facet = async (expr: SQL, extra: SQL = sql``) =>
        rowsOf<{ value: string | null; count: number }>(
          await db.execute(
            sql`select ${expr} as value, count(distinct s.call_id)::int as count from ${from} ${extra} where ${filter} group by 1 order by 2 desc, 1 limit 20`,
          ),
        )
          .filter((r) => r.value !== null)
          .map((r) => ({ value: String(r.value), count: Number(r.count) }));
      const [objection, sentiment, outcome, agent, campaign] = await Promise.all([
        facet(sql`o->>'type'`, sql`cross join lateral jsonb_array_elements(coalesce(a.result->'objections', '[]'::jsonb)) o`),
        facet(sql`a.result->'sentiment'->>'lead'`),
        facet(sql`s.outcome`),
        facet(sql`s.agent_id::text`),
        facet(sql`s.campaign_id::text`),
      ]);

      const asked = query.q
        ? analyze(query.q)
            .map((f) => ({ key: ascii(f.key), skeleton: f.skeleton ? ascii(f.skeleton) : null }))
            .filter((a) => a.key)
        : [];
      const ids = rows.map((r) => r.call_id);
      const analyses = ids.length
        ? rowsOf<{ call_id: string; result: Record<string, unknown> | null }>(
            await db.execute(
              sql`select call_id, result from call_analyses where call_id in (select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`,
            ),
          )
        : [];
      const resultOf = new Map(analyses.map((a) => [a.call_id, a.result ?? {}]));
      const calls = await Promise.all(ids.map((id) => deps.calls.get(SYSTEM_ACTOR, id).catch(() => null)));
      const names = await deps.users.namesByIds(calls.flatMap((c) => (c?.agentId ? [c.agentId] : [])));
      const items: CallSearchResult['items'] = [];
      for (const [i, id] of ids.entries()) {
        const c = calls[i];
        if (!c) continue;
        const r = resultOf.get(id) ?? {};
        const summary = typeof r.summary === 'string' ? r.summary : '';
        const snippets: CallSnippet[] = [];
        if (asked.length > 0) {
          const { items: segs } = await deps.calls.transcript(SYSTEM_ACTOR, id, -1);
          for (const s of segs) {
            const marks = marksIn(s.text, asked);
            if (marks.length > 0) snippets.push({ speaker: s.speaker, text: s.text, atMs: Math.max(0, s.startMs), marks });
            if (snippets.length === 3) break;
          }
          const inSummary = snippets.length === 0 ? marksIn(summary, asked) : [];
          if (inSummary.length > 0) snippets.push({ speaker: 'summary', text: summary, atMs: null, marks: inSummary });
        }
        const sentimentOf = (r.sentiment as { lead?: string | null } | undefined)?.lead ?? null;
        items.push({
          callId: id,
          leadId: c.leadId,
          leadName: c.leadName,
          agent: c.agentId ? { id: c.agentId, name: names.get(c.agentId) ?? '' } : null,
          campaignId: c.campaignId,
          answeredAt: c.answeredAt,
          durationSeconds: c.durationSeconds,
          outcome: c.disposition ?? c.status,
          sentiment: sentimentOf as CallSearchResult['items'][number]['sentiment'],
          qaScore: typeof r.qaScore === 'number' ? r.qaScore : null,
          objections: ((r.objections as { type: string; handled: boolean }[] | undefined) ?? []).map((o) => ({
            type: o.type as CallSearchResult['items'][number]['objections'][number]['type'],
            handled: o.handled,
          })),
          summary,
          snippets,
        });
      }
      return {
        items,
        total: Number(rows[0]?.total ?? 0),
        page: query.page,
        pageSize: query.pageSize,
        facets: { objection, sentiment, outcome, agent, campaign },
      };
    },
  };
}

export type CallSearch = ReturnType<typeof createCallSearch>;
export type { CallSearchQuery };
