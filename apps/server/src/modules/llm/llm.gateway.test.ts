/** The gateway against the OpenAI stand-in, on a real database: answers, cache, time-out, failures, budgets, masking. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { systemClock } from '../../platform/context.js';
import { createLogger } from '../../platform/logging.js';
import { until } from '../../platform/testing/until.js';
import { createLlmProvider } from '../../providers/llm/index.js';
import { OpenAiStandin } from '../../providers/llm/openai-compatible/testing/openai-standin.js';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { createLlmGateway, type LlmGateway, llmLimits, type SuggestInput } from './llm.gateway.js';
import { buildMessages, estimatePromptTokens } from './llm.prompts.js';

const CALL = '7d0e3c52-9a41-4b8e-8f5d-2c6b1a0e9f31';
const logger = createLogger({ level: 'silent' });

let db: TestDatabase;
let standin: OpenAiStandin;
const open: LlmGateway[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db.drop());
beforeEach(async () => {
  standin = await new OpenAiStandin().start();
  await db.database.exec('truncate llm_usage, llm_call_usage');
});
afterEach(async () => {
  for (const g of open.splice(0)) await g.close();
  await standin.stop();
});

/**
 * A gateway built as the server builds it, from configuration pointing at the stand-in. Tests
 * other than the time-out's give it 10 s: this machine's first requests can be slow, and a
 * time-out there would hide what they test.
 */
function gateway(env: Record<string, string | undefined> = {}): LlmGateway {
  const config = loadConfig({ LLM_BASE_URL: standin.url, LLM_API_KEY: standin.apiKey, LLM_MODEL: 'gpt-4o-mini', LLM_TIMEOUT_MS: '10000', ...env });
  const g = createLlmGateway({
    db: db.database.db,
    clock: systemClock,
    logger,
    provider: createLlmProvider(config.llm),
    limits: llmLimits(config.llm),
    timeZone: 'Asia/Kolkata',
  });
  open.push(g);
  return g;
}

const ask = (over: Partial<SuggestInput> = {}): SuggestInput => ({
  callId: CALL,
  lang: 'en',
  purpose: 'objection',
  objection: 'price',
  transcript: [
    { speaker: 'agent', text: 'Namaste, I am calling from Vidya Foundation about the nursing course you asked about.' },
    { speaker: 'lead', text: 'Yes, but the fees are too much for us.' },
  ],
  context: ['Families earning under 3 lakh a year get a scholarship of half the fees.'],
  ...over,
});

const sent = (i: number) => (standin.requests[i]?.body?.messages ?? []) as { role: string; content: string }[];

describe('LLM gateway', () => {
  it('answers, then answers the same question from its cache without asking again', async () => {
    const llm = gateway();
    standin.reply = () => '"I understand. Many families like yours get a scholarship that covers half the fees."';
    standin.usage = { prompt_tokens: 310, completion_tokens: 18 };

    const first = await llm.suggest(ask());
    expect(first).toMatchObject({
      ok: true,
      text: 'I understand. Many families like yours get a scholarship that covers half the fees.',
      cached: false,
      tokens: 328,
    });
    const again = await llm.suggest(ask());
    expect(again).toMatchObject({
      ok: true,
      text: 'I understand. Many families like yours get a scholarship that covers half the fees.',
      cached: true,
      tokens: 0,
    });
    expect(standin.requests).toHaveLength(1);

    const [system, user] = sent(0);
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('admissions counsellor of an education nonprofit in India');
    expect(system?.content).toContain('Answer in simple spoken English');
    expect(user?.content).toContain('Lead: Yes, but the fees are too much for us.');
    expect(user?.content).toContain('the fees or the cost feel too high');
    expect(user?.content).toContain('- Families earning under 3 lakh a year get a scholarship of half the fees.');
    expect(standin.requests[0]?.body).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 160, stream: false });

    await llm.close();
    expect(await llm.usageToday()).toMatchObject({ tokens: 328, promptTokens: 310, completionTokens: 18, reserved: 0, requests: 1 });
    expect(await llm.usageOfCall(CALL)).toEqual({ tokens: 328, reserved: 0, requests: 1 });
  });

  it("asks in the call's language and sends the last ten turns only", async () => {
    const llm = gateway();
    const transcript = Array.from({ length: 14 }, (_, i) => ({ speaker: i % 2 ? ('lead' as const) : ('agent' as const), text: `turn number ${i + 1}` }));
    expect((await llm.suggest(ask({ lang: 'hi', purpose: 'next_reply', objection: undefined, transcript, context: [] }))).ok).toBe(true);
    expect((await llm.suggest(ask({ lang: 'hinglish' }))).ok).toBe(true);

    const [hiSystem, hiUser] = sent(0);
    expect(hiSystem?.content).toContain('Hindi written in Devanagari script');
    const lines = hiUser?.content.split('\n') ?? [];
    expect(lines.filter((l) => /^(Counsellor|Lead): turn number/.test(l))).toEqual(
      transcript.slice(4).map((t) => `${t.speaker === 'agent' ? 'Counsellor' : 'Lead'}: ${t.text}`),
    );
    expect(hiUser?.content).not.toContain('objection');
    expect(hiUser?.content).not.toContain('knowledge base');
    expect(sent(1)[0]?.content).toContain('written only in the Latin alphabet');
  });

  it('shares one request between identical questions asked at the same time', async () => {
    const llm = gateway();
    standin.delayMs = 200;
    const [a, b] = await Promise.all([llm.suggest(ask()), llm.suggest(ask())]);
    expect([a, b].map((r) => r.ok && r.cached).sort()).toEqual([false, true]);
    expect(standin.requests).toHaveLength(1);
  });

  it('gives up at the 1.5 s time-out, without waiting for the vendor, and drops the request', async () => {
    // The default time-out.
    const llm = gateway({ LLM_TIMEOUT_MS: undefined });
    standin.delayMs = 8000;
    const started = performance.now();
    const r = await llm.suggest(ask());
    const waited = performance.now() - started;
    expect(r).toMatchObject({ ok: false, reason: 'timeout' });
    expect(r.ms).toBeGreaterThanOrEqual(1500);
    // Far less than the vendor's 8 seconds: the caller had its answer at the deadline.
    expect(waited).toBeLessThan(4000);
    await until('the stand-in to see the request dropped', () => standin.requests[0]?.aborted);

    // The vendor may bill an abandoned request: the worst case reserved is what is charged.
    await llm.close();
    const reserved = estimatePromptTokens(buildMessages(ask())) + 160;
    expect(await llm.usageToday()).toMatchObject({ tokens: reserved, reserved: 0, requests: 1 });
    // Nothing was cached: asked again, it asks the vendor again.
    standin.delayMs = 0;
    expect(await llm.suggest(ask())).toMatchObject({ ok: true, cached: false });
  });

  it('reports 429 and 5xx as error after a single request each, and holds off as long as a 429 asks', async () => {
    const llm = gateway();
    standin.faults = [{ status: 500, times: 1 }];
    expect(await llm.suggest(ask({ objection: 'timing' }))).toMatchObject({ ok: false, reason: 'error' });
    expect(standin.requests).toHaveLength(1);
    expect(await llm.suggest(ask({ objection: 'trust' }))).toMatchObject({ ok: true });
    expect(standin.requests).toHaveLength(2);

    standin.faults = [{ status: 429, times: 1, retryAfterSeconds: 30 }];
    expect(await llm.suggest(ask({ objection: 'logistics' }))).toMatchObject({ ok: false, reason: 'error' });
    expect(await llm.suggest(ask({ objection: 'consult_family' }))).toMatchObject({ ok: false, reason: 'error' });
    expect(standin.requests.map((r) => r.status)).toEqual([500, 200, 429]);
    // Answers cached before still serve while it holds off.
    expect(await llm.suggest(ask({ objection: 'trust' }))).toMatchObject({ ok: true, cached: true });

    await llm.close();
    const usage = await llm.usageToday();
    expect(usage.requests).toBe(3);
    expect(usage.reserved).toBe(0);
  });

  it("stops a call's suggestions at the call's budget, and only that call's", async () => {
    const input = (n: number, callId: string | null = CALL) => ask({ callId, transcript: [{ speaker: 'lead', text: `question A${n}` }] });
    const reservation = estimatePromptTokens(buildMessages(input(1))) + 100;
    // Room for the first two (120 tokens each, as the vendor counts them) but not a third.
    const llm = gateway({ LLM_MAX_TOKENS: '100', LLM_CALL_TOKEN_BUDGET: String(reservation + 200) });
    standin.usage = { prompt_tokens: 100, completion_tokens: 20 };

    expect(await llm.suggest(input(1))).toMatchObject({ ok: true, tokens: 120 });
    await llm.close();
    expect(await llm.suggest(input(2))).toMatchObject({ ok: true, tokens: 120 });
    await llm.close();
    expect(await llm.suggest(input(3))).toMatchObject({ ok: false, reason: 'call_budget' });
    expect(standin.requests).toHaveLength(2);
    expect(await llm.usageOfCall(CALL)).toEqual({ tokens: 240, reserved: 0, requests: 2 });

    // Another call, and suggestions outside any call, still have theirs.
    expect(await llm.suggest(input(3, '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'))).toMatchObject({ ok: true });
    expect(await llm.suggest(input(4, null))).toMatchObject({ ok: true });
    // A request bigger than a whole call's budget is refused before it costs anything.
    const small = gateway({ LLM_MAX_TOKENS: '100', LLM_CALL_TOKEN_BUDGET: String(reservation - 1) });
    expect(await small.suggest(input(5, null))).toMatchObject({ ok: false, reason: 'call_budget' });
    expect(standin.requests).toHaveLength(4);
  });

  it('masks phone numbers, emails and ids out of the transcript and the context before anything leaves', async () => {
    const llm = gateway();
    const secrets = [
      '9876543210',
      '98765 43210',
      '98765-43210',
      '080 4709 1234',
      '+44 20 7946 0958',
      '1234 5678 9012',
      'ABCDE1234F',
      'priya.s@example.in',
      '९८७६५४३२१०',
    ];
    const transcript = [
      { speaker: 'lead' as const, text: 'My number is +91 98765 43210, or whatsapp 98765-43210, mail priya.s@example.in' },
      { speaker: 'agent' as const, text: 'And your father on 9876543210? Office 080 4709 1234?' },
      { speaker: 'lead' as const, text: 'Mama in London: +44 20 7946 0958. Aadhaar 1234 5678 9012, PAN ABCDE1234F, नंबर ९८७६५४३२१०' },
    ];
    const r = await llm.suggest(ask({ transcript, context: ['Write to priya.s@example.in or call 9876543210 for the form.'] }));
    expect(r.ok).toBe(true);
    const body = standin.requests[0]?.raw ?? '';
    for (const s of secrets) expect(body, s).not.toContain(s);
    expect(body).not.toMatch(/\d{8}/);
    expect(standin.prompts().join('\n')).toMatch(/\[number\].*\[email\][\s\S]*\[id\]/);

    // The cache is keyed by what was sent: another lead's number makes the same question.
    const other = transcript.map((t) => ({ ...t, text: t.text.replace('98765 43210', '91234 56789') }));
    expect(await llm.suggest(ask({ transcript: other, context: ['Write to priya.s@example.in or call 9876543210 for the form.'] }))).toMatchObject({
      ok: true,
      cached: true,
    });
    expect(standin.requests).toHaveLength(1);
  });

  it('says not_configured, and calls nobody, without LLM_BASE_URL and LLM_MODEL', async () => {
    const config = loadConfig({});
    const llm = createLlmGateway({
      db: db.database.db,
      clock: systemClock,
      logger,
      provider: createLlmProvider(config.llm),
      limits: llmLimits(config.llm),
      timeZone: 'Asia/Kolkata',
    });
    expect(llm.configured).toBe(false);
    expect(await llm.suggest(ask())).toMatchObject({ ok: false, reason: 'not_configured' });
    expect(standin.requests).toHaveLength(0);
    expect(await llm.usageToday()).toMatchObject({ tokens: 0, requests: 0 });
  });
});
