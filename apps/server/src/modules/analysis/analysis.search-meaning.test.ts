/**
 * With an embedding model configured, call search also finds calls by meaning: a call about money
 * troubles for "fees too expensive", though they share no word; without a vector (the model down
 * when the call was indexed) the words still find it.
 */
import type { CallSearchResult } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/client.js';
import { EmbeddingsStandin } from '../../providers/embeddings/testing/embeddings-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let standin: EmbeddingsStandin;
const ids: Record<string, string> = {};

beforeAll(async () => {
  standin = await new EmbeddingsStandin().start();
  t = await createTestApp({ env: { EMBEDDINGS_BASE_URL: standin.url, EMBEDDINGS_API_KEY: standin.apiKey, EMBEDDINGS_MODEL: 'text-embedding-3-small' } });
  const db = t.db.database.db;
  const lead = await t.app.services.leads.create(SYSTEM_ACTOR, { name: 'Meaning Lead', phone: '9001177701', ownerId: t.cast.telecaller.id });
  const calls: Record<string, string[]> = {
    money: ['We do not have money for this right now, my father cannot afford it.'],
    hostel: ['Is there a hostel near the campus? It is far from home.'],
  };
  let seq = 0;
  for (const [name, lines] of Object.entries(calls)) {
    const [c] = rowsOf<{ id: string }>(
      await db.execute(sql`insert into calls (lead_id, agent_id, provider, provider_call_id, status, answered_at, ended_at)
        values (${lead.id}, ${t.cast.telecaller.id}, 'simulator', ${`meaning-${++seq}`}, 'completed', now() - interval '1 hour', now()) returning id`),
    );
    const id = c?.id ?? '';
    ids[name] = id;
    for (const [i, text] of lines.entries())
      await db.execute(
        sql`insert into transcript_segments (call_id, seq, speaker, language, text, start_ms, end_ms) values (${id}, ${i}, 'lead', 'en', ${text}, 0, 3000)`,
      );
    await db.execute(sql`insert into call_analyses (call_id, status, result, analyzed_at) values (${id}, 'done', '{"summary": ""}'::jsonb, now())`);
    await t.app.services.callSearch.index(id);
  }
});
afterAll(async () => {
  await t?.close();
  await standin?.stop();
});

const search = async (q: string) => {
  const res = await t.request({ method: 'GET', url: `/api/v1/calls/search?q=${encodeURIComponent(q)}`, as: t.cast.manager });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CallSearchResult>();
};

it('finds a call by meaning when no word matches, and keeps finding by words', async () => {
  const stored = rowsOf<{ call_id: string; embedding: number[] | null }>(await t.db.database.db.execute(sql`select call_id, embedding from call_search`));
  expect(stored.every((r) => Array.isArray(r.embedding) && r.embedding.length > 0)).toBe(true);
  // "fees too expensive" shares no word with the money call, but means the same.
  const byMeaning = await search('fees too expensive');
  expect(byMeaning.items.map((i) => i.callId)).toEqual([ids.money]);
  expect(byMeaning.total).toBe(1);
  expect(byMeaning.items[0]?.snippets).toEqual([]);
  // Words still find theirs, marked.
  const byWords = await search('hostel');
  expect(byWords.items.map((i) => i.callId)).toEqual([ids.hostel]);
  expect(byWords.items[0]?.snippets[0]?.marks).toHaveLength(1);
  // The model down: the words alone.
  standin.failNext = { status: 500, times: 10 };
  expect((await search('fees too expensive')).items).toEqual([]);
  expect((await search('hostel')).items.map((i) => i.callId)).toEqual([ids.hostel]);
  standin.failNext = null;
});
