/**
 * A local stand-in of OpenAI's Chat Completions endpoint (`POST /v1/chat/completions`) for tests,
 * strict where OpenAI is: a bearer API key, a JSON body, a known model, messages of role system,
 * user or assistant with text content, max_tokens (or max_completion_tokens, not both) between 1
 * and the model's answer limit, temperature within 0..2, a prompt that fits the context window,
 * no arguments OpenAI does not know. It answers in OpenAI's shape (`choices[0].message.content`,
 * `usage`) and with OpenAI's error bodies (`{error: {message, type, param, code}}`), only
 * unstreamed answers. Tests can make it slow, fail with a status (429 with Retry-After, 500,
 * 503), leave usage out or report set figures; it records every request, raw body included, and
 * whether the client gave up on it before the answer (an abort).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../../platform/testing/standin-server.js';

export type StandinLlmRequest = {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  /** The body exactly as received. */
  raw: string;
  /** The parsed body when it was JSON. */
  body: Record<string, unknown> | null;
  status: number;
  /** The client dropped the request before the answer was sent. */
  aborted: boolean;
  receivedAt: number;
};

export type StandinLlmFault = { status: 429 | 500 | 502 | 503; times?: number; retryAfterSeconds?: number };

type Message = { role: string; content: string };
type ApiError = { status: number; message: string; type: string; param?: string | null; code?: string | null };

const ROLES = new Set(['system', 'user', 'assistant']);
const KNOWN_ARGS = new Set(['model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'stream', 'top_p', 'n', 'stop', 'user']);

/** The stand-in's own token count: words, numbers and punctuation marks, plus OpenAI's per-message overhead. */
export function standinTokens(text: string): number {
  return text.match(/[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]/gu)?.length ?? 0;
}

export class OpenAiStandin {
  apiKey = 'sk-test-0123456789abcdef';
  /** Models the account may use, with the most tokens an answer may have. */
  models: Record<string, { maxOutput: number; context: number }> = { 'gpt-4o-mini': { maxOutput: 16_384, context: 128_000 } };
  readonly requests: StandinLlmRequest[] = [];
  faults: StandinLlmFault[] = [];
  /** How long to think before answering, ms. */
  delayMs = 0;
  /** Usage as measured (default), left out of the answer, or these figures. */
  usage: 'measured' | 'omit' | { prompt_tokens: number; completion_tokens: number } = 'measured';
  /** What the model says. */
  reply: (messages: Message[]) => string = () => 'I understand; many families feel the same at first. May I tell you about the scholarship?';

  private readonly http = new StandinServer((req, res) => this.handle(req, res));
  private seq = 0;

  /** The base URL to configure (LLM_BASE_URL), /v1 included as OpenAI's is. */
  get url(): string {
    return `${this.http.url}/v1`;
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Every message text the stand-in was sent, across all requests. */
  prompts(): string[] {
    return this.requests.flatMap((r) => {
      const m = r.body?.messages;
      return Array.isArray(m) ? m.map((x) => String((x as { content?: unknown }).content)) : [];
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const entry: StandinLlmRequest = {
      method: req.method ?? '',
      path: (req.url ?? '').split('?')[0] ?? '',
      headers: req.headers,
      raw,
      body: null,
      status: 0,
      aborted: false,
      receivedAt: Date.now(),
    };
    this.requests.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.aborted = true;
    });
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };
    const fail = (e: ApiError, headers?: Record<string, string>) =>
      send(e.status, { error: { message: e.message, type: e.type, param: e.param ?? null, code: e.code ?? null } }, headers);

    if (entry.method !== 'POST' || entry.path !== '/v1/chat/completions') {
      return fail({ status: 404, message: `Invalid URL (${entry.method} ${entry.path})`, type: 'invalid_request_error' });
    }
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ')) {
      return fail({
        status: 401,
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        type: 'invalid_request_error',
      });
    }
    if (auth.slice(7) !== this.apiKey) {
      return fail({ status: 401, message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' });
    }
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim();
    if (contentType !== 'application/json') {
      return fail({
        status: 400,
        message: `Invalid Content-Type header (${contentType || 'none'}), expected application/json.`,
        type: 'invalid_request_error',
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return fail({ status: 400, message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' });
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      return fail({ status: 400, message: 'The body of your request must be a JSON object.', type: 'invalid_request_error' });
    }
    entry.body = body as Record<string, unknown>;
    const problem = this.check(entry.body);
    if (problem) return fail(problem);

    // Vendor-side failures come after the request is accepted, as OpenAI's do.
    const fault = this.faults[0];
    if (fault) {
      if (fault.times !== undefined && --fault.times <= 0) this.faults.shift();
      return fail(
        fault.status === 429
          ? { status: 429, message: 'Rate limit reached for requests per min (RPM). Please try again shortly.', type: 'requests', code: 'rate_limit_exceeded' }
          : { status: fault.status, message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error' },
        fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) },
      );
    }

    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (res.destroyed) return;
    const b = entry.body;
    const messages = b.messages as Message[];
    const limit = (b.max_tokens ?? b.max_completion_tokens) as number | undefined;
    let text = this.reply(messages);
    let finish = 'stop';
    if (limit !== undefined && standinTokens(text) > limit) {
      // Cut at the limit, as the model would stop mid-sentence.
      let cut = '';
      for (const piece of text.match(/[\p{L}\p{M}]+|\p{N}+|[^\s\p{L}\p{M}\p{N}]|\s+/gu) ?? []) {
        if (standinTokens(cut + piece) > limit) break;
        cut += piece;
      }
      text = cut.trimEnd();
      finish = 'length';
    }
    const prompt = promptTokens(messages);
    const completion = standinTokens(text);
    const usage =
      this.usage === 'omit'
        ? undefined
        : this.usage === 'measured'
          ? { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion }
          : { ...this.usage, total_tokens: this.usage.prompt_tokens + this.usage.completion_tokens };
    send(200, {
      id: `chatcmpl-standin${++this.seq}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: b.model,
      choices: [{ index: 0, message: { role: 'assistant', content: text, refusal: null }, logprobs: null, finish_reason: finish }],
      ...(usage ? { usage } : {}),
      system_fingerprint: 'fp_standin',
    });
  }

  /** What OpenAI would refuse in the body, or null. */
  private check(b: Record<string, unknown>): ApiError | null {
    const bad = (message: string, param: string | null, code: string | null = 'invalid_value'): ApiError => ({
      status: 400,
      message,
      type: 'invalid_request_error',
      param,
      code,
    });
    const unknown = Object.keys(b).find((k) => !KNOWN_ARGS.has(k));
    if (unknown) return bad(`Unrecognized request argument supplied: ${unknown}`, null, null);
    if (typeof b.model !== 'string' || b.model === '') return bad('you must provide a model parameter', null, null);
    const model = this.models[b.model];
    if (!model) {
      return {
        status: 404,
        message: `The model \`${b.model}\` does not exist or you do not have access to it.`,
        type: 'invalid_request_error',
        code: 'model_not_found',
      };
    }
    if (b.messages === undefined) return bad("Missing required parameter: 'messages'.", 'messages', 'missing_required_parameter');
    if (!Array.isArray(b.messages)) return bad("Invalid type for 'messages': expected an array.", 'messages', 'invalid_type');
    if (b.messages.length === 0) return bad("Invalid 'messages': empty array. Expected an array with minimum length 1.", 'messages', 'empty_array');
    for (const [i, m] of (b.messages as unknown[]).entries()) {
      if (!m || typeof m !== 'object') return bad(`Invalid type for 'messages[${i}]': expected an object.`, `messages[${i}]`, 'invalid_type');
      const { role, content, ...rest } = m as Record<string, unknown>;
      if (typeof role !== 'string' || !ROLES.has(role)) {
        return bad(`Invalid value: '${String(role)}'. Supported values are: 'system', 'assistant' and 'user'.`, `messages[${i}].role`);
      }
      if (typeof content !== 'string') return bad(`Invalid type for 'messages[${i}].content': expected a string.`, `messages[${i}].content`, 'invalid_type');
      const extra = Object.keys(rest).find((k) => k !== 'name');
      if (extra) return bad(`Unrecognized request argument supplied: messages[${i}].${extra}`, `messages[${i}].${extra}`, null);
    }
    if (b.max_tokens !== undefined && b.max_completion_tokens !== undefined) {
      return bad('max_tokens and max_completion_tokens cannot both be set.', 'max_tokens');
    }
    for (const name of ['max_tokens', 'max_completion_tokens'] as const) {
      const v = b[name];
      if (v === undefined || v === null) continue;
      if (typeof v !== 'number' || !Number.isInteger(v)) return bad(`Invalid type for '${name}': expected an integer.`, name, 'invalid_type');
      if (v < 1) return bad(`Invalid '${name}': integer below minimum value. Expected a value >= 1, but got ${v} instead.`, name, 'integer_below_min_value');
      if (v > model.maxOutput) {
        return bad(`${name} is too large: ${v}. This model supports at most ${model.maxOutput} completion tokens, whereas you provided ${v}.`, name);
      }
    }
    if (b.temperature !== undefined && (typeof b.temperature !== 'number' || b.temperature < 0 || b.temperature > 2)) {
      return bad(`Invalid 'temperature': expected a number between 0 and 2, but got ${JSON.stringify(b.temperature)}.`, 'temperature');
    }
    if (b.stream === true) return bad('This stand-in answers unstreamed requests only (stream: false).', 'stream');
    const asked = promptTokens(b.messages as Message[]) + ((b.max_tokens ?? b.max_completion_tokens ?? 0) as number);
    if (asked > model.context) {
      return bad(
        `This model's maximum context length is ${model.context} tokens. However, you requested ${asked} tokens.`,
        'messages',
        'context_length_exceeded',
      );
    }
    return null;
  }
}

function promptTokens(messages: Message[]): number {
  return messages.reduce((n, m) => n + 4 + standinTokens(m.content), 3);
}
