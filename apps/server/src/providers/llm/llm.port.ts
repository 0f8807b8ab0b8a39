/**
 * The language-model port: what the LLM gateway asks of a provider (one chat completion, not
 * streamed), and the one error shape every adapter throws. Adapters: openai-compatible (OpenAI
 * Chat Completions and the gateways and servers that speak it). Chosen by LLM_PROVIDER; there is
 * no built-in model: without LLM_BASE_URL the product runs on its local assist engine alone.
 *
 * The port stays small on purpose: budgets, caching, masking and time-outs belong to the gateway
 * (modules/llm), so that every adapter gets them alike.
 */

export type LlmProviderName = 'openai-compatible';

export type ChatRole = 'system' | 'user' | 'assistant';
export type ChatMessage = { role: ChatRole; content: string };

export type CompletionRequest = {
  messages: ChatMessage[];
  /** Longest answer, in tokens. */
  maxTokens: number;
  temperature: number;
  /** Aborting it abandons the request at once (the connection is dropped). */
  signal?: AbortSignal;
};

/** Tokens the vendor counted for one request (what it bills). */
export type TokenUsage = { promptTokens: number; completionTokens: number; totalTokens: number };

export type CompletionResult = {
  text: string;
  /** Null when the vendor did not report usage (some self-hosted servers); the caller estimates then. */
  usage: TokenUsage | null;
  /** True when the answer stopped at maxTokens rather than where the model meant to stop. */
  truncated: boolean;
};

export interface LlmProvider {
  readonly name: LlmProviderName;
  /** The model every request names. */
  readonly model: string;
  /** Whether the API takes a `system` message; where it does not, the gateway folds it into the first user message. */
  readonly systemRole: boolean;
  /** Whether answers normally carry token counts; the gateway still copes with one that does not. */
  readonly reportsUsage: boolean;
  complete(req: CompletionRequest): Promise<CompletionResult>;
}

/**
 * A request the vendor refused or that never got an answer. `status` is the HTTP status (null
 * when there was no answer: network failure, unreadable body); `retryAfterMs` is what the vendor
 * asked us to wait (429), when it said.
 */
export class LlmProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string | null,
    readonly retryAfterMs: number | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'LlmProviderError';
  }
}
