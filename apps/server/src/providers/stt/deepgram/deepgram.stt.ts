/**
 * Deepgram's live transcription behind the STT port: one websocket a media stream, both channels
 * on it (multichannel, interleaved), interim results while someone speaks and one final result an
 * utterance (the is_final pieces up to speech_final). The socket is kept open while the stream is
 * silent (KeepAlive), closed with CloseStream at the end so Deepgram answers the audio still owed,
 * and reopened with backoff when it drops: Deepgram's clock restarts on the new socket, so each
 * socket's results are offset by the audio sent before it. Message shapes: deepgram.messages.ts.
 * A finished call's recording goes to the pre-recorded API instead (deepgram.prerecorded.ts).
 */
import WebSocket from 'ws';
import type { Logger } from '../../../platform/logging.js';
import { AudioTimeline, BYTES_PER_SAMPLE, silence } from '../audio.js';
import { SttError, type SttProvider, type SttResult, type SttStream, type SttStreamOptions } from '../stt.port.js';
import { type DeepgramResults, listenQuery, readDeepgramMessage } from './deepgram.messages.js';
import { type DeepgramFileOptions, transcribeDeepgramFile } from './deepgram.prerecorded.js';

export type DeepgramOptions = {
  apiKey: string;
  /** wss://api.deepgram.com (an http(s) base is read as ws(s)). */
  baseUrl: string;
  model: string;
  /** Silence that ends an utterance, ms (Deepgram's `endpointing`). */
  endpointingMs: number;
  logger: Logger;
  /** KeepAlive after this long without audio; Deepgram closes after 10 s. Default 4000. */
  keepAliveMs?: number;
  /** Reconnects in a row before the stream gives up. Default 5. */
  maxReconnects?: number;
  /** First reconnect delay, doubled each time up to 5 s. Default 250. */
  backoffMs?: number;
  /** How long end() waits for Deepgram's last results. Default 5000. */
  endTimeoutMs?: number;
  /** How recordings are posted to the pre-recorded API (time-out, retries). */
  files?: Pick<DeepgramFileOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'maxRetryAfterMs'>;
};

/** A channel this far ahead of the other is sent with the other padded by silence (a track that went quiet). */
const MAX_SKEW_MS = 300;
/** Audio is sent in pieces of at least this much (Deepgram suggests 20-100 ms). */
const SEND_MS = 20;

type Utterance = { parts: string[]; startMs: number | null; endMs: number; language: string | null; confidence: number[] };

export function createDeepgramProvider(opts: DeepgramOptions): SttProvider {
  const base = opts.baseUrl.replace(/^http/, 'ws').replace(/\/+$/, '');
  return {
    name: 'deepgram',
    transcribesAudio: true,
    interimResults: true,
    detectsLanguage: true,
    multichannel: true,
    transcribesFiles: true,
    open: (stream) => openStream(`${base}/v1/listen?${listenQuery({ ...stream, model: opts.model, endpointingMs: opts.endpointingMs })}`, opts, stream),
    transcribeFile: (wav, file) =>
      transcribeDeepgramFile({ apiKey: opts.apiKey, baseUrl: opts.baseUrl, model: opts.model, logger: opts.logger, ...opts.files }, wav, file),
  };
}

function openStream(url: string, opts: DeepgramOptions, s: SttStreamOptions): SttStream {
  const log = opts.logger.child({ stt: 'deepgram', stream: s.label });
  const bytesPerSample = BYTES_PER_SAMPLE[s.encoding];
  const frameBytes = bytesPerSample * s.channels;
  const samplesPerMs = s.sampleRate / 1000;
  const keepAliveMs = opts.keepAliveMs ?? 4000;
  const maxReconnects = opts.maxReconnects ?? 5;
  const timelines = Array.from({ length: s.channels }, () => new AudioTimeline(s.sampleRate));
  /** Per channel: audio not yet interleaved. */
  const pending: Buffer[][] = Array.from({ length: s.channels }, () => []);
  const pendingSamples = new Array<number>(s.channels).fill(0);
  /** Interleaved audio waiting for an open socket. */
  const outbox: Buffer[] = [];
  let outboxBytes = 0;
  /** Samples a channel sent on sockets before the current one: its results start there. */
  let sentBefore = 0;
  let sentOnSocket = 0;
  let socket: WebSocket | null = null;
  let open = false;
  let ending = false;
  let closed = false;
  let failures = 0;
  let lastSendAt = Date.now();
  let reconnectTimer: NodeJS.Timeout | null = null;
  let endDone: (() => void) | null = null;
  const utterances: Utterance[] = Array.from({ length: s.channels }, () => ({ parts: [], startMs: null, endMs: 0, language: null, confidence: [] }));
  const fixedLanguage = s.language === 'multi' ? null : s.language;

  const keepAlive = setInterval(
    () => {
      if (open && socket && Date.now() - lastSendAt >= keepAliveMs) {
        socket.send(JSON.stringify({ type: 'KeepAlive' }));
        lastSendAt = Date.now();
      }
    },
    Math.max(250, Math.floor(keepAliveMs / 2)),
  );
  keepAlive.unref();

  function fail(err: Error) {
    if (closed) return;
    shut();
    s.onError(err);
  }

  function shut() {
    closed = true;
    clearInterval(keepAlive);
    if (reconnectTimer) clearTimeout(reconnectTimer);
    const ws = socket;
    socket = null;
    open = false;
    if (ws && ws.readyState !== WebSocket.CLOSED) ws.terminate();
    endDone?.();
  }

  function connect() {
    if (closed) return;
    const ws = new WebSocket(url, { headers: { Authorization: `Token ${opts.apiKey}` }, handshakeTimeout: 10_000 });
    socket = ws;
    sentBefore += sentOnSocket;
    sentOnSocket = 0;
    ws.on('unexpected-response', (req, res) => {
      const status = res.statusCode ?? 0;
      const reason = String(res.headers['dg-error'] ?? res.statusMessage ?? '');
      req.destroy();
      res.resume();
      // Credentials, the query or the account: trying again cannot help.
      if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
        fail(new SttError(`Deepgram refused the stream: ${status} ${reason}`.trim(), status, false));
        return;
      }
      retry(new SttError(`Deepgram answered ${status} ${reason}`.trim(), status, true));
    });
    ws.on('open', () => {
      if (socket !== ws) return;
      open = true;
      failures = 0;
      for (const chunk of outbox.splice(0)) send(chunk);
      outboxBytes = 0;
      if (ending) finish();
    });
    ws.on('message', (data, isBinary) => {
      if (socket !== ws || isBinary) return;
      onMessage(data.toString());
    });
    ws.on('error', (err) => {
      if (socket === ws) log.debug({ err }, 'deepgram socket error');
    });
    ws.on('close', (code, reasonBuf) => {
      if (socket !== ws) return;
      open = false;
      const reason = reasonBuf.toString();
      if (ending) {
        flushAll();
        shut();
        return;
      }
      // 1008: Deepgram could not decode the audio; sending it again would fail the same way.
      if (code === 1008) fail(new SttError(`Deepgram closed the stream: ${code} ${reason}`.trim(), null, false));
      else retry(new SttError(`Deepgram closed the stream: ${code} ${reason}`.trim(), null, true));
    });
  }

  function retry(err: SttError) {
    if (closed) return;
    open = false;
    socket = null;
    // What was said up to the drop is settled as heard so far: the new socket starts afresh.
    flushAll();
    failures++;
    if (failures > maxReconnects) {
      fail(new SttError(`Deepgram: gave up after ${maxReconnects} reconnects (${err.message})`, err.status, false));
      return;
    }
    const wait = Math.min(5000, (opts.backoffMs ?? 250) * 2 ** (failures - 1));
    log.warn({ err: err.message, attempt: failures, retryInMs: wait }, 'deepgram stream dropped; reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, wait);
    reconnectTimer.unref();
  }

  function send(chunk: Buffer) {
    if (!open || !socket) {
      outbox.push(chunk);
      outboxBytes += chunk.length;
      return;
    }
    socket.send(chunk);
    sentOnSocket += chunk.length / frameBytes;
    lastSendAt = Date.now();
  }

  /** Interleaves what every channel has (padding a channel that fell silent) and sends it. */
  function pump(all: boolean) {
    if (s.channels === 1) {
      const chunk = Buffer.concat(pending[0] ?? []);
      if (pending[0]) pending[0].length = 0;
      pendingSamples[0] = 0;
      if (chunk.length > 0) send(chunk);
      return;
    }
    const most = Math.max(...pendingSamples);
    for (let c = 0; c < s.channels; c++) {
      const behind = most - (pendingSamples[c] ?? 0);
      if (behind > 0 && (all || behind > MAX_SKEW_MS * samplesPerMs)) {
        pending[c]?.push(silence(s.encoding, behind));
        pendingSamples[c] = most;
        timelines[c]?.append(behind, null);
      }
    }
    const n = Math.min(...pendingSamples);
    if (n === 0 || (!all && n < SEND_MS * samplesPerMs)) return;
    const sources = pending.map((chunks) => Buffer.concat(chunks));
    const out = Buffer.alloc(n * frameBytes);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < s.channels; c++) (sources[c] as Buffer).copy(out, i * frameBytes + c * bytesPerSample, i * bytesPerSample, (i + 1) * bytesPerSample);
    }
    for (let c = 0; c < s.channels; c++) {
      const rest = (sources[c] as Buffer).subarray(n * bytesPerSample);
      pending[c] = rest.length > 0 ? [rest] : [];
      pendingSamples[c] = (pendingSamples[c] ?? 0) - n;
    }
    send(out);
  }

  function emit(channel: number, u: Utterance, final: boolean, text: string, endMs: number) {
    const timeline = timelines[channel];
    if (!timeline || u.startMs === null) return;
    const result: SttResult = {
      channel,
      text,
      final,
      startMs: timeline.toStreamMs(u.startMs),
      endMs: timeline.toStreamMs(endMs),
      language: u.language ?? fixedLanguage,
      confidence: u.confidence.length ? u.confidence.reduce((a, b) => a + b, 0) / u.confidence.length : null,
    };
    s.onResult(result);
  }

  function flush(channel: number) {
    const u = utterances[channel];
    if (!u || u.parts.length === 0) return;
    emit(channel, u, true, u.parts.join(' '), u.endMs);
    timelines[channel]?.forget(u.endMs);
    utterances[channel] = { parts: [], startMs: null, endMs: 0, language: null, confidence: [] };
  }

  function flushAll() {
    for (let c = 0; c < s.channels; c++) flush(c);
  }

  function onResults(r: DeepgramResults) {
    const channel = r.channel_index[0] ?? 0;
    const u = utterances[channel];
    const alt = r.channel.alternatives[0];
    if (!u || !alt) return;
    const offsetMs = (sentBefore / s.sampleRate) * 1000;
    const text = alt.transcript.trim();
    const words = alt.words ?? [];
    const first = words[0];
    const last = words[words.length - 1];
    const startMs = offsetMs + (first ? first.start : r.start) * 1000;
    const endMs = offsetMs + (last ? last.end : r.start + r.duration) * 1000;
    const language = alt.languages?.[0] ?? words.find((w) => w.language)?.language ?? null;
    if (r.is_final) {
      if (text) {
        u.parts.push(text);
        u.startMs ??= startMs;
        u.endMs = endMs;
        u.language ??= language;
        if (alt.confidence !== undefined) u.confidence.push(alt.confidence);
      }
      if (r.speech_final || r.from_finalize) flush(channel);
      return;
    }
    if (!text) return;
    const interim: Utterance = { ...u, startMs: u.startMs ?? startMs, language: u.language ?? language };
    emit(channel, interim, false, [...u.parts, text].join(' '), endMs);
  }

  function onMessage(text: string) {
    const m = readDeepgramMessage(text);
    if (m.kind === 'results') onResults(m.results);
    else if (m.kind === 'utterance_end') flush(m.channel);
    else if (m.kind === 'malformed') log.warn({ reason: m.reason }, 'deepgram sent a message it does not document; ignored');
  }

  /** Everything written is sent; ask Deepgram for the rest and to close. */
  function finish() {
    pump(true);
    if (open && socket) {
      socket.send(JSON.stringify({ type: 'CloseStream' }));
      lastSendAt = Date.now();
    }
  }

  connect();

  return {
    write(channel, audio, streamMs) {
      if (closed || ending || channel < 0 || channel >= s.channels) return;
      const samples = Math.floor(audio.length / bytesPerSample);
      if (samples === 0) return;
      pending[channel]?.push(audio.subarray(0, samples * bytesPerSample));
      pendingSamples[channel] = (pendingSamples[channel] ?? 0) + samples;
      timelines[channel]?.append(samples, streamMs);
      pump(false);
    },
    backlogMs() {
      const queued = outboxBytes / frameBytes + Math.max(...pendingSamples);
      const unsent = socket && open ? socket.bufferedAmount / frameBytes : 0;
      return (queued + unsent) / samplesPerMs;
    },
    end() {
      if (closed) return Promise.resolve();
      ending = true;
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          log.warn('deepgram did not close in time after CloseStream; closing');
          flushAll();
          shut();
        }, opts.endTimeoutMs ?? 5000);
        timer.unref();
        endDone = () => {
          clearTimeout(timer);
          resolve();
        };
        if (open) finish();
      });
    },
    abort() {
      if (!closed) shut();
    },
  };
}
