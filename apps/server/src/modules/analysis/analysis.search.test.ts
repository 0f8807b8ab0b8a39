/**
 * Finding calls through the API on a real database: words said in English, Hindi and Hinglish found
 * across scripts and misspellings, facets that narrow and count, snippets that mark the words and
 * say where they were said, and each person finding only the calls they may see.
 */
import type { CallSearchResult } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';

let t: TestApp;
const ids: Record<string, string> = {};
let seq = 0;

type Seed = {
  agent: () => Person;
  lines: [speaker: 'agent' | 'lead', text: string][];
  sentiment: 'positive' | 'neutral' | 'negative';
  objections: { type: string; handled: boolean }[];
  qaScore: number;
  summary: string;
  disposition: string;
};

const SEEDS: Record<string, Seed> = {
  english: {
    agent: () => t.cast.telecaller,
    lines: [
      ['agent', 'Hello, this call is recorded. You asked about the nursing course?'],
      ['lead', 'Yes, but the fees are too expensive for us.'],
      ['agent', 'We have a scholarship and an instalment plan for the fees.'],
    ],
    sentiment: 'negative',
    objections: [{ type: 'price', handled: true }],
    qaScore: 80,
    summary: 'Talked about nursing.',
    disposition: 'interested',
  },
  hindi: {
    agent: () => t.cast.telecaller,
    lines: [
      ['lead', 'फीस बहुत ज़्यादा है, हम नहीं दे पाएँगे।'],
      ['agent', 'ठीक है।'],
    ],
    sentiment: 'neutral',
    objections: [{ type: 'price', handled: false }],
    qaScore: 40,
    summary: '',
    disposition: 'callback',
  },
  hinglish: {
    agent: () => t.cast.telecaller,
    lines: [
      ['lead', 'Hostel ka kharcha kitna hai? Ghar bahut door hai.'],
      ['agent', 'Hostel campus ke andar hai, khana bhi milta hai.'],
    ],
    sentiment: 'positive',
    objections: [{ type: 'logistics', handled: true }],
    qaScore: 90,
    summary: '',
    disposition: 'interested',
  },
  otherTeam: {
    agent: () => t.cast.otherTelecaller,
    lines: [['lead', 'The fees are expensive.']],
    sentiment: 'negative',
    objections: [{ type: 'price', handled: true }],
    qaScore: 70,
    summary: '',
    disposition: 'interested',
  },
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.db.database.db;
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Searched Lead', phone: '9001166601', ownerId: t.cast.telecaller.id });
  for (const [name, s] of Object.entries(SEEDS)) {
    // Finished, analysed calls laid down as the calls and analysis modules store them (their own tests cover how).
    const [c] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into calls (lead_id, agent_id, provider, provider_call_id, status, answered_at, ended_at, disposition)
        values (${lead.id}, ${s.agent().id}, 'simulator', ${`search-${++seq}`}, 'completed', now() - interval '1 hour', now(), ${s.disposition}) returning id`),
    );
    const id = c?.id ?? '';
    ids[name] = id;
    for (const [i, [speaker, text]] of s.lines.entries())
      await db.execute(sql`insert into transcript_segments (call_id, seq, speaker, language, text, start_ms, end_ms)
        values (${id}, ${i}, ${speaker}, 'en', ${text}, ${i * 5000}, ${i * 5000 + 4000})`);
    const result = {
      sentiment: { lead: s.sentiment, agent: 'neutral' },
      objections: s.objections.map((o) => ({ ...o, atMs: 5000 })),
      qaScore: s.qaScore,
      summary: s.summary,
    };
    await db.execute(sql`insert into call_analyses (call_id, status, result, analyzed_at) values (${id}, 'done', ${JSON.stringify(result)}::jsonb, now())`);
    await t.app.services.callSearch.index(id);
  }
});
afterAll(() => t?.close());

const search = async (query: string, as: Person = t.cast.manager) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/calls/search?${query}`, as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CallSearchResult>();
};
const found = (r: CallSearchResult) => r.items.map((i) => i.callId).sort();
const of = (...names: string[]) => names.map((n) => ids[n]).sort();

describe('finding calls', () => {
  it('finds words in either script and spelling, and marks them in the snippets', async () => {
    // फीस, fees: one word.
    const fees = await search('q=fees');
    expect(found(fees)).toEqual(of('english', 'hindi'));
    const english = fees.items.find((i) => i.callId === ids.english);
    const snippet = english?.snippets[0];
    expect(snippet).toMatchObject({ speaker: 'lead', atMs: 5000 });
    expect(snippet?.marks.map((m) => snippet.text.slice(m.start, m.end))).toEqual(['fees']);
    const hindi = fees.items.find((i) => i.callId === ids.hindi)?.snippets[0];
    expect(hindi?.marks.map((m) => hindi.text.slice(m.start, m.end))).toEqual(['फीस']);
    expect(found(await search(`q=${encodeURIComponent('फीस')}`))).toEqual(of('english', 'hindi'));
    // Hinglish, Devanagari for a Latin word, a misspelling, and the start of a word.
    expect(found(await search('q=kharcha'))).toEqual(of('hinglish'));
    expect(found(await search(`q=${encodeURIComponent('हॉस्टल')}`))).toEqual(of('hinglish'));
    expect(found(await search('q=scholarshp'))).toEqual(of('english'));
    expect(found(await search('q=instal'))).toEqual(of('english'));
    expect(found(await search('q=nursing'))).toEqual(of('english'));
    expect((await search('q=qwxzv')).items).toEqual([]);
  });

  it('narrows by facets and counts them over every match', async () => {
    const fees = await search('q=fees');
    expect(fees.facets.objection).toEqual([{ value: 'price', count: 2 }]);
    expect(fees.facets.sentiment.sort((a, b) => a.value.localeCompare(b.value))).toEqual([
      { value: 'negative', count: 1 },
      { value: 'neutral', count: 1 },
    ]);
    expect(found(await search('q=fees&objection=price&handled=false'))).toEqual(of('hindi'));
    expect(found(await search('q=fees&sentiment=negative'))).toEqual(of('english'));
    expect(found(await search('q=fees&minScore=50'))).toEqual(of('english'));
    expect(found(await search('q=fees&outcome=callback'))).toEqual(of('hindi'));
    // No words: the facets alone.
    expect(found(await search('objection=logistics'))).toEqual(of('hinglish'));
    const all = await search('');
    expect(all.total).toBe(3);
    expect(all.facets.agent).toEqual([{ value: t.cast.telecaller.id, count: 3 }]);
    const page = await search('pageSize=2&page=2');
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items).toHaveLength(1);
  });

  it('finds only the calls the caller may see', async () => {
    expect(found(await search('q=fees', t.cast.telecaller))).toEqual(of('english', 'hindi'));
    expect(found(await search('q=fees', t.cast.otherTelecaller))).toEqual(of('otherTeam'));
    expect(found(await search('q=fees', t.cast.admin))).toEqual(of('english', 'hindi', 'otherTeam'));
    // Naming someone they do not watch answers as the calls list does.
    const notMine = await t.request({ method: 'GET', url: `/api/v1/calls/search?q=fees&agentId=${t.cast.otherTelecaller.id}`, as: t.cast.manager });
    expect(notMine.statusCode).toBe(404);
    expect(notMine.json()).toMatchObject({ code: 'AGENT_NOT_FOUND' });
    expect(found(await search(`q=fees&agentId=${t.cast.otherTelecaller.id}`, t.cast.admin))).toEqual(of('otherTeam'));
  });

  it('says what is wrong with a bad query', async () => {
    const scores = await t.request({ method: 'GET', url: '/api/v1/calls/search?minScore=80&maxScore=20', as: t.cast.manager });
    expect(scores.statusCode).toBe(400);
    expect(scores.body).toContain('minScore must not be above maxScore');
    const date = await t.request({ method: 'GET', url: '/api/v1/calls/search?from=yesterday', as: t.cast.manager });
    expect(date.statusCode).toBe(400);
    expect(date.body).toContain('from: a date-time');
    expect((await t.request({ method: 'GET', url: '/api/v1/calls/search?pageSize=500', as: t.cast.manager })).statusCode).toBe(400);
  });

  it('follows the wrap-up: the outcome saved later is what the call is found by', async () => {
    await t.db.database.db.execute(sql`update calls set disposition = 'converted' where id = ${ids.hinglish}`);
    await t.app.services.callSearch.index(ids.hinglish ?? '');
    expect(found(await search('outcome=converted'))).toEqual(of('hinglish'));
  });
});
