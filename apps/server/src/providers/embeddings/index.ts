export { EmbeddingsError, type EmbeddingsProvider } from './embeddings.port.js';
export { createOpenAiEmbeddings, MAX_INPUT_CHARS } from './openai-compatible.embeddings.js';

import type { EmbeddingsProvider } from './embeddings.port.js';
import { createOpenAiEmbeddings } from './openai-compatible.embeddings.js';

/** The configured embeddings provider, or null when none is configured. */
export function createEmbeddingsProvider(c: {
  EMBEDDINGS_BASE_URL?: string | undefined;
  EMBEDDINGS_API_KEY?: string | undefined;
  EMBEDDINGS_MODEL?: string | undefined;
}): EmbeddingsProvider | null {
  if (!c.EMBEDDINGS_BASE_URL || !c.EMBEDDINGS_MODEL) return null;
  return createOpenAiEmbeddings({ baseUrl: c.EMBEDDINGS_BASE_URL, apiKey: c.EMBEDDINGS_API_KEY, model: c.EMBEDDINGS_MODEL });
}
