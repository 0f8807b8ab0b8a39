/**
 * Lead search at a million rows. Loads 1,000,000 leads into a fresh PostgreSQL database, then
 * times the real leads service (the same code the API runs) on typical searches, first with the
 * trigram index and then, as the baseline in the same run, with it dropped.
 *
 *   npm run bench -- search [--rows 1000000] [--runs 15]
 * Needs DATABASE_URL (PostgreSQL); prints one JSON object.
 */
import { parseArgs } from 'node:util';
import type { LeadListQuery } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../../apps/server/src/config.js';
import { SYSTEM_ACTOR } from '../../apps/server/src/platform/context.js';
import { createLogger } from '../../apps/server/src/platform/logging.js';
import { createServices } from '../../apps/server/src/services.js';
import { createPostgresDatabase } from '../../apps/server/src/test/db.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '15' } } });
const ROWS = Number(values.rows);
const RUNS = Number(values.runs);
const base = process.env.DATABASE_URL;
if (!base) {
  console.error('The search benchmark needs PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).');
  process.exit(2);
}

const t = await createPostgresDatabase(base);
const { db } = t.database;
try {
  const loadStart = performance.now();
  // Names, cities and numbers generated in SQL: a million rows in seconds, not minutes.
  await db.execute(
    sql.raw(`
    insert into leads (name, phone, email, status, city, language, created_at, updated_at)
    select (array['Priya','Rahul','Sunita','Amit','Kavya','Imran','Lakshmi','Arjun','Fatima','Rohan','पूजा','राहुल'])[1 + (i % 12)]
           || ' ' || (array['Sharma','Verma','Reddy','Iyer','Khan','Patil','Das','Singh','Nair','Gupta','Yadav','मिश्रा','शर्मा'])[1 + ((i / 12) % 13)]
           || ' ' || (i % 997)::text,
           '+91' || (6000000000 + i)::text,
           case when i % 3 = 0 then 'lead' || i || '@example.org' end,
           (array['new','contacted','interested','callback','not_interested','converted'])[1 + (i % 6)],
           (array['Delhi','Mumbai','Pune','Lucknow','Patna','Chennai'])[1 + (i % 6)],
           (array['hi','en','mr','ta'])[1 + (i % 4)],
           now() - (i || ' seconds')::interval, now()
    from generate_series(1, ${ROWS}) as i`),
  );
  await db.execute(sql.raw('analyze leads'));
  const loadSeconds = (performance.now() - loadStart) / 1000;

  const config = loadConfig({ DATABASE_URL: base, LOG_LEVEL: 'silent' });
  const { leads } = await createServices({ config, database: t.database, logger: createLogger({ level: 'silent' }) });
  const q = (over: Partial<LeadListQuery>): LeadListQuery => ({ sort: '-createdAt', page: 1, pageSize: 25, ...over });
  const cases: Record<string, LeadListQuery> = {
    'name word': q({ q: 'reddy' }),
    'full name, two words': q({ q: 'kavya reddy 42' }),
    'Devanagari name': q({ q: 'शर्मा' }),
    'phone, full number typed with spaces': q({ q: '60000 12345' }),
    'phone, last 6 digits': q({ q: '512345' }),
    email: q({ q: 'lead300@example' }),
    'status filter, page 200': q({ status: ['interested'], page: 200 }),
    'no filter, first page': q({}),
  };

  const time = async (query: LeadListQuery) => {
    await leads.list(SYSTEM_ACTOR, query); // warm
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      total = (await leads.list(SYSTEM_ACTOR, query)).total;
      samples.push(performance.now() - s);
    }
    samples.sort((a, b) => a - b);
    const pct = (p: number) => Number((samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))] ?? 0).toFixed(1));
    return { p50Ms: pct(50), p95Ms: pct(95), matches: total };
  };

  const indexed: Record<string, Awaited<ReturnType<typeof time>>> = {};
  for (const [name, query] of Object.entries(cases)) indexed[name] = await time(query);
  await db.execute(sql.raw('drop index leads_search_trgm_idx'));
  const baseline: Record<string, Awaited<ReturnType<typeof time>>> = {};
  for (const [name, query] of Object.entries(cases)) if (query.q) baseline[name] = await time(query);

  console.log(
    JSON.stringify(
      {
        benchmark: 'lead-search',
        rows: ROWS,
        runsPerQuery: RUNS,
        loadSeconds: Number(loadSeconds.toFixed(1)),
        withTrigramIndex: indexed,
        baselineWithoutIndex: baseline,
        speedupP50: Object.fromEntries(
          Object.keys(baseline).map((k) => [k, Number(((baseline[k]?.p50Ms ?? 0) / Math.max(0.1, indexed[k]?.p50Ms ?? 0)).toFixed(1))]),
        ),
      },
      null,
      2,
    ),
  );
} finally {
  await t.drop();
}
