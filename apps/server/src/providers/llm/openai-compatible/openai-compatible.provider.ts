/**
 * The OpenAI-compatible adapter: `POST {baseUrl}/chat/completions` in the Chat Completions shape,
 * which OpenAI, Azure OpenAI, AI gateways (LiteLLM, Portkey, OpenRouter) and self-hosted servers
 * (vLLM, Ollama, llama.cpp) all accept.
 *
 * The answer length goes as `max_tokens`, not `max_completion_tokens`: every compatible server
 * takes max_tokens, while several do not know the newer name; OpenAI still honours max_tokens on
 * its chat models (only its reasoning models require the newer one, and they are too slow for a
 * suggestion during a live call anyway).
 *
 * No retries here: a suggestion is worth something only within the caller's time-out, and a
 * vendor that answers 429 or 5xx is not helped by being asked again at once.
 */
import { z } from 'zod';
import { type ChatMessage, type CompletionRequest, type CompletionResult, type LlmProvider, LlmProviderError } from '../llm.port.js';

export type OpenAiCompatibleOptions = {
  /** Base URL without /chat/completions, e.g. https://api.openai.com/v1. */
  baseUrl: string;
  /** Sent as a bearer token; omitted for servers that take none. */
  apiKey?: string;
  model: string;
};

const ChatCompletion = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullable().optional(), refusal: z.string().nullable().optional() }),
        finish_reason: z.string().nullable().optional(),
      }),
    )
    .min(1),
  usage: z
    .object({ prompt_tokens: z.number().int().min(0), completion_tokens: z.number().int().min(0), total_tokens: z.number().int().min(0) })
    .nullable()
    .optional(),
});

const ErrorBody = z.object({
  error: z.object({ message: z.string().optional(), type: z.string().nullable().optional(), code: z.union([z.string(), z.number()]).nullable().optional() }),
});

export function createOpenAiCompatibleProvider(opts: OpenAiCompatibleOptions): LlmProvider {
  const endpoint = `${opts.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;

  return {
    name: 'openai-compatible',
    model: opts.model,
    systemRole: true,
    reportsUsage: true,
    async complete(req: CompletionRequest): Promise<CompletionResult> {
      const body = {
        model: opts.model,
        messages: req.messages.map((m: ChatMessage) => ({ role: m.role, content: m.content })),
        max_tokens: req.maxTokens,
        temperature: req.temperature,
        stream: false,
      };
      let res: Response;
      let text: string;
      try {
        res = await fetch(endpoint, { method: 'POST', headers, body: JSON.stringify(body), signal: req.signal });
        text = await res.text();
      } catch (err) {
        // The caller's abort is the caller's to report; anything else is the network.
        if (req.signal?.aborted) throw err;
        throw new LlmProviderError(`no answer from ${new URL(endpoint).host}: ${(err as Error).message}`, null, null, null, { cause: err });
      }
      if (!res.ok) throw errorOf(res, text);
      const parsed = ChatCompletion.safeParse(safeJson(text));
      if (!parsed.success) throw new LlmProviderError('the answer is not a chat completion', res.status, 'bad_answer');
      const [choice] = parsed.data.choices;
      const content = choice?.message.content;
      if (!content) {
        const why = choice?.message.refusal ? 'the model refused' : 'the answer has no content';
        throw new LlmProviderError(why, res.status, 'empty_answer');
      }
      const u = parsed.data.usage;
      return {
        text: content,
        usage: u ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens, totalTokens: u.total_tokens } : null,
        truncated: choice?.finish_reason === 'length',
      };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The vendor's `{error: {message, type, code}}`, with what it asked us to wait on a 429. */
function errorOf(res: Response, text: string): LlmProviderError {
  const parsed = ErrorBody.safeParse(safeJson(text));
  const e = parsed.success ? parsed.data.error : null;
  const code = e?.code ?? e?.type ?? null;
  const message = `${res.status} from the language model: ${e?.message ?? (text.slice(0, 200) || res.statusText)}`;
  return new LlmProviderError(message, res.status, code === null ? null : String(code), retryAfterMs(res.headers));
}

/** `retry-after-ms` (OpenAI), else `retry-after` in seconds or as an HTTP date. */
function retryAfterMs(h: Headers): number | null {
  const ms = Number(h.get('retry-after-ms'));
  if (h.get('retry-after-ms') && Number.isFinite(ms) && ms >= 0) return ms;
  const v = h.get('retry-after');
  if (!v) return null;
  if (/^\d+(\.\d+)?$/.test(v.trim())) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}
