/**
 * The embeddings port: texts in, one vector each out, in order. Adapter: openai-compatible (OpenAI's
 * `POST /embeddings` and the servers that speak it). Optional: without EMBEDDINGS_BASE_URL there is
 * none, and call search finds calls by their words alone.
 */
export interface EmbeddingsProvider {
  readonly model: string;
  embed(texts: string[], signal?: AbortSignal): Promise<number[][]>;
}

export class EmbeddingsError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'EmbeddingsError';
  }
}
