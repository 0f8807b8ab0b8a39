/** The embeddings adapter against a stand-in that checks requests as OpenAI does. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddingsProvider, createOpenAiEmbeddings, EmbeddingsError, MAX_INPUT_CHARS } from './index.js';
import { EmbeddingsStandin } from './testing/embeddings-standin.js';

let standin: EmbeddingsStandin;
beforeAll(async () => {
  standin = await new EmbeddingsStandin().start();
});
afterAll(() => standin?.stop());

describe('openai-compatible embeddings', () => {
  it('sends the model and the texts, and gives each text its vector in order, whatever order the answer has', async () => {
    const e = createOpenAiEmbeddings({ baseUrl: standin.url, apiKey: standin.apiKey, model: 'text-embedding-3-small' });
    const [fees, money, hostel] = await e.embed(['the fees are too expensive', 'we have no money', 'is there a hostel']);
    const cos = (a: number[] = [], b: number[] = []) => a.reduce((s, x, i) => s + x * (b[i] ?? 0), 0);
    expect(cos(fees, money)).toBeGreaterThan(cos(fees, hostel));
    const req = standin.requests.at(-1);
    expect(req?.body).toEqual({ model: 'text-embedding-3-small', input: ['the fees are too expensive', 'we have no money', 'is there a hostel'] });
    // Long texts are clipped; an empty one is sent as a space (the API refuses empty strings).
    await e.embed(['x'.repeat(MAX_INPUT_CHARS + 50), '']);
    expect(((standin.requests.at(-1)?.body?.input ?? []) as string[]).map((s) => s.length)).toEqual([MAX_INPUT_CHARS, 1]);
    expect(await e.embed([])).toEqual([]);
  });

  it('says why when the API refuses or fails', async () => {
    const wrongKey = createOpenAiEmbeddings({ baseUrl: standin.url, apiKey: 'sk-wrong', model: 'text-embedding-3-small' });
    await expect(wrongKey.embed(['hello'])).rejects.toMatchObject({
      name: 'EmbeddingsError',
      status: 401,
      message: expect.stringContaining('Incorrect API key'),
    });
    const unknown = createOpenAiEmbeddings({ baseUrl: standin.url, apiKey: standin.apiKey, model: 'nope' });
    await expect(unknown.embed(['hello'])).rejects.toMatchObject({ status: 404 });
    standin.failNext = { status: 500, times: 1 };
    const e = createOpenAiEmbeddings({ baseUrl: standin.url, apiKey: standin.apiKey, model: 'text-embedding-3-small' });
    await expect(e.embed(['hello'])).rejects.toBeInstanceOf(EmbeddingsError);
    const gone = createOpenAiEmbeddings({ baseUrl: 'http://127.0.0.1:9', model: 'm', timeoutMs: 2000 });
    await expect(gone.embed(['hello'])).rejects.toMatchObject({ status: null, message: expect.stringContaining('did not answer') });
  });

  it('is absent unless both the URL and the model are configured', () => {
    expect(createEmbeddingsProvider({})).toBeNull();
    expect(createEmbeddingsProvider({ EMBEDDINGS_BASE_URL: standin.url })).toBeNull();
    expect(createEmbeddingsProvider({ EMBEDDINGS_BASE_URL: standin.url, EMBEDDINGS_MODEL: 'text-embedding-3-small' })?.model).toBe('text-embedding-3-small');
  });
});
