/**
 * The day's token budget holds across server nodes: two gateways on one database (two connection
 * pools on PostgreSQL, one shared PGlite otherwise) never spend past it together, even asking at
 * once, and a new day in India starts a new budget.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../platform/context.js';
import { type Database, openDatabase } from '../../platform/db/client.js';
import { createLogger } from '../../platform/logging.js';
import { createOpenAiCompatibleProvider } from '../../providers/llm/index.js';
import { OpenAiStandin } from '../../providers/llm/openai-compatible/testing/openai-standin.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { createLlmGateway, type LlmGateway, type LlmLimits, type SuggestInput } from './llm.gateway.js';
import { buildMessages, estimatePromptTokens } from './llm.prompts.js';

const logger = createLogger({ level: 'silent' });
const MAX_TOKENS = 100;
/** 23:59 in India on 2 March; midnight there is 18:30 UTC. */
const BEFORE_MIDNIGHT = new Date('2026-03-02T18:29:00.000Z');
const AFTER_MIDNIGHT = new Date('2026-03-02T18:31:00.000Z');

let db: TestDatabase;
/** The second node's own connection to the same database (PostgreSQL); PGlite has one. */
let second: Database | null = null;
let standin: OpenAiStandin;
const gateways: LlmGateway[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  if (db.url) second = await openDatabase({ kind: 'postgres', url: db.url, poolSize: 5 });
});
afterAll(async () => {
  await second?.close();
  await db.drop();
});
beforeEach(async () => {
  standin = await new OpenAiStandin().start();
});
afterEach(async () => {
  for (const g of gateways.splice(0)) await g.close();
  await standin.stop();
});

/** Questions of the same length, so each reserves the same tokens. */
const question = (n: number): SuggestInput => ({
  callId: null,
  lang: 'en',
  purpose: 'next_reply',
  transcript: [{ speaker: 'lead', text: `question number ${String(n).padStart(3, '0')}` }],
});
const RESERVATION = estimatePromptTokens(buildMessages(question(1))) + MAX_TOKENS;

function node(database: Database, clock: Clock, limits: Partial<LlmLimits>): LlmGateway {
  const g = createLlmGateway({
    db: database.db,
    clock,
    logger,
    provider: createOpenAiCompatibleProvider({ baseUrl: standin.url, apiKey: standin.apiKey, model: 'gpt-4o-mini' }),
    limits: { timeoutMs: 10_000, maxTokens: MAX_TOKENS, callTokenBudget: 1_000_000, dayTokenBudget: 1_000_000, ...limits },
    timeZone: 'Asia/Kolkata',
  });
  gateways.push(g);
  return g;
}

describe('the day budget across nodes', () => {
  it('lets only what fits through when both nodes ask at once, then counts what the vendor billed', async () => {
    const clock = { now: () => BEFORE_MIDNIGHT };
    // Two requests' worst case fits; a third does not.
    const limits = { dayTokenBudget: 2 * RESERVATION + 60, callTokenBudget: 2 * RESERVATION + 60 };
    const a = node(db.database, clock, limits);
    const b = node(second ?? db.database, clock, limits);
    standin.delayMs = 1000;
    standin.usage = { prompt_tokens: 100, completion_tokens: 20 };

    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => (n % 2 ? a : b).suggest(question(n))));
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.reason)).toEqual(['day_budget', 'day_budget', 'day_budget', 'day_budget']);
    expect(standin.requests).toHaveLength(2);

    await Promise.all([a.close(), b.close()]);
    const seen = { day: '2026-03-02', tokens: 240, reserved: 0, requests: 2 };
    expect(await a.usageToday()).toMatchObject(seen);
    expect(await b.usageToday()).toMatchObject(seen);

    // Settled at what the vendor counted, the day has room again; a request the vendor bills far
    // above its estimate uses it all, and then neither node may ask.
    standin.delayMs = 0;
    standin.usage = { prompt_tokens: 2 * RESERVATION, completion_tokens: 0 };
    expect(await b.suggest(question(7))).toMatchObject({ ok: true, tokens: 2 * RESERVATION });
    await b.close();
    expect(await a.suggest(question(8))).toMatchObject({ ok: false, reason: 'day_budget' });
    expect(await b.suggest(question(9))).toMatchObject({ ok: false, reason: 'day_budget' });
    expect(standin.requests).toHaveLength(3);
  });

  it('starts a new budget at midnight in India', async () => {
    let now = BEFORE_MIDNIGHT;
    const clock = { now: () => now };
    const a = node(db.database, clock, { dayTokenBudget: RESERVATION + 10, callTokenBudget: RESERVATION + 10 });
    standin.usage = { prompt_tokens: RESERVATION, completion_tokens: 10 };
    await db.database.exec("delete from llm_usage where day in ('2026-03-02', '2026-03-03')");

    expect(await a.suggest(question(10))).toMatchObject({ ok: true });
    await a.close();
    expect(await a.suggest(question(11))).toMatchObject({ ok: false, reason: 'day_budget' });
    now = AFTER_MIDNIGHT;
    expect(await a.suggest(question(12))).toMatchObject({ ok: true });
    await a.close();
    expect(await a.usageToday()).toMatchObject({ day: '2026-03-03', tokens: RESERVATION + 10, requests: 1 });
  });
});
