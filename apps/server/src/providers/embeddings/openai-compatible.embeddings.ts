/**
 * OpenAI's embeddings API (`POST {base}/embeddings`, `{model, input: string[]}` answered by
 * `{data: [{index, embedding}]}`), or any server that speaks it. Inputs are clipped to a length every
 * common model takes; the answer is put back in input order by `index`; a refusal or a malformed
 * answer is an EmbeddingsError saying what went wrong.
 */
import { EmbeddingsError, type EmbeddingsProvider } from './embeddings.port.js';

/** About 2,000 tokens of English, well under every common model's limit (8,191 for OpenAI's). */
export const MAX_INPUT_CHARS = 8000;

export function createOpenAiEmbeddings(opts: { baseUrl: string; apiKey?: string | undefined; model: string; timeoutMs?: number }): EmbeddingsProvider {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
  return {
    model: opts.model,
    async embed(texts, signal) {
      if (texts.length === 0) return [];
      const input = texts.map((t) => (t.trim() === '' ? ' ' : t.slice(0, MAX_INPUT_CHARS)));
      let res: Response;
      try {
        res = await fetch(`${opts.baseUrl}/embeddings`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ model: opts.model, input }),
          signal: signal ?? AbortSignal.timeout(opts.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw new EmbeddingsError(`the embeddings API did not answer: ${(err as Error).message}`, null, { cause: err });
      }
      const body = (await res.json().catch(() => null)) as { data?: { index?: number; embedding?: unknown }[]; error?: { message?: string } } | null;
      if (!res.ok) throw new EmbeddingsError(`the embeddings API refused (${res.status}): ${body?.error?.message ?? res.statusText}`, res.status);
      const data = body?.data;
      if (!Array.isArray(data) || data.length !== input.length)
        throw new EmbeddingsError('the embeddings API answered without one vector per input', res.status);
      const out: number[][] = new Array(input.length);
      for (const d of data) {
        const v = d.embedding;
        if (typeof d.index !== 'number' || !Array.isArray(v) || !v.every((x) => typeof x === 'number'))
          throw new EmbeddingsError('the embeddings API answered a malformed vector', res.status);
        out[d.index] = v as number[];
      }
      return out;
    },
  };
}
