/**
 * A local stand-in for Deepgram's live transcription websocket (v1 listen), for tests. It checks
 * what Deepgram checks (the Token, the query), hears the audio the way Deepgram would (decodes it
 * by the declared encoding, splits channels when multichannel=true and mixes them otherwise, finds
 * where someone speaks, refuses noise as speech), and answers in Deepgram's documented shapes
 * (deepgram.messages.ts): interim Results while a voice goes on, is_final pieces and the
 * speech_final one when it has been silent for `endpointing` ms, Metadata and a 1000 close after
 * CloseStream, a NET-0001 close after 10 s with neither audio nor KeepAlive.
 *
 * It also takes recordings as the pre-recorded API does (POST /v1/listen, the file as the body):
 * it checks the Token, the query, an audio Content-Type and a WAV file that parses, splits the
 * channels when multichannel=true (mixes them otherwise), finds each channel's utterances (sound
 * split where it pauses `utt_split` seconds, 0.8 by default) and answers them in the documented
 * shape (results.channels and, with utterances=true, results.utterances naming their channel).
 * `failNext` answers the next requests with an error status instead (429, 5xx, ...).
 *
 * What it cannot do is recognise words: the test says what each channel will say, in order
 * (`script`), and each utterance heard on a channel is answered with the next line. Audio on the
 * wrong channel, garbled, or cut in the wrong places therefore shows up as wrong or missing lines.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { decodeAudio, parseWav, wavChannels } from '../../audio.js';
import { lowBandShare, soundRegions } from '../../testing/speech-checks.js';

export type ScriptLine = { text: string; language?: string };

export type DeepgramConnection = {
  query: URLSearchParams;
  audioBytes: number;
  keepAlives: number;
  closeStreams: number;
  /** Per channel: the utterances heard (ms from this connection's start) and whether each sounded like speech. */
  heard: { channel: number; startMs: number; endMs: number; speech: boolean }[];
  sent: Record<string, unknown>[];
  closedWith: number | null;
};

/** A recording posted to the pre-recorded API, as the stand-in took it. */
export type DeepgramFileRequest = {
  query: URLSearchParams;
  contentType: string | null;
  channels: number;
  sampleRate: number;
  durationMs: number;
  /** The utterances it answered (channel, ms from the file's start, text). */
  utterances: { channel: number; startMs: number; endMs: number; text: string }[];
};

const KNOWN_LANGUAGES = new Set(['en', 'en-IN', 'en-US', 'hi', 'hi-Latn', 'multi']);
const BOOL = new Set(['true', 'false']);
const FRAME_MS = 20;
const VOICE_DB = -40;

type ChannelState = {
  samples: number;
  inVoice: boolean;
  startMs: number;
  lastVoiceMs: number;
  voiced: Int16Array[];
  nextInterimMs: number;
  line: ScriptLine | null;
};

export class DeepgramStandin {
  readonly apiKey = `dg-${Math.random().toString(36).slice(2)}`;
  readonly connections: DeepgramConnection[] = [];
  /** Lines each channel will say, in order (channel index -> lines). A mixed (not multichannel) stream uses channel 0's. */
  script: ScriptLine[][] = [[], []];
  /** Cuts the next connection abruptly once it has had this much audio (ms), once. */
  dropAfterMs: number | null = null;
  silenceTimeoutMs = 10_000;
  /** Recordings posted (answered or refused after the checks). */
  readonly files: DeepgramFileRequest[] = [];
  /** Refusals of posted recordings, with why. */
  readonly refused: { status: number; message: string }[] = [];
  /** The next pre-recorded requests are answered with these statuses, in order (and `retry-after` when given). */
  failNext: { status: number; retryAfter?: string }[] = [];
  private server: Server | null = null;
  private readonly wss = new WebSocketServer({ noServer: true });

  get url(): string {
    const address = this.server?.address() as AddressInfo | undefined;
    if (!address) throw new Error('the Deepgram stand-in is not started');
    return `ws://127.0.0.1:${address.port}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => void this.prerecorded(req, res));
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    for (const c of this.wss.clients) c.terminate();
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    }
  }

  private refuse(socket: Duplex, status: number, reason: string, error: string) {
    const body = JSON.stringify({ err_code: error, err_msg: reason, request_id: 'standin' });
    socket.end(
      `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Bad Request'}\r\ndg-error: ${reason}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  }

  private fail(res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) {
    this.refused.push({ status, message });
    res
      .writeHead(status, { 'content-type': 'application/json', 'dg-error': message, ...headers })
      .end(JSON.stringify({ err_code: code, err_msg: message, request_id: 'standin' }));
  }

  /** The pre-recorded API: the whole file in, every utterance out. */
  private async prerecorded(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://standin');
    if (req.method !== 'POST' || url.pathname !== '/v1/listen') return this.fail(res, 404, 'NOT_FOUND', 'Not found');
    if (req.headers.authorization !== `Token ${this.apiKey}`) return this.fail(res, 401, 'INVALID_AUTH', 'Invalid credentials.');
    const fault = this.failNext.shift();
    if (fault) {
      const code = fault.status === 429 ? 'TOO_MANY_REQUESTS' : 'INTERNAL_SERVER_ERROR';
      return this.fail(res, fault.status, code, 'Injected fault', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    const q = url.searchParams;
    const problem = checkFileQuery(q);
    if (problem) return this.fail(res, 400, 'Bad Request', problem);
    const contentType = req.headers['content-type'] ?? null;
    // A JSON body names a URL to fetch; raw bytes must say they are audio (the exact status of this refusal is not documented).
    if (!contentType?.startsWith('audio/')) return this.fail(res, 400, 'Bad Request', `Content-Type ${contentType} is not an audio type`);
    let channels: Int16Array[];
    let rate: number;
    try {
      const wav = parseWav(body);
      rate = wav.sampleRate;
      channels = wavChannels(wav);
    } catch (err) {
      return this.fail(res, 400, 'Bad Request', `Bad Request: failed to process audio: corrupt or unsupported data (${(err as Error).message})`);
    }
    const multichannel = q.get('multichannel') === 'true';
    const heard = multichannel ? channels : [mix(channels)];
    const split = Number(q.get('utt_split') ?? 0.8) * 1000;
    const language = q.get('language');
    const utterances: DeepgramFileRequest['utterances'] = [];
    const words = heard.map((samples, channel) =>
      soundRegions(samples, rate, { joinMs: split }).flatMap((r) => {
        const audio = samples.subarray(Math.floor((r.startMs * rate) / 1000), Math.ceil((r.endMs * rate) / 1000));
        // Noise is not speech: no words.
        const line = lowBandShare(audio, rate) >= 0.5 ? (this.script[channel]?.shift() ?? { text: '' }) : { text: '' };
        const said = line.text.split(/\s+/).filter(Boolean);
        if (said.length === 0) return [];
        utterances.push({ channel, startMs: r.startMs, endMs: r.endMs, text: line.text });
        const step = (r.endMs - r.startMs) / said.length;
        return [
          said.map((w, i) => ({
            word: w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ''),
            start: (r.startMs + i * step) / 1000,
            end: (r.startMs + (i + 1) * step) / 1000,
            confidence: 0.91,
            punctuated_word: w,
            ...(language === 'multi' && line.language ? { language: line.language } : {}),
          })),
        ];
      }),
    );
    const durationMs = ((heard[0]?.length ?? 0) / rate) * 1000;
    this.files.push({ query: q, contentType, channels: channels.length, sampleRate: rate, durationMs, utterances: [...utterances] });
    const answer = {
      metadata: {
        transaction_key: 'deprecated',
        request_id: 'standin',
        sha256: 'standin',
        created: new Date().toISOString(),
        duration: durationMs / 1000,
        channels: heard.length,
        models: ['standin'],
        model_info: { standin: { name: q.get('model'), version: 'standin', arch: 'standin' } },
      },
      results: {
        channels: words.map((ws) => ({
          alternatives: [
            { transcript: ws.map((u) => u.map((w) => w.punctuated_word).join(' ')).join(' '), confidence: ws.length ? 0.91 : 0, words: ws.flat() },
          ],
        })),
        ...(q.get('utterances') === 'true'
          ? {
              utterances: words
                .flatMap((ws, channel) =>
                  ws.map((u, i) => ({
                    start: u[0]?.start ?? 0,
                    end: u[u.length - 1]?.end ?? 0,
                    confidence: 0.91,
                    channel,
                    transcript: u.map((w) => w.punctuated_word).join(' '),
                    words: u,
                    speaker: 0,
                    id: `standin-${channel}-${i}`,
                  })),
                )
                .sort((a, b) => a.start - b.start),
            }
          : {}),
      },
    };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://standin');
    if (url.pathname !== '/v1/listen') return this.refuse(socket, 404, 'Not found', 'NOT_FOUND');
    if (req.headers.authorization !== `Token ${this.apiKey}`) return this.refuse(socket, 401, 'Invalid credentials.', 'INVALID_AUTH');
    const q = url.searchParams;
    const problem = checkQuery(q);
    if (problem) return this.refuse(socket, 400, problem, 'Bad Request');
    this.wss.handleUpgrade(req, socket, head, (ws) => this.serve(ws, q));
  }

  private serve(ws: WebSocket, q: URLSearchParams) {
    const encoding = q.get('encoding') as 'mulaw' | 'linear16';
    const rate = Number(q.get('sample_rate'));
    const channels = Number(q.get('channels') ?? 1);
    const multichannel = q.get('multichannel') === 'true';
    const interim = q.get('interim_results') === 'true';
    const endpointing = q.get('endpointing') === 'false' ? 10 : Number(q.get('endpointing') ?? 10);
    const bytesPerSample = encoding === 'mulaw' ? 1 : 2;
    const frameBytes = bytesPerSample * channels;
    const frameSamples = (rate * FRAME_MS) / 1000;
    const conn: DeepgramConnection = { query: q, audioBytes: 0, keepAlives: 0, closeStreams: 0, heard: [], sent: [], closedWith: null };
    this.connections.push(conn);
    const heardChannels = multichannel ? channels : 1;
    const states: ChannelState[] = Array.from({ length: heardChannels }, () => ({
      samples: 0,
      inVoice: false,
      startMs: 0,
      lastVoiceMs: 0,
      voiced: [],
      nextInterimMs: 0,
      line: null,
    }));
    const pending: Int16Array[][] = Array.from({ length: heardChannels }, () => []);
    let carry = Buffer.alloc(0);
    let lastActivity = Date.now();
    const drop = this.dropAfterMs;
    if (drop !== null) this.dropAfterMs = null;

    const send = (m: Record<string, unknown>) => {
      conn.sent.push(m);
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(m));
    };
    const results = (channel: number, startMs: number, endMs: number, text: string, flags: { is_final: boolean; speech_final: boolean }, language?: string) => {
      const words = text ? text.split(/\s+/) : [];
      const step = words.length ? (endMs - startMs) / words.length : 0;
      send({
        type: 'Results',
        channel_index: [channel, multichannel ? channels : 1],
        start: startMs / 1000,
        duration: (endMs - startMs) / 1000,
        ...flags,
        from_finalize: false,
        channel: {
          alternatives: [
            {
              transcript: text,
              confidence: text ? 0.93 : 0,
              words: words.map((w, i) => ({
                word: w.toLowerCase().replace(/[^\p{L}\p{N}']/gu, ''),
                start: (startMs + i * step) / 1000,
                end: (startMs + (i + 1) * step) / 1000,
                confidence: 0.93,
                punctuated_word: w,
                ...(language ? { language } : {}),
              })),
              ...(q.get('language') === 'multi' && language ? { languages: [language] } : {}),
            },
          ],
        },
        metadata: { request_id: 'standin', model_info: { name: q.get('model') }, model_uuid: 'standin' },
      });
    };
    const lineFor = (channel: number): ScriptLine => this.script[channel]?.shift() ?? { text: '' };

    const endUtterance = (channel: number, s: ChannelState) => {
      s.inVoice = false;
      const audio = concat(s.voiced);
      s.voiced = [];
      const speech = lowBandShare(audio, rate) >= 0.5;
      const endMs = s.lastVoiceMs;
      conn.heard.push({ channel, startMs: s.startMs, endMs, speech });
      // Noise is not speech: Deepgram answers it with an empty transcript.
      const line = speech ? (s.line ?? lineFor(channel)) : { text: '' };
      s.line = null;
      const words = line.text ? line.text.split(/\s+/) : [];
      if (words.length > 3 && endMs - s.startMs > 1500) {
        // A long utterance settles in two is_final pieces; the second carries speech_final.
        const mid = Math.floor(words.length / 2);
        const midMs = s.startMs + ((endMs - s.startMs) * mid) / words.length;
        results(channel, s.startMs, midMs, words.slice(0, mid).join(' '), { is_final: true, speech_final: false }, line.language);
        results(channel, midMs, endMs, words.slice(mid).join(' '), { is_final: true, speech_final: true }, line.language);
      } else results(channel, s.startMs, endMs, line.text, { is_final: true, speech_final: true }, line.language);
    };

    const hear = (channel: number, samples: Int16Array) => {
      const s = states[channel];
      if (!s) return;
      for (let at = 0; at + frameSamples <= samples.length; at += frameSamples) {
        const frame = samples.subarray(at, at + frameSamples);
        const ms = (s.samples * 1000) / rate;
        s.samples += frameSamples;
        let sum = 0;
        for (const v of frame) sum += (v / 32768) ** 2;
        const voiced = 10 * Math.log10(sum / frame.length + 1e-12) > VOICE_DB;
        if (voiced) {
          if (!s.inVoice) {
            s.inVoice = true;
            s.startMs = ms;
            s.nextInterimMs = ms + 600;
          }
          s.lastVoiceMs = ms + FRAME_MS;
          s.voiced.push(frame.slice());
        } else if (s.inVoice) {
          s.voiced.push(frame.slice());
          if (ms + FRAME_MS - s.lastVoiceMs >= endpointing) endUtterance(channel, s);
        }
        if (s.inVoice && interim && ms >= s.nextInterimMs) {
          s.nextInterimMs += 600;
          s.line ??= lineFor(channel);
          const words = s.line.text.split(/\s+/).filter(Boolean);
          const said = Math.max(1, Math.min(words.length, Math.round(((ms - s.startMs) / 1000) * 2.5)));
          if (words.length) results(channel, s.startMs, ms, words.slice(0, said).join(' '), { is_final: false, speech_final: false }, s.line.language);
        }
      }
    };

    const watchdog = setInterval(() => {
      if (Date.now() - lastActivity > this.silenceTimeoutMs) {
        conn.closedWith = 1011;
        ws.close(1011, 'NET-0001');
      }
    }, 200);

    ws.on('message', (data, isBinary) => {
      lastActivity = Date.now();
      if (!isBinary) {
        let m: { type?: string } = {};
        try {
          m = JSON.parse(data.toString()) as { type?: string };
        } catch {
          conn.closedWith = 1008;
          ws.close(1008, 'DATA-0000');
          return;
        }
        if (m.type === 'KeepAlive') conn.keepAlives++;
        else if (m.type === 'CloseStream') {
          conn.closeStreams++;
          states.forEach((s, c) => {
            if (s.inVoice) endUtterance(c, s);
          });
          send({ type: 'Metadata', request_id: 'standin', channels, duration: (states[0]?.samples ?? 0) / rate, created: new Date().toISOString() });
          conn.closedWith = 1000;
          ws.close(1000);
        }
        return;
      }
      const bytes = Buffer.concat([carry, data as Buffer]);
      const whole = bytes.length - (bytes.length % frameBytes);
      carry = bytes.subarray(whole);
      conn.audioBytes += whole;
      const decoded = decodeAudio(encoding, bytes.subarray(0, whole));
      // Deinterleave (multichannel) or mix (otherwise) the channels, then listen per channel.
      const n = decoded.length / channels;
      for (let c = 0; c < heardChannels; c++) {
        const out = new Int16Array(n);
        for (let i = 0; i < n; i++) {
          if (multichannel) out[i] = decoded[i * channels + c] ?? 0;
          else {
            let sum = 0;
            for (let k = 0; k < channels; k++) sum += decoded[i * channels + k] ?? 0;
            out[i] = Math.round(sum / channels);
          }
        }
        pending[c]?.push(out);
        const all = concat(pending[c] ?? []);
        const usable = all.length - (all.length % frameSamples);
        hear(c, all.subarray(0, usable));
        pending[c] = [all.slice(usable)];
      }
      if (drop !== null && (conn.audioBytes / frameBytes / rate) * 1000 >= drop) {
        conn.closedWith = -1;
        ws.terminate();
      }
    });
    ws.on('close', () => clearInterval(watchdog));
  }
}

function checkQuery(q: URLSearchParams): string | null {
  if (!q.get('model')) return 'model is required';
  const encoding = q.get('encoding');
  if (encoding !== 'mulaw' && encoding !== 'linear16') return `encoding ${encoding} is not supported for raw audio`;
  const rate = Number(q.get('sample_rate'));
  if (!Number.isInteger(rate) || rate < 8000 || rate > 48000) return 'sample_rate is required with encoding';
  const channels = Number(q.get('channels') ?? '1');
  if (!Number.isInteger(channels) || channels < 1 || channels > 8) return 'channels must be a positive integer';
  for (const name of ['multichannel', 'interim_results', 'punctuate', 'smart_format']) {
    const v = q.get(name);
    if (v !== null && !BOOL.has(v)) return `${name} must be true or false`;
  }
  const language = q.get('language');
  if (language !== null && !KNOWN_LANGUAGES.has(language)) return `language ${language} is not supported`;
  const endpointing = q.get('endpointing');
  if (endpointing !== null && endpointing !== 'false' && !/^\d+$/.test(endpointing)) return 'endpointing must be a number of ms or false';
  return null;
}

/** What the pre-recorded API checks of its query. */
function checkFileQuery(q: URLSearchParams): string | null {
  if (!q.get('model')) return 'model is required';
  for (const name of ['multichannel', 'utterances', 'punctuate', 'smart_format', 'detect_language', 'diarize']) {
    const v = q.get(name);
    if (v !== null && !BOOL.has(v)) return `${name} must be true or false`;
  }
  const language = q.get('language');
  if (language !== null && !KNOWN_LANGUAGES.has(language)) return `language ${language} is not supported`;
  const split = q.get('utt_split');
  if (split !== null && !(Number(split) > 0)) return 'utt_split must be a positive number of seconds';
  return null;
}

/** The channels mixed into one, as Deepgram hears a file without multichannel. */
function mix(channels: Int16Array[]): Int16Array {
  const n = channels[0]?.length ?? 0;
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (const c of channels) sum += c[i] ?? 0;
    out[i] = Math.round(sum / Math.max(1, channels.length));
  }
  return out;
}

function concat(parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
