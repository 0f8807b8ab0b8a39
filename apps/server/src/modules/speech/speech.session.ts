/**
 * One media stream, from the vendor's start message to its end: names the call (the URL's token,
 * or Exotel's call_sid), checks it is live, opens the speech engine with one channel per track,
 * feeds it each frame (within the stream's bounds), and turns its results into transcript
 * segments: finals through the one ingestion path (stored, then published as transcript.segment),
 * interims straight onto the bus (transcript.interim, not stored).
 *
 * Channels and speakers. Twilio forks a leg's audio: `inbound` is what the leg's phone sends, the
 * `outbound` track what it hears. The stream is started on the leg whose TwiML we write, named in
 * the token: the lead's leg on dialer calls (inbound = lead, outbound = agent), the agent's leg on
 * click-to-call (inbound = agent, outbound = lead). Exotel sends one mono channel; whose voice it
 * carries is the stream's `speaker` custom parameter (default lead: the applet streams the caller).
 *
 * Segment numbers: a call may have had streams before (a reconnect) or, rarely, two at once, so
 * `seq` is the milliseconds since the call was created when the result came (at least one more than
 * the stream's last): increasing across streams, and a collision with another stream's (same
 * millisecond) is noticed (not stored) and taken again with the next number.
 */
import type { SpeechLanguage, TranscriptSegment } from '@telehub/shared';
import type { WebSocket } from 'ws';
import type { Clock } from '../../platform/context.js';
import type { Logger } from '../../platform/logging.js';
import type { SttResult, SttStream } from '../../providers/stt/index.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import type { CallLink } from '../calls/index.js';
import { segmentLanguage } from './speech.language.js';
import { readStreamMessage, type StreamStart, type Track } from './speech.protocol.js';
import type { Leg, MediaGrant, MediaVendor } from './speech.tokens.js';

/** Close codes (RFC 6455): the vendor logs them. */
export const CLOSE = { normal: 1000, goingAway: 1001, invalidData: 1007, policy: 1008, tooBig: 1009, engine: 1011, overloaded: 1013 } as const;

export type Speaker = TranscriptSegment['speaker'];

/** What a session needs from the manager that owns it. */
export type SessionHost = {
  clock: Clock;
  logger: Logger;
  limits: { maxFrameBytes: number; maxFps: number; maxBacklogMs: number };
  /** Names the call for a start, or says why not (the stream is then closed with `code`). */
  admit(session: MediaSession, grant: MediaGrant, start: StreamStart): Promise<{ call: CallLink } | { refuse: string; code: number }>;
  openStt(session: MediaSession, start: StreamStart, channels: number): SttStream;
  storeFinal(event: ProviderEvent): Promise<{ stored: boolean; callId: string | null }>;
  publishInterim(payload: InterimPayload): Promise<void>;
  count(what: 'frame' | 'dropped_backlog' | 'dropped_early' | 'segment' | 'interim' | 'stt_error'): void;
  /** The stream stopped taking audio (it no longer counts against its call or the node). */
  closed(session: MediaSession): void;
  /** Its last segments are stored too: nothing of it is left. */
  ended(session: MediaSession): void;
};

export type InterimPayload = {
  callId: string;
  agentId: string | null;
  speaker: Speaker;
  language: SpeechLanguage;
  text: string;
  startMs: number;
  endMs: number;
};

/** Frames kept while the call is looked up after start (Twilio sends media right behind it): 2 s of both tracks. */
const EARLY_FRAMES = 200;

export class MediaSession {
  state: 'awaiting_start' | 'starting' | 'streaming' | 'ending' | 'closed' = 'awaiting_start';
  call: CallLink | null = null;
  streamSid: string | null = null;
  readonly openedAt: number;
  lastMessageAt: number;
  dropped = 0;
  private stt: SttStream | null = null;
  private channels = new Map<Track, { index: number; speaker: Speaker }>();
  private early: string[] = [];
  private tokens: number;
  private refilledAt: number;
  private lastSeq = -1;
  private behind = false;
  private finishing: Promise<void> | null = null;
  /** Segments on their way to the database. */
  private readonly storing = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(
    readonly socket: WebSocket,
    readonly vendor: MediaVendor,
    readonly grant: MediaGrant,
    private readonly host: SessionHost,
  ) {
    this.openedAt = host.clock.now().getTime();
    this.lastMessageAt = Date.now();
    this.refilledAt = Date.now();
    this.tokens = host.limits.maxFps * 3;
    this.log = host.logger.child({ media: vendor, ...(grant.kind === 'call' ? { callId: grant.callId } : {}) });
    socket.on('message', (data, isBinary) => this.onFrame(data as Buffer, isBinary));
    socket.on('close', () => void this.finish(null, 'the vendor closed the stream'));
  }

  private onFrame(data: Buffer | Buffer[] | ArrayBuffer, isBinary: boolean) {
    if (this.state === 'ending' || this.state === 'closed') return;
    this.lastMessageAt = Date.now();
    const size = Buffer.isBuffer(data) ? data.length : Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    if (size > this.host.limits.maxFrameBytes) return void this.finish(CLOSE.tooBig, `message of ${size} bytes is over ${this.host.limits.maxFrameBytes}`);
    if (!this.take()) return void this.finish(CLOSE.policy, `more than ${this.host.limits.maxFps} messages a second`);
    if (isBinary) return void this.finish(CLOSE.invalidData, 'media streams send JSON text frames');
    const frame = Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    if (this.state === 'starting') {
      if (this.early.length >= EARLY_FRAMES) this.host.count('dropped_early');
      else this.early.push(frame);
      return;
    }
    this.handle(frame);
  }

  /** Token bucket: maxFps a second on average, bursts of three seconds' worth. */
  private take(): boolean {
    const now = Date.now();
    const cap = this.host.limits.maxFps * 3;
    this.tokens = Math.min(cap, this.tokens + ((now - this.refilledAt) / 1000) * this.host.limits.maxFps);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private handle(frame: string) {
    const m = readStreamMessage(this.vendor, frame);
    if (m.kind === 'invalid') return void this.finish(CLOSE.invalidData, m.reason);
    if (m.kind === 'other') return;
    if (m.kind === 'stop') return void this.finish(CLOSE.normal, 'the stream stopped');
    if (m.kind === 'start') {
      if (this.state !== 'awaiting_start') return void this.finish(CLOSE.policy, 'a second start message');
      return void this.begin(m.start);
    }
    if (this.state !== 'streaming' || !this.stt) return void this.finish(CLOSE.policy, 'media before start');
    const channel = this.channels.get(m.track);
    if (!channel) return; // a track the stream did not announce
    this.host.count('frame');
    if (this.stt.backlogMs() > this.host.limits.maxBacklogMs) {
      this.dropped++;
      this.host.count('dropped_backlog');
      if (!this.behind) this.log.warn({ backlogMs: Math.round(this.stt.backlogMs()) }, 'speech engine behind the stream; dropping frames');
      this.behind = true;
      return;
    }
    this.behind = false;
    this.stt.write(channel.index, m.audio, m.timestampMs);
  }

  private async begin(start: StreamStart) {
    this.state = 'starting';
    this.streamSid = start.streamSid;
    let admitted: Awaited<ReturnType<SessionHost['admit']>>;
    try {
      admitted = await this.host.admit(this, this.grant, start);
    } catch (err) {
      this.log.error({ err }, 'could not look the stream’s call up');
      return void this.finish(CLOSE.engine, 'the call could not be looked up');
    }
    if (this.state !== 'starting') return; // closed meanwhile
    if ('refuse' in admitted) return void this.finish(admitted.code, admitted.refuse);
    this.call = admitted.call;
    const leg: Leg = this.grant.kind === 'call' ? this.grant.leg : start.custom.speaker === 'agent' ? 'agent' : 'lead';
    const other: Leg = leg === 'lead' ? 'agent' : 'lead';
    start.tracks.forEach((track, index) => {
      this.channels.set(track, { index, speaker: track === 'inbound' ? leg : other });
    });
    try {
      this.stt = this.host.openStt(this, start, start.tracks.length);
    } catch (err) {
      this.log.error({ err }, 'could not open the speech engine');
      return void this.finish(CLOSE.engine, 'speech-to-text is unavailable');
    }
    this.state = 'streaming';
    this.log.info({ streamSid: start.streamSid, tracks: start.tracks }, 'media stream started');
    for (const frame of this.early.splice(0)) {
      if (this.state !== 'streaming') break;
      this.handle(frame);
    }
  }

  private speakerOf(channel: number): Speaker {
    for (const c of this.channels.values()) if (c.index === channel) return c.speaker;
    return 'lead';
  }

  /** The engine's results: finals stored as segments, interims published. */
  onResult(r: SttResult): void {
    const call = this.call;
    if (!call || !r.text.trim()) return;
    const speaker = this.speakerOf(r.channel);
    const language = segmentLanguage(r.text, r.language);
    const startMs = Math.max(0, Math.round(r.startMs));
    const endMs = Math.max(startMs, Math.round(r.endMs));
    if (!r.final) {
      this.host.count('interim');
      void this.host
        .publishInterim({ callId: call.id, agentId: call.agentId, speaker, language, text: r.text, startMs, endMs })
        .catch((err: unknown) => this.log.warn({ err }, 'interim transcript not published'));
      return;
    }
    const segment = { speaker, language, text: r.text.trim(), startMs, endMs };
    const storing = this.store(call, segment, r).catch((err: unknown) => this.log.error({ err }, 'transcript segment not stored'));
    this.storing.add(storing);
    void storing.finally(() => this.storing.delete(storing));
  }

  private nextSeq(call: CallLink): number {
    const sinceCreated = this.host.clock.now().getTime() - call.createdAt.getTime();
    this.lastSeq = Math.min(2_147_483_647, Math.max(this.lastSeq + 1, sinceCreated));
    return this.lastSeq;
  }

  private async store(call: CallLink, segment: Omit<TranscriptSegment, 'id' | 'callId' | 'seq'>, r: SttResult) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const seq = this.nextSeq(call);
      const event: ProviderEvent = {
        provider: call.provider as ProviderEvent['provider'],
        providerEventId: `${this.streamSid ?? 'stream'}:${seq}`,
        providerCallId: call.providerCallId,
        callId: call.id,
        kind: 'transcript',
        occurredAt: this.host.clock.now(),
        segment: { seq, ...segment },
        raw: { streamSid: this.streamSid, channel: r.channel, detectedLanguage: r.language, confidence: r.confidence },
      };
      const result = await this.host.storeFinal(event);
      if (result.stored) {
        this.host.count('segment');
        return;
      }
      if (result.callId === null) return; // the call is gone (erased): nothing to attach it to
    }
    this.log.error({ callId: call.id }, 'transcript segment not stored: its number kept colliding');
  }

  /** Engine failure: the stream cannot be transcribed any more. */
  sttFailed(err: Error): void {
    this.host.count('stt_error');
    this.log.error({ err: err.message }, 'speech engine failed; closing the stream');
    void this.finish(CLOSE.engine, 'speech-to-text is unavailable');
  }

  /**
   * Ends the stream: closes the socket (with `code`, or not at all when the vendor closed it), then
   * waits for the engine's last finals, which are stored as the rest. Every call gets the same promise.
   */
  finish(code: number | null, reason: string): Promise<void> {
    this.finishing ??= this.end(code, reason);
    return this.finishing;
  }

  private async end(code: number | null, reason: string): Promise<void> {
    const wasStreaming = this.state === 'streaming';
    this.state = 'ending';
    this.early = [];
    this.host.closed(this);
    if (code !== null && this.socket.readyState === this.socket.OPEN) this.socket.close(code, reason.slice(0, 120));
    if (code !== null && code !== CLOSE.normal) this.log.warn({ code, reason }, 'media stream closed');
    else if (wasStreaming) this.log.info({ reason, dropped: this.dropped }, 'media stream ended');
    const stt = this.stt;
    this.stt = null;
    if (stt) await stt.end().catch((err: unknown) => this.log.warn({ err }, 'speech engine did not end cleanly'));
    await Promise.all([...this.storing]);
    this.state = 'closed';
    this.host.ended(this);
  }
}
