/**
 * The media streams open on this server node: admits each to its call (live, the right vendor,
 * not too many per call or per node), gives it a speech engine, closes it when its call ends
 * (call.updated), when it goes quiet, or when it never says start, and counts what happens for
 * /metrics. Finals go through the calls module's one ingestion path; interims onto the bus.
 */
import { isTerminalStatus, type SpeechLanguage } from '@telehub/shared';
import type { WebSocket } from 'ws';
import type { Clock } from '../../platform/context.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { SttLanguage, SttProvider } from '../../providers/stt/index.js';
import type { ProviderEvent } from '../../providers/telephony/index.js';
import type { CallLink, CallLookup, IngestResult } from '../calls/index.js';
import { CLOSE, type InterimPayload, MediaSession, type SessionHost, type Speaker } from './speech.session.js';
import type { MediaGrant, MediaVendor } from './speech.tokens.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /**
     * What is being said now, before the engine settles it (Deepgram's interim results): for live
     * captions. Not stored; the settled words come as transcript.segment.
     */
    'transcript.interim': {
      callId: string;
      agentId: string | null;
      speaker: Speaker;
      language: SpeechLanguage;
      text: string;
      startMs: number;
      endMs: number;
    };
  }
}

export type MediaLimits = {
  maxFrameBytes: number;
  maxFps: number;
  maxStreamsPerCall: number;
  maxStreams: number;
  idleTimeoutMs: number;
  maxBacklogMs: number;
  /** A stream must say start within this long. */
  startTimeoutMs: number;
};

export type SpeechSessionsDeps = {
  stt: SttProvider;
  calls: Pick<CallLookup, 'byId' | 'byProviderCallId'>;
  ingest: (event: ProviderEvent) => Promise<IngestResult>;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  limits: MediaLimits;
  language: SttLanguage;
  /** The vendor accounts streams must come from (start.accountSid), where configured. */
  accounts: Partial<Record<MediaVendor, string>>;
};

/** Statuses during which a call's audio may stream (dialing: a click-to-call agent's leg streams before the lead rings). */
const LIVE = new Set(['dialing', 'ringing', 'in_progress']);

export type MediaCounters = {
  opened: Record<MediaVendor, number>;
  refused: Record<string, number>;
  frames: number;
  dropped: { backlog: number; early: number };
  segments: number;
  interims: number;
  sttErrors: number;
};

export function createSpeechSessions(deps: SpeechSessionsDeps) {
  const { limits, logger } = deps;
  const sessions = new Set<MediaSession>();
  /** Every stream until its last segment is stored, ending ones included (shutdown waits for them). */
  const everyone = new Set<MediaSession>();
  const byCall = new Map<string, Set<MediaSession>>();
  const counters: MediaCounters = {
    opened: { twilio: 0, exotel: 0 },
    refused: {},
    frames: 0,
    dropped: { backlog: 0, early: 0 },
    segments: 0,
    interims: 0,
    sttErrors: 0,
  };
  const refuse = (why: string) => {
    counters.refused[why] = (counters.refused[why] ?? 0) + 1;
  };

  const unsubscribe = deps.bus.subscribe('call.updated', ({ call }) => {
    const open = byCall.get(call.id);
    if (!open || LIVE.has(call.status)) return;
    for (const s of [...open]) void s.finish(CLOSE.normal, isTerminalStatus(call.status) ? 'the call ended' : `the call is ${call.status}`);
  });

  // One sweep for every stream: quiet ones and ones that never started are closed.
  const sweep = setInterval(() => {
    const now = Date.now();
    for (const s of sessions) {
      if (s.state === 'awaiting_start' && now - s.lastMessageAt > limits.startTimeoutMs) {
        refuse('no_start');
        void s.finish(CLOSE.policy, 'no start message');
      } else if ((s.state === 'streaming' || s.state === 'awaiting_start') && now - s.lastMessageAt > limits.idleTimeoutMs) {
        void s.finish(CLOSE.policy, `nothing sent for ${Math.round(limits.idleTimeoutMs / 1000)} s`);
      }
    }
  }, 500);
  sweep.unref();

  async function findCall(grant: MediaGrant, vendor: MediaVendor, callSid: string | null): Promise<CallLink | null> {
    if (grant.kind === 'call') return deps.calls.byId(grant.callId);
    return callSid ? deps.calls.byProviderCallId(vendor, callSid) : null;
  }

  const host: SessionHost = {
    clock: deps.clock,
    logger,
    limits,
    async admit(session, grant, start) {
      const expected = deps.accounts[session.vendor];
      if (expected && start.accountSid && start.accountSid !== expected) {
        refuse('account');
        return { refuse: 'the stream comes from another account', code: CLOSE.policy };
      }
      const call = await findCall(grant, session.vendor, start.callSid);
      if (!call || call.provider !== session.vendor) {
        refuse('unknown_call');
        return { refuse: 'no such call', code: CLOSE.policy };
      }
      if (grant.kind === 'call' && call.providerCallId && start.callSid && call.providerCallId !== start.callSid) {
        refuse('other_call');
        return { refuse: 'the stream is for another call', code: CLOSE.policy };
      }
      if (!LIVE.has(call.status)) {
        refuse('call_not_live');
        return { refuse: `the call is ${call.status}`, code: CLOSE.policy };
      }
      const open = byCall.get(call.id) ?? new Set<MediaSession>();
      if (open.size >= limits.maxStreamsPerCall) {
        refuse('streams_per_call');
        return { refuse: `the call already has ${open.size} streams`, code: CLOSE.policy };
      }
      open.add(session);
      byCall.set(call.id, open);
      counters.opened[session.vendor]++;
      return { call };
    },
    openStt(session, start, channels) {
      const open = deps.stt.open;
      if (!open) throw new Error(`STT_PROVIDER=${deps.stt.name} takes no audio`);
      return open({
        encoding: start.encoding,
        sampleRate: start.sampleRate,
        channels,
        language: deps.language,
        label: session.call?.id ?? start.streamSid,
        onResult: (r) => session.onResult(r),
        onError: (err) => session.sttFailed(err),
      });
    },
    storeFinal: (event) => deps.ingest(event),
    publishInterim: (payload: InterimPayload) => deps.bus.publish('transcript.interim', payload),
    count(what) {
      if (what === 'frame') counters.frames++;
      else if (what === 'dropped_backlog') counters.dropped.backlog++;
      else if (what === 'dropped_early') counters.dropped.early++;
      else if (what === 'segment') counters.segments++;
      else if (what === 'interim') counters.interims++;
      else counters.sttErrors++;
    },
    closed(session) {
      sessions.delete(session);
      const id = session.call?.id;
      const open = id ? byCall.get(id) : undefined;
      if (id && open) {
        open.delete(session);
        if (open.size === 0) byCall.delete(id);
      }
    },
    ended(session) {
      everyone.delete(session);
    },
  };

  return {
    /** Takes an upgraded socket whose URL token was verified; refuses it when this node is full or nothing transcribes. */
    accept(socket: WebSocket, vendor: MediaVendor, grant: MediaGrant): void {
      if (!deps.stt.open) {
        refuse('stt_off');
        socket.close(CLOSE.policy, `speech-to-text is off (STT_PROVIDER=${deps.stt.name})`);
        return;
      }
      if (sessions.size >= limits.maxStreams) {
        refuse('node_full');
        socket.close(CLOSE.overloaded, 'too many media streams on this server');
        return;
      }
      const session = new MediaSession(socket, vendor, grant, host);
      sessions.add(session);
      everyone.add(session);
    },
    /** Streams open now, and per call. */
    live: () => sessions.size,
    liveFor: (callId: string) => byCall.get(callId)?.size ?? 0,
    counters: () => counters,
    /** Ends every stream (server shutdown): the engines' last finals are stored first. */
    async close(): Promise<void> {
      clearInterval(sweep);
      unsubscribe();
      await Promise.all([...everyone].map((s) => s.finish(CLOSE.goingAway, 'the server is shutting down')));
    },
  };
}

export type SpeechSessions = ReturnType<typeof createSpeechSessions>;
