/**
 * Picks the language-model provider from config (LLM_PROVIDER): a registry of factories. None
 * when LLM_BASE_URL is unset: the language model is optional, the local assist engine is not.
 */
import type { Config } from '../../config.js';
import type { LlmProvider, LlmProviderName } from './llm.port.js';
import { createOpenAiCompatibleProvider } from './openai-compatible/openai-compatible.provider.js';

export type { ChatMessage, ChatRole, CompletionRequest, CompletionResult, LlmProvider, LlmProviderName, TokenUsage } from './llm.port.js';
export { LlmProviderError } from './llm.port.js';
export { createOpenAiCompatibleProvider, type OpenAiCompatibleOptions } from './openai-compatible/openai-compatible.provider.js';

type Configured = Config['llm'] & { LLM_BASE_URL: string; LLM_MODEL: string };

const FACTORIES: Record<LlmProviderName, (llm: Configured) => LlmProvider> = {
  'openai-compatible': (llm) => createOpenAiCompatibleProvider({ baseUrl: llm.LLM_BASE_URL, apiKey: llm.LLM_API_KEY, model: llm.LLM_MODEL }),
};

/** The configured provider, or null when no language model is configured. */
export function createLlmProvider(llm: Config['llm']): LlmProvider | null {
  const { LLM_BASE_URL, LLM_MODEL } = llm;
  // loadConfig refuses one without the other; both unset means no model.
  if (!LLM_BASE_URL || !LLM_MODEL) return null;
  return FACTORIES[llm.LLM_PROVIDER]({ ...llm, LLM_BASE_URL, LLM_MODEL });
}
