/**
 * The built-in simulator: a provider that behaves like a carrier without a network. A dial rings
 * the lead, who answers (SIMULATOR_ANSWER_RATE), is busy, fails, or lets it ring out; an answered
 * call runs a demo conversation (English, Hindi or Hinglish) as timed transcript segments and
 * ends when either side hangs up, with a generated dual-channel recording. Its events enter
 * through the same ingestion path as a vendor's. SIMULATOR_SPEED runs its clock faster.
 *
 * Talk time in the recording and transcript is simulated time; the call's timestamps are wall
 * time, so at SIMULATOR_SPEED=1 they agree and at higher speeds the call is shorter than its audio.
 */
import { randomBytes } from 'node:crypto';
import type { HangupSide } from '@telehub/shared';
import type { Clock } from '../../../platform/context.js';
import type { Logger } from '../../../platform/logging.js';
import { type DialRequest, type EventSink, ProviderError, type ProviderEvent, type TelephonyProvider } from '../telephony.port.js';
import { type Conversation, conversationFor, conversationIn } from './conversations.js';
import { dualChannelWav, type Turn } from './wav.js';

export type SimulatorOptions = {
  answerRate: number;
  speed: number;
  sink: EventSink;
  logger: Logger;
  random?: () => number;
  /** Stamps events (the call's wall time); timers still run on the real clock, sped up. */
  clock?: Clock;
};

type Live = {
  callId: string;
  providerCallId: string;
  record: boolean;
  language: string | null;
  timers: Set<NodeJS.Timeout>;
  answeredAt: number | null;
  ended: boolean;
  eventSeq: number;
  conversation: Conversation | null;
  seed: number;
};

const MAX_RECORDING_SECONDS = 300;

/** Talk time in seconds: log-normal around 75 s, as real admissions calls spread. */
function talkTime(random: () => number): number {
  const u = Math.max(1e-9, random());
  const v = random();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.round(Math.min(600, Math.max(25, Math.exp(Math.log(75) + 0.5 * z))));
}

export function turnsFor(conversation: Conversation, seconds: number): Turn[] {
  return conversation.lines
    .map((l, i) => {
      const next = conversation.lines[i + 1];
      const endAt = next ? next.at - 0.6 : l.at + 4;
      return { speaker: l.speaker, startMs: Math.round(l.at * 1000), endMs: Math.round(Math.min(endAt, seconds) * 1000) };
    })
    .filter((t) => t.startMs < seconds * 1000);
}

export function createSimulatorProvider(opts: SimulatorOptions): TelephonyProvider & { live(): number } {
  const random = opts.random ?? Math.random;
  const now = () => opts.clock?.now() ?? new Date();
  const calls = new Map<string, Live>();
  const ms = (simSeconds: number) => Math.max(1, Math.round((simSeconds * 1000) / opts.speed));

  const emit = (c: Live, e: Omit<ProviderEvent, 'provider' | 'providerEventId' | 'providerCallId' | 'callId' | 'occurredAt' | 'raw'>) => {
    c.eventSeq++;
    const event: ProviderEvent = {
      provider: 'simulator',
      providerEventId: `${c.providerCallId}:${c.eventSeq}`,
      providerCallId: c.providerCallId,
      callId: c.callId,
      occurredAt: now(),
      ...e,
      raw: { seq: c.eventSeq, ...e, segment: e.segment ?? null },
    };
    opts.sink(event).catch((err: unknown) => opts.logger.error({ err, callId: c.callId }, 'simulator event not ingested'));
  };

  const at = (c: Live, simSeconds: number, fn: () => void) => {
    const t = setTimeout(() => {
      c.timers.delete(t);
      if (!c.ended) fn();
    }, ms(simSeconds));
    c.timers.add(t);
  };

  function end(c: Live, status: 'completed' | 'no_answer' | 'busy' | 'failed' | 'canceled', hangupBy: HangupSide | undefined) {
    if (c.ended) return;
    c.ended = true;
    for (const t of c.timers) clearTimeout(t);
    c.timers.clear();
    calls.delete(c.providerCallId);
    const talked = c.answeredAt === null ? 0 : Math.max(1, Math.round(((now().getTime() - c.answeredAt) / 1000) * opts.speed));
    const recordingUrl =
      status === 'completed' && c.record && c.conversation
        ? `simulator://recordings/${c.providerCallId}?seconds=${Math.min(talked, MAX_RECORDING_SECONDS)}&lang=${c.conversation.language}&seed=${c.seed}`
        : undefined;
    emit(c, { kind: 'status', status, hangupBy, recordingUrl, recordingStatus: recordingUrl ? 'completed' : undefined });
  }

  function answer(c: Live) {
    c.answeredAt = now().getTime();
    c.conversation = conversationFor(c.language, random());
    emit(c, { kind: 'status', status: 'in_progress' });
    const talk = talkTime(random);
    const turns = turnsFor(c.conversation, talk);
    c.conversation.lines.forEach((line, seq) => {
      const turn = turns[seq];
      if (!turn) return;
      at(c, line.at, () =>
        emit(c, {
          kind: 'transcript',
          segment: {
            seq,
            speaker: line.speaker,
            language: c.conversation?.language ?? 'en',
            text: line.text,
            startMs: turn.startMs,
            endMs: turn.endMs,
          },
        }),
      );
    });
    at(c, talk, () => end(c, 'completed', random() < 0.6 ? 'lead' : 'agent'));
  }

  return {
    name: 'simulator',
    // No audio path to a supervisor's phone: listen, whisper and barge need a real provider.
    supervision: [],
    dialModes: ['agent_first'],
    live: () => calls.size,

    async dial(req: DialRequest) {
      const providerCallId = `SIM${randomBytes(12).toString('hex')}`;
      const c: Live = {
        callId: req.callId,
        providerCallId,
        record: req.record,
        language: req.leadLanguage ?? null,
        timers: new Set(),
        answeredAt: null,
        ended: false,
        eventSeq: 0,
        conversation: null,
        seed: Math.floor(random() * 2 ** 31),
      };
      calls.set(providerCallId, c);
      at(c, 0.5, () => emit(c, { kind: 'status', status: 'ringing' }));
      const r = random();
      if (r < opts.answerRate) {
        const ring = Math.min(req.ringTimeoutSeconds - 1, 3 + random() * 9);
        at(c, Math.max(1, ring), () => answer(c));
      } else {
        // Of the unanswered: some busy, a few network failures, the rest ring out.
        const kind = random();
        if (kind < 0.15) at(c, 3, () => end(c, 'busy', 'lead'));
        else if (kind < 0.2) at(c, 1, () => end(c, 'failed', 'system'));
        else at(c, req.ringTimeoutSeconds, () => end(c, 'no_answer', 'system'));
      }
      return { providerCallId };
    },

    async hangup(call) {
      const c = calls.get(call.providerCallId);
      if (!c) return; // already over: the terminal event is on its way or stored
      end(c, c.answeredAt === null ? 'canceled' : 'completed', 'agent');
    },

    async fetchRecording(call) {
      const url = new URL(call.recordingUrl);
      if (url.protocol !== 'simulator:') throw new ProviderError(`not a simulator recording: ${call.recordingUrl}`, null, false);
      const seconds = Number(url.searchParams.get('seconds'));
      const lang = url.searchParams.get('lang');
      const seed = Number(url.searchParams.get('seed'));
      if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isFinite(seed)) throw new ProviderError('simulator recording link is malformed', null, false);
      const conversation = conversationIn(lang);
      const turns = turnsFor(conversation, seconds);
      return { body: dualChannelWav(seconds, turns, seed), contentType: 'audio/wav' };
    },

    async close() {
      for (const c of calls.values()) {
        c.ended = true;
        for (const t of c.timers) clearTimeout(t);
      }
      calls.clear();
    },
  };
}
