/** The OpenAI-compatible adapter against a stand-in that checks requests the way OpenAI does. */
import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { until } from '../../../platform/testing/until.js';
import { type ChatMessage, type LlmProvider, LlmProviderError } from '../llm.port.js';
import { createOpenAiCompatibleProvider } from './openai-compatible.provider.js';
import { OpenAiStandin } from './testing/openai-standin.js';

const MESSAGES: ChatMessage[] = [
  { role: 'system', content: 'You help an admissions counsellor.' },
  { role: 'user', content: 'Lead: The fees are too high.' },
];

let standin: OpenAiStandin;
beforeEach(async () => {
  standin = await new OpenAiStandin().start();
});
afterEach(async () => standin.stop());

const provider = (over: { apiKey?: string; model?: string; baseUrl?: string } = {}): LlmProvider =>
  createOpenAiCompatibleProvider({ baseUrl: standin.url, apiKey: standin.apiKey, model: 'gpt-4o-mini', ...over });

async function failure(p: Promise<unknown>): Promise<LlmProviderError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof LlmProviderError)) throw new Error(`expected an LlmProviderError, got ${String(err)}`);
  return err;
}

describe('openai-compatible provider', () => {
  it('sends a Chat Completions request and reads the answer and its usage', async () => {
    standin.reply = () => 'Scholarships cover up to half the fees.';
    const res = await provider().complete({ messages: MESSAGES, maxTokens: 120, temperature: 0.4 });
    expect(res.text).toBe('Scholarships cover up to half the fees.');
    expect(res.truncated).toBe(false);
    expect(res.usage).toEqual({ promptTokens: expect.any(Number), completionTokens: 8, totalTokens: expect.any(Number) });
    expect(res.usage?.totalTokens).toBe((res.usage?.promptTokens ?? 0) + 8);

    const [req] = standin.requests;
    expect(req?.status).toBe(200);
    expect(req?.headers.authorization).toBe(`Bearer ${standin.apiKey}`);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.body).toEqual({ model: 'gpt-4o-mini', messages: MESSAGES, max_tokens: 120, temperature: 0.4, stream: false });
  });

  it('copes with a server that reports no usage, and says when the answer hit the length limit', async () => {
    standin.usage = 'omit';
    standin.reply = () => 'One two three four five six seven eight nine ten eleven twelve.';
    const res = await provider().complete({ messages: MESSAGES, maxTokens: 5, temperature: 0 });
    expect(res.usage).toBeNull();
    expect(res.truncated).toBe(true);
    expect(res.text).toBe('One two three four five');
  });

  it('reports what the vendor refused: a wrong key, an unknown model, a malformed request', async () => {
    const badKey = await failure(provider({ apiKey: 'sk-wrong' }).complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect([badKey.status, badKey.code]).toEqual([401, 'invalid_api_key']);

    const noKey = await failure(provider({ apiKey: '' }).complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect(noKey.status).toBe(401);
    expect(noKey.message).toContain("didn't provide an API key");

    const model = await failure(provider({ model: 'gpt-9' }).complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect([model.status, model.code]).toEqual([404, 'model_not_found']);

    const role = await failure(provider().complete({ messages: [{ role: 'bot' as 'user', content: 'hi' }], maxTokens: 50, temperature: 0 }));
    expect([role.status, role.code]).toEqual([400, 'invalid_value']);

    const tooLong = await failure(provider().complete({ messages: MESSAGES, maxTokens: 100_000, temperature: 0 }));
    expect([tooLong.status, tooLong.code]).toEqual([400, 'invalid_value']);
    expect(tooLong.message).toContain('max_tokens is too large');

    const empty = await failure(provider().complete({ messages: [], maxTokens: 50, temperature: 0 }));
    expect([empty.status, empty.code]).toEqual([400, 'empty_array']);

    const hot = await failure(provider().complete({ messages: MESSAGES, maxTokens: 50, temperature: 3 }));
    expect(hot.status).toBe(400);
    expect(standin.requests.map((r) => r.status)).toEqual([401, 401, 404, 400, 400, 400, 400]);
  });

  it('reports 429 with the wait the vendor asked for, and 5xx, each after one request', async () => {
    standin.faults = [{ status: 429, times: 1, retryAfterSeconds: 3 }];
    const limited = await failure(provider().complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect([limited.status, limited.code, limited.retryAfterMs]).toEqual([429, 'rate_limit_exceeded', 3000]);

    standin.faults = [{ status: 500, times: 1 }];
    const broken = await failure(provider().complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect([broken.status, broken.retryAfterMs]).toEqual([500, null]);
    expect(standin.requests).toHaveLength(2);
  });

  it('says when nobody answers', async () => {
    const port = await closedPort();
    const err = await failure(provider({ baseUrl: `http://127.0.0.1:${port}/v1` }).complete({ messages: MESSAGES, maxTokens: 50, temperature: 0 }));
    expect(err.status).toBeNull();
  });

  it('drops the request when the caller aborts, and the vendor sees it go', async () => {
    standin.delayMs = 10_000;
    const controller = new AbortController();
    const pending = provider().complete({ messages: MESSAGES, maxTokens: 50, temperature: 0, signal: controller.signal });
    await until('the request to arrive', () => standin.requests.length === 1);
    controller.abort(new Error('enough'));
    await expect(pending).rejects.toThrow('enough');
    await until('the stand-in to see the abort', () => standin.requests[0]?.aborted);
  });
});

/** A local port nobody listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
