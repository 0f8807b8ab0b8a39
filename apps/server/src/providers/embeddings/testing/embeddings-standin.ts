/**
 * A local stand-in of OpenAI's embeddings endpoint (`POST /v1/embeddings`) for tests, strict where
 * OpenAI is: a bearer key, a JSON body with a known model and `input` a non-empty string or array
 * of non-empty strings (at most 2,048), no arguments OpenAI does not know; answered in OpenAI's
 * shape (`{object: 'list', data: [{object: 'embedding', index, embedding}], model, usage}`) and with
 * OpenAI's error bodies. Its vectors carry meaning the way a model's do, on a small scale: words
 * map to concepts (fees, expensive, money, फीस... to cost), so texts about the same thing point the
 * same way though they share no word.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../platform/testing/standin-server.js';

const CONCEPTS: Record<string, string[]> = {
  cost: ['fee', 'fees', 'expensive', 'money', 'afford', 'price', 'costly', 'cost', 'paisa', 'paise', 'फीस', 'महंगा', 'पैसे'],
  family: ['father', 'mother', 'parents', 'family', 'papa', 'ghar', 'परिवार', 'पापा'],
  place: ['hostel', 'campus', 'far', 'travel', 'distance', 'door', 'हॉस्टल'],
  time: ['busy', 'time', 'later', 'tomorrow', 'kal', 'समय'],
};
const DIMS = Object.keys(CONCEPTS).length + 8;
const KNOWN_ARGS = new Set(['model', 'input', 'encoding_format', 'dimensions', 'user']);

function vectorOf(text: string): number[] {
  const v = new Array<number>(DIMS).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  for (const w of words) {
    const c = Object.values(CONCEPTS).findIndex((list) => list.includes(w));
    if (c >= 0) v[c] = (v[c] ?? 0) + 1;
    // A little of every word elsewhere, as real models spread meaning.
    let h = 0;
    for (const ch of w) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
    const i = Object.keys(CONCEPTS).length + (h % 8);
    v[i] = (v[i] ?? 0) + 0.1;
  }
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

export class EmbeddingsStandin {
  apiKey = 'sk-embed-0123456789';
  models = new Set(['text-embedding-3-small']);
  readonly requests: { path: string; body: Record<string, unknown> | null; status: number }[] = [];
  /** Fail the next requests with this status. */
  failNext: { status: 500 | 429; times: number } | null = null;
  private readonly http = new StandinServer((req, res) => this.handle(req, res));

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

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const path = (req.url ?? '').split('?')[0] ?? '';
    const entry = { path, body: null as Record<string, unknown> | null, status: 0 };
    this.requests.push(entry);
    const send = (status: number, payload: unknown) => {
      entry.status = status;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const fail = (status: number, message: string, type = 'invalid_request_error', param: string | null = null) =>
      send(status, { error: { message, type, param, code: null } });
    if (req.method !== 'POST' || path !== '/v1/embeddings') return fail(404, `Invalid URL (${req.method} ${path})`);
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return fail(401, 'Incorrect API key provided.', 'invalid_request_error');
    if (this.failNext && this.failNext.times > 0) {
      this.failNext.times--;
      return fail(this.failNext.status, 'The server had an error while processing your request.', 'server_error');
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return fail(400, 'We could not parse the JSON body of your request.');
    }
    entry.body = body;
    for (const k of Object.keys(body)) if (!KNOWN_ARGS.has(k)) return fail(400, `Unrecognized request argument supplied: ${k}`);
    if (typeof body.model !== 'string' || !this.models.has(body.model))
      return fail(404, `The model \`${String(body.model)}\` does not exist`, 'invalid_request_error', 'model');
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(input) || input.length === 0 || input.length > 2048 || !input.every((x) => typeof x === 'string' && x.length > 0))
      return fail(
        400,
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        'invalid_request_error',
        'input',
      );
    const data = (input as string[]).map((text, index) => ({ object: 'embedding', index, embedding: vectorOf(text) }));
    const tokens = (input as string[]).reduce((n, t) => n + Math.ceil(t.length / 4), 0);
    send(200, { object: 'list', data: [...data].reverse(), model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }
}
