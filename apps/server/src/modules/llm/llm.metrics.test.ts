/** The gateway's figures at /metrics of the real app, behind the operator endpoints' guard. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenAiStandin } from '../../providers/llm/openai-compatible/testing/openai-standin.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

const METRICS_TOKEN = 'prometheus-scrapes-with-this-token';

let standin: OpenAiStandin;
let t: TestApp;

beforeAll(async () => {
  standin = await new OpenAiStandin().start();
  t = await createTestApp({
    env: {
      LLM_BASE_URL: standin.url,
      LLM_API_KEY: standin.apiKey,
      LLM_MODEL: 'gpt-4o-mini',
      LLM_COST_PER_1K_TOKENS: '0.5',
      LLM_TIMEOUT_MS: '10000',
      TELEHUB_OPS_PUBLIC: '0',
      TELEHUB_METRICS_TOKEN: METRICS_TOKEN,
    },
  });
});
afterAll(async () => {
  await t.close();
  await standin.stop();
});

/** The value of the sample of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-z_]+)(?:\{(.*)\})? (\S+)$/);
    if (!m || m[1] !== name) continue;
    const have = m[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => have.includes(`${k}="${v}"`))) return Number(m[3]);
  }
  return undefined;
}

describe('language-model figures at /metrics', () => {
  it('counts outcomes, tokens, estimated spend and latency, for the metrics token and admins only', async () => {
    const { llm } = t.app.services;
    expect(llm.configured).toBe(true);
    const input = {
      callId: null,
      lang: 'hinglish' as const,
      purpose: 'objection' as const,
      objection: 'consult_family' as const,
      transcript: [{ speaker: 'lead' as const, text: 'Papa se puchna padega.' }],
    };
    standin.usage = { prompt_tokens: 300, completion_tokens: 100 };
    expect(await llm.suggest(input)).toMatchObject({ ok: true, cached: false, tokens: 400 });
    expect(await llm.suggest(input)).toMatchObject({ ok: true, cached: true });
    standin.faults = [{ status: 500, times: 1 }];
    expect(await llm.suggest({ ...input, objection: 'price' })).toMatchObject({ ok: false, reason: 'error' });

    expect((await t.request({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/metrics', as: t.cast.telecaller })).statusCode).toBe(403);
    const res = await t.request({ method: 'GET', url: '/metrics', as: t.cast.admin });
    expect(res.statusCode).toBe(200);
    const text = res.body;
    expect(sample(text, 'telehub_llm_requests_total', { outcome: 'ok' })).toBe(1);
    expect(sample(text, 'telehub_llm_requests_total', { outcome: 'cached' })).toBe(1);
    expect(sample(text, 'telehub_llm_requests_total', { outcome: 'error' })).toBe(1);
    expect(sample(text, 'telehub_llm_requests_total', { outcome: 'timeout' })).toBe(0);
    expect(sample(text, 'telehub_llm_tokens_total', { kind: 'prompt' })).toBe(300);
    expect(sample(text, 'telehub_llm_tokens_total', { kind: 'completion' })).toBe(100);
    expect(sample(text, 'telehub_llm_cost_estimated_total')).toBeCloseTo(0.2, 10);
    expect(sample(text, 'telehub_llm_request_duration_seconds_count', { outcome: 'ok' })).toBe(1);
    expect(sample(text, 'telehub_llm_request_duration_seconds_count', { outcome: 'error' })).toBe(1);

    const scrape = await t.request({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scrape.statusCode).toBe(200);
    expect(sample(scrape.body, 'telehub_llm_requests_total', { outcome: 'ok' })).toBe(1);

    // The same spend is in the database, for every node to see.
    await llm.close();
    expect(await llm.usageToday()).toMatchObject({ tokens: 400, requests: 2, cost: 0.2 });
  });
});
