/**
 * A local stand-in for an OpenAI-compatible transcription endpoint (POST /v1/audio/transcriptions),
 * for tests. It checks what the endpoint checks: the bearer key, a multipart body with a `file` of
 * a known audio type and a `model` it serves, `response_format` and `language` values; then the
 * file itself as a decoder would: a valid RIFF/WAVE header (PCM, 16-bit, mono, 8 or 16 kHz, sizes
 * and rates that agree), at least 0.1 s long; and whether it holds speech. It answers
 * {"text": ...} (or OpenAI's {"error": {...}} shape) after an optional delay (a slow engine).
 *
 * It cannot recognise words: the test says what will be said, in order (`script`), and each file
 * that holds speech is answered with the next line; noise is answered with empty text, as Whisper
 * answers silence. When files may arrive in any order (a recording's utterances sent a few at
 * once), `hear` answers instead: the test knows the audio it made and says what was said in it.
 * `failNext` answers the next requests with an error status (429, 5xx, 401, ...). `requests`
 * keeps what came, for the test to check the cuts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../../platform/testing/standin-server.js';
import { linear16ToPcm, parseWav } from '../../audio.js';
import { lowBandShare, soundRegions } from '../../testing/speech-checks.js';

export type TranscriptionRequest = {
  model: string;
  language: string | null;
  responseFormat: string;
  sampleRate: number;
  durationMs: number;
  /** Sound in the file (ms) by the stand-in's own fixed-threshold reading. */
  soundMs: number;
  speech: boolean;
  text: string;
  receivedAt: number;
};

const AUDIO_EXTENSIONS = new Set(['flac', 'mp3', 'mp4', 'mpeg', 'mpga', 'm4a', 'ogg', 'wav', 'webm']);
const FORMATS = new Set(['json', 'text', 'srt', 'verbose_json', 'vtt']);

type Part = { name: string; filename: string | null; contentType: string | null; body: Buffer };

export class OpenAiSttStandin {
  readonly apiKey = `sk-standin-${Math.random().toString(36).slice(2)}`;
  readonly model = 'whisper-1';
  readonly requests: TranscriptionRequest[] = [];
  /** Refusals, with why, for the test to see none happened (or the expected one). */
  readonly refused: { status: number; message: string }[] = [];
  /** What will be said, in order. */
  script: string[] = [];
  /** Every answer waits this long (a slow engine). */
  delayMs = 0;
  /** Says what was said in a file that holds speech, in place of `script` (null: nothing). */
  hear: ((samples: Int16Array, sampleRate: number) => string | null) | null = null;
  /** The next requests are answered with these statuses, in order, after the key is checked. */
  failNext: number[] = [];
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

  private error(res: ServerResponse, status: number, message: string, code: string | null = null) {
    this.refused.push({ status, message });
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message, type: 'invalid_request_error', param: null, code } }));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.method !== 'POST' || req.url !== '/v1/audio/transcriptions') return this.error(res, 404, `Invalid URL (${req.method} ${req.url})`);
    if (req.headers.authorization !== `Bearer ${this.apiKey}`) return this.error(res, 401, 'Incorrect API key provided.', 'invalid_api_key');
    const fault = this.failNext.shift();
    if (fault !== undefined) {
      const [message, code] =
        fault === 429 ? ['Rate limit reached for requests', 'rate_limit_exceeded'] : ['The server had an error while processing your request.', null];
      return this.error(res, fault, message, code);
    }
    const boundary = /^multipart\/form-data;\s*boundary=(?:"([^"]+)"|([^;]+))/i.exec(req.headers['content-type'] ?? '');
    if (!boundary) return this.error(res, 400, 'Expected a multipart/form-data body');
    const parts = parseMultipart(body, boundary[1] ?? boundary[2] ?? '');
    if (!parts) return this.error(res, 400, 'Malformed multipart body');
    const field = (name: string) => parts.find((p) => p.name === name && p.filename === null)?.body.toString('utf8') ?? null;
    const file = parts.find((p) => p.name === 'file' && p.filename !== null);
    const model = field('model');
    if (!file) return this.error(res, 400, "you must provide a 'file' field");
    if (!model) return this.error(res, 400, "you must provide a 'model' parameter");
    if (model !== this.model) return this.error(res, 404, `The model '${model}' does not exist`, 'model_not_found');
    const ext = file.filename?.split('.').pop()?.toLowerCase() ?? '';
    if (!AUDIO_EXTENSIONS.has(ext)) return this.error(res, 400, `Invalid file format. Supported formats: ${[...AUDIO_EXTENSIONS].join(', ')}`);
    const format = field('response_format') ?? 'json';
    if (!FORMATS.has(format)) return this.error(res, 400, `response_format ${format} is not supported`);
    const language = field('language');
    if (language !== null && !/^[a-z]{2}$/.test(language)) return this.error(res, 400, `language ${language} is not an ISO-639-1 code`);
    let wav: ReturnType<typeof parseWav>;
    try {
      wav = parseWav(file.body);
    } catch (err) {
      return this.error(res, 400, `Invalid file: ${(err as Error).message}`);
    }
    const { format: pcm, channels, sampleRate, bitsPerSample, byteRate, blockAlign, data } = wav;
    if (pcm !== 1 || bitsPerSample !== 16 || channels !== 1 || (sampleRate !== 8000 && sampleRate !== 16000)) {
      return this.error(res, 400, `unexpected WAV format: format ${pcm}, ${channels} channels, ${bitsPerSample} bits, ${sampleRate} Hz`);
    }
    if (byteRate !== sampleRate * 2 || blockAlign !== 2 || data.length % 2 !== 0) return this.error(res, 400, 'WAV header sizes disagree');
    const samples = linear16ToPcm(data);
    const durationMs = (samples.length / sampleRate) * 1000;
    if (durationMs < 100) return this.error(res, 400, 'Audio file is too short. Minimum audio length is 0.1 seconds.', 'audio_too_short');
    const regions = soundRegions(samples, sampleRate);
    const speech = regions.length > 0 && lowBandShare(samples, sampleRate) >= 0.5;
    const text = speech ? (this.hear ? (this.hear(samples, sampleRate) ?? '') : (this.script.shift() ?? '')) : '';
    this.requests.push({
      model,
      language,
      responseFormat: format,
      sampleRate,
      durationMs,
      soundMs: regions.reduce((n, r) => n + r.endMs - r.startMs, 0),
      speech,
      text,
      receivedAt: Date.now(),
    });
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (format === 'text') return res.writeHead(200, { 'content-type': 'text/plain' }).end(text);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ text }));
  }
}

/** A strict multipart/form-data reader: every part needs a name; null when the body is malformed. */
function parseMultipart(body: Buffer, boundary: string): Part[] | null {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) return null;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    if (body.subarray(at, at + 2).toString() !== '\r\n') return null;
    const headerEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at);
    if (headerEnd < 0 || next < 0 || headerEnd > next) return null;
    const headers = body.subarray(at + 2, headerEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (!name) return null;
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null;
    const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? null;
    // The part's body ends before the CRLF that precedes the next delimiter.
    parts.push({ name, filename, contentType, body: body.subarray(headerEnd + 4, next - 2) });
    at = next;
  }
}
