/**
 * The built-in simulator: a provider that behaves like a carrier without a network. A dial rings
 * the lead, who answers (SIMULATOR_ANSWER_RATE), is busy, fails, or lets it ring out; an answered
 * call runs a demo conversation (English, Hindi or Hinglish) as timed transcript segments and
 * ends when either side hangs up, with a generated dual-channel recording. Its events enter
 * through the same ingestion path as a vendor's. SIMULATOR_SPEED runs its clock faster.
 *
 * Both dial modes. agent_first: the (virtual) agent is on the line from the start, so the
 * conversation begins as soon as the lead answers. lead_first: the answer is reported
 * (in_progress) and the lead waits; bridge() starts the conversation, and a lead nobody is bridged
 * to within leadPatienceSeconds hangs up (completed, hangupBy lead, no recording). An answered
 * lead_first call hung up before its bridge is the engine giving it up: completed, hangupBy system.
 * abandon() gives it up politely: the message "plays" for about as long as it takes to say, then
 * the call ends the same way, its terminal event's raw saying abandonMessagePlayed (and the text);
 * abandonMessages() keeps the last ones played for tests and the demo.
 *
 * Answering machines (SIMULATOR_MACHINE_RATE, the share of answered calls): a lead_first call
 * dialed with detectMachine is answered by a machine that often; its in_progress event says
 * answeredBy machine (or human), and a machine nobody hangs up on ends after its greeting
 * (completed, hangupBy lead), saying nothing a transcript could hold. Calls dialed without
 * detectMachine are always answered by a person, so click-to-call and a run at
 * SIMULATOR_ANSWER_RATE=1 keep a person on every answered call. setRates() changes both rates for
 * calls dialed from then on (answer rates that drift during a campaign).
 *
 * Talk time in the recording and transcript is simulated time; the call's timestamps are wall
 * time, so at SIMULATOR_SPEED=1 they agree and at higher speeds the call is shorter than its audio.
 *
 * In-call controls, on a call whose conversation has begun: mute, hold, keypad tones and transfers
 * change the call's state here and each is reported as a kind=control event (its raw payload holds
 * the state after it: muted, held, the tones sent so far, the agent on the call, the colleague
 * consulted); a transfer moves the call to the colleague's user id, at once (cold) or on
 * completeTransfer() (warm, the lead on hold meanwhile).
 */
import { randomBytes } from 'node:crypto';
import type { HangupSide } from '@telehub/shared';
import type { Clock } from '../../../platform/context.js';
import type { Logger } from '../../../platform/logging.js';
import {
  type AbandonMessage,
  type DialMode,
  type DialRequest,
  type EventSink,
  type InboundHooks,
  type IncomingAnswer,
  ProviderError,
  type ProviderEvent,
  type TelephonyProvider,
} from '../telephony.port.js';
import { type Conversation, conversationFor, conversationIn } from './conversations.js';
import { type ControlState, createSimulatorControls, NO_CONTROLS } from './simulator.controls.js';
import { dualChannelWav, type Turn } from './wav.js';

export type SimulatorOptions = {
  /** Share of dialed calls answered (0..1). */
  answerRate: number;
  /** Share of answered lead_first calls, dialed with detectMachine, that a machine answers (0..1). Default 0. */
  machineRate?: number;
  speed: number;
  sink: EventSink;
  logger: Logger;
  random?: () => number;
  /** Stamps events (the call's wall time); timers still run on the real clock, sped up. */
  clock?: Clock;
  /** lead_first: simulated seconds an answered lead waits for an agent before hanging up. Default 15. */
  leadPatienceSeconds?: number;
  /** Inbound: simulated seconds a caller waits in the queue before hanging up. Default 90. */
  callerPatienceSeconds?: number;
};

/** The number the simulator's callers ring (its "ExoPhone"). */
export const SIMULATOR_LINE = '+918069000000';

type Live = {
  callId: string;
  providerCallId: string;
  mode: DialMode;
  record: boolean;
  language: string | null;
  timers: Set<NodeJS.Timeout>;
  answeredAt: number | null;
  /** When the conversation began: at the answer (agent_first), at the bridge (lead_first). */
  talkStartedAt: number | null;
  /** lead_first: the lead giving up on waiting, until bridge() or abandon() clears it; a machine's greeting ending. */
  patience: NodeJS.Timeout | null;
  /** Dialed lead_first with detectMachine: the in_progress event says who answered. */
  detect: boolean;
  /** Answered by a machine (decided at dial time, with the rates of that moment). */
  machine: boolean;
  /** abandon(): the message playing before the hang-up. */
  abandoning: AbandonMessage | null;
  ended: boolean;
  eventSeq: number;
  conversation: Conversation | null;
  seed: number;
} & ControlState;

const MAX_RECORDING_SECONDS = 300;
/** How long a machine's greeting (and the silence after it) keeps a call nobody hangs up on. */
const MACHINE_GREETING_SECONDS = 20;
/** abandonMessages() keeps this many, newest last. */
const KEPT_MESSAGES = 1000;

/** Seconds a message takes to say: about 2.5 words a second, a pause, at least 2 s and at most 30. */
export function messageSeconds(text: string): number {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.min(30, Math.max(2, Math.ceil(words / 2.5) + 1));
}

export type SimulatorRates = { answerRate?: number; machineRate?: number };
export type PlayedAbandonMessage = { callId: string; text: string; language: string };

export type SimulatorProvider = TelephonyProvider & {
  /** Calls still running. */
  live(): number;
  /** Changes the answer and machine rates for calls dialed from now on. */
  setRates(rates: SimulatorRates): void;
  /** The abandon messages played to the end, oldest first (the last 1000). */
  abandonMessages(): PlayedAbandonMessage[];
  /**
   * A caller rings our line from `from`: TeleHub's hooks (listen()) decide what they hear. Queued,
   * they wait until bridged (then talk as on a lead_first call) or until their patience runs out
   * (completed, hangupBy lead); told it is closed, they hear the message and the line is hung up
   * (completed, hangupBy system). Refused when nothing listens.
   */
  incoming(call: { from: string; to?: string }): Promise<IncomingAnswer>;
};

/** Narrows the configured provider, for the demo and tests that steer the simulator's rates or read its messages. */
export const isSimulatorProvider = (p: TelephonyProvider): p is SimulatorProvider =>
  p.name === 'simulator' && typeof (p as Partial<SimulatorProvider>).setRates === 'function';

function checkRate(name: string, value: number | undefined): void {
  if (value !== undefined && !(value >= 0 && value <= 1)) throw new Error(`${name} must be between 0 and 1, not ${value}`);
}

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

/** 1 s doubling to 30 s: 24 attempts span about ten minutes. */
const DELIVERY_ATTEMPTS = 24;

export function createSimulatorProvider(opts: SimulatorOptions): SimulatorProvider {
  const random = opts.random ?? Math.random;
  checkRate('answerRate', opts.answerRate);
  checkRate('machineRate', opts.machineRate);
  const rates = { answerRate: opts.answerRate, machineRate: opts.machineRate ?? 0 };
  const played: PlayedAbandonMessage[] = [];
  const now = () => opts.clock?.now() ?? new Date();
  const calls = new Map<string, Live>();
  const ms = (simSeconds: number) => Math.max(1, Math.round((simSeconds * 1000) / opts.speed));
  const patience = opts.leadPatienceSeconds ?? 15;
  if (!(patience > 0)) throw new Error('leadPatienceSeconds must be above 0');
  const callerPatience = opts.callerPatienceSeconds ?? 90;
  if (!(callerPatience > 0)) throw new Error('callerPatienceSeconds must be above 0');
  let inboundHooks: InboundHooks | null = null;

  const emit = (
    c: Live,
    e: Omit<ProviderEvent, 'provider' | 'providerEventId' | 'providerCallId' | 'callId' | 'occurredAt' | 'raw'>,
    extraRaw: Record<string, unknown> = {},
  ) => {
    c.eventSeq++;
    const event: ProviderEvent = {
      provider: 'simulator',
      providerEventId: `${c.providerCallId}:${c.eventSeq}`,
      providerCallId: c.providerCallId,
      callId: c.callId,
      occurredAt: now(),
      ...e,
      raw: { seq: c.eventSeq, ...e, segment: e.segment ?? null, ...extraRaw },
    };
    deliver(event, 1);
  };

  // As a vendor retries a webhook that failed, the simulator retries an event the app could not
  // take (its database was unreachable): 1 s doubling to 30 s, for up to ten minutes. Events carry
  // their own ids, so one that did land but seemed to fail is stored once.
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;
  function deliver(event: ProviderEvent, attempt: number) {
    opts.sink(event).catch((err: unknown) => {
      const waitMs = Math.min(30_000, 1_000 * 2 ** (attempt - 1));
      if (closed || attempt >= DELIVERY_ATTEMPTS) {
        opts.logger.error({ err, callId: event.callId, attempt }, 'simulator event not ingested; given up');
        return;
      }
      opts.logger.warn({ err, callId: event.callId, attempt, retryInMs: waitMs }, 'simulator event not ingested; will retry');
      const t = setTimeout(() => {
        retries.delete(t);
        deliver(event, attempt + 1);
      }, waitMs);
      t.unref();
      retries.add(t);
    });
  }

  /** A call in the simulator's hands from now: nothing has happened on it yet. */
  function live(v: Pick<Live, 'callId' | 'providerCallId' | 'mode' | 'record' | 'language' | 'detect'>): Live {
    const c: Live = {
      ...v,
      timers: new Set(),
      answeredAt: null,
      talkStartedAt: null,
      patience: null,
      machine: false,
      abandoning: null,
      ended: false,
      eventSeq: 0,
      conversation: null,
      seed: Math.floor(random() * 2 ** 31),
      ...NO_CONTROLS,
    };
    calls.set(v.providerCallId, c);
    return c;
  }

  const at = (c: Live, simSeconds: number, fn: () => void): NodeJS.Timeout => {
    const t = setTimeout(() => {
      c.timers.delete(t);
      if (!c.ended) fn();
    }, ms(simSeconds));
    c.timers.add(t);
    return t;
  };

  function end(
    c: Live,
    status: 'completed' | 'no_answer' | 'busy' | 'failed' | 'canceled',
    hangupBy: HangupSide | undefined,
    extraRaw: Record<string, unknown> = {},
  ) {
    if (c.ended) return;
    c.ended = true;
    for (const t of c.timers) clearTimeout(t);
    c.timers.clear();
    calls.delete(c.providerCallId);
    // The recording holds the conversation: from the bridge on a lead_first call, not the lead's wait.
    const talked = c.talkStartedAt === null ? 0 : Math.max(1, Math.round(((now().getTime() - c.talkStartedAt) / 1000) * opts.speed));
    const recordingUrl =
      status === 'completed' && c.record && c.conversation
        ? `simulator://recordings/${c.providerCallId}?seconds=${Math.min(talked, MAX_RECORDING_SECONDS)}&lang=${c.conversation.language}&seed=${c.seed}`
        : undefined;
    emit(c, { kind: 'status', status, hangupBy, recordingUrl, recordingStatus: recordingUrl ? 'completed' : undefined }, extraRaw);
  }

  function answer(c: Live) {
    c.answeredAt = now().getTime();
    if (c.detect) emit(c, { kind: 'status', status: 'in_progress', answeredBy: c.machine ? 'machine' : 'human' });
    else emit(c, { kind: 'status', status: 'in_progress' });
    if (c.machine) c.patience = at(c, MACHINE_GREETING_SECONDS, () => end(c, 'completed', 'lead'));
    else if (c.mode === 'agent_first') converse(c);
    else c.patience = at(c, patience, () => end(c, 'completed', 'lead'));
  }

  function stopWaiting(c: Live) {
    if (!c.patience) return;
    clearTimeout(c.patience);
    c.timers.delete(c.patience);
    c.patience = null;
  }

  /** The agent and the lead talk: timed transcript lines, then one side hangs up. */
  function converse(c: Live) {
    c.talkStartedAt = now().getTime();
    c.conversation = conversationFor(c.language, random());
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

  // Mute, hold, keypad tones and transfers, on a call whose conversation has begun (simulator.controls.ts).
  const controls = createSimulatorControls<Live>(
    (providerCallId) => calls.get(providerCallId),
    (c, control) =>
      emit(
        c,
        { kind: 'control', control },
        { muted: c.muted, held: c.held, tones: c.tones, agentUserId: c.agentUserId, consulting: c.consult?.userId ?? null },
      ),
  );

  return {
    name: 'simulator',
    // No audio path to a supervisor's phone: listen, whisper and barge need a real provider.
    supervision: [],
    supervisionNote: 'The simulator has no audio to send to a supervisor’s phone: listening in, whispering and barging work with Twilio.',
    dialModes: ['agent_first', 'lead_first'],
    // A call is timers in this process: it ends with it (the engine ends such calls for it).
    callsInProcess: true,
    // Tells a machine from a person on lead_first calls dialed with detectMachine.
    machineDetection: true,
    // Callers wait in the simulator's queue until TeleHub bridges the agent it picked.
    inbound: 'queue',
    live: () => calls.size,

    listen(hooks: InboundHooks) {
      inboundHooks = hooks;
    },

    async incoming(call: { from: string; to?: string }): Promise<IncomingAnswer> {
      if (!inboundHooks) throw new ProviderError('Nothing takes inbound calls here', null, false);
      const providerCallId = `SIMIN${randomBytes(12).toString('hex')}`;
      const answer = await inboundHooks.arrive({
        provider: 'simulator',
        providerCallId,
        from: call.from,
        to: call.to ?? SIMULATOR_LINE,
        occurredAt: now(),
        raw: { from: call.from, to: call.to ?? SIMULATOR_LINE },
      });
      if (!answer.callId) return answer;
      // Answered by TeleHub's greeting: waiting, like a lead-first call's lead, for the agent.
      const c = live({ callId: answer.callId, providerCallId, mode: 'lead_first', record: answer.record, language: answer.language, detect: false });
      c.answeredAt = now().getTime();
      if (answer.action === 'queue') c.patience = at(c, callerPatience, () => end(c, 'completed', 'lead'));
      // Told nobody can take the call (or, ringing numbers, nobody here answers a phone): the message, then the line goes down.
      else at(c, messageSeconds(answer.message), () => end(c, 'completed', 'system'));
      return answer;
    },

    setRates(next: SimulatorRates) {
      checkRate('answerRate', next.answerRate);
      checkRate('machineRate', next.machineRate);
      if (next.answerRate !== undefined) rates.answerRate = next.answerRate;
      if (next.machineRate !== undefined) rates.machineRate = next.machineRate;
    },

    abandonMessages: () => played.map((m) => ({ ...m })),

    async dial(req: DialRequest) {
      const providerCallId = `SIM${randomBytes(12).toString('hex')}`;
      const c = live({
        callId: req.callId,
        providerCallId,
        mode: req.mode,
        record: req.record,
        language: req.leadLanguage ?? null,
        detect: req.mode === 'lead_first' && req.detectMachine === true,
      });
      at(c, 0.5, () => emit(c, { kind: 'status', status: 'ringing' }));
      const r = random();
      if (r < rates.answerRate) {
        const ring = Math.min(req.ringTimeoutSeconds - 1, 3 + random() * 9);
        // Drawn only when a machine may answer, so seeded runs without detection draw as before.
        c.machine = c.detect && rates.machineRate > 0 && random() < rates.machineRate;
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

    /**
     * The simulator's agent needs no phone: the conversation starts at once. A second bridge is a
     * no-op. An agent bridged to a machine hears its greeting out: no conversation, no recording.
     */
    async bridge(call) {
      const c = calls.get(call.providerCallId);
      if (!c || c.callId !== call.callId) {
        throw new ProviderError(`The simulator has no live call ${call.providerCallId} to bridge: it never existed or has ended`, null, false);
      }
      if (c.mode !== 'lead_first') throw new ProviderError('Only a lead_first call is bridged; this call was dialed agent_first', null, false);
      if (c.answeredAt === null) throw new ProviderError('The lead has not answered yet: a call is bridged once it is in progress', null, false);
      if (c.talkStartedAt !== null) return;
      if (c.abandoning) throw new ProviderError('The call is being given up: its abandon message is playing', null, false);
      if (c.machine) {
        c.talkStartedAt = now().getTime();
        return;
      }
      stopWaiting(c);
      converse(c);
    },

    /** Plays the message (for about as long as it takes to say), then ends the call for the system. */
    async abandon(call, message) {
      const c = calls.get(call.providerCallId);
      if (!c) return; // already over: nobody is left to hear it
      if (c.callId !== call.callId) throw new ProviderError(`The simulator's call ${call.providerCallId} belongs to another call id`, null, false);
      if (c.mode !== 'lead_first') throw new ProviderError('Only a lead_first call is abandoned; this call was dialed agent_first', null, false);
      if (c.answeredAt === null) throw new ProviderError('The lead has not answered yet: only an answered call is abandoned', null, false);
      if (c.talkStartedAt !== null) throw new ProviderError('The call is already bridged to an agent: it is not abandoned', null, false);
      if (c.abandoning) return; // its message is already playing
      stopWaiting(c);
      c.abandoning = { text: message.text, language: message.language };
      at(c, messageSeconds(message.text), () => {
        played.push({ callId: c.callId, text: message.text, language: message.language });
        if (played.length > KEPT_MESSAGES) played.splice(0, played.length - KEPT_MESSAGES);
        end(c, 'completed', 'system', { abandonMessagePlayed: true, abandonMessage: message.text });
      });
    },

    async hangup(call) {
      const c = calls.get(call.providerCallId);
      if (!c) return; // already over: the terminal event is on its way or stored
      // Before a lead_first call is bridged no agent is on it: ending it is the engine's doing.
      const by: HangupSide = c.mode === 'lead_first' && c.talkStartedAt === null ? 'system' : 'agent';
      end(c, c.answeredAt === null ? 'canceled' : 'completed', by);
    },

    ...controls,

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
      closed = true;
      for (const t of retries) clearTimeout(t);
      retries.clear();
      for (const c of calls.values()) {
        c.ended = true;
        for (const t of c.timers) clearTimeout(t);
      }
      calls.clear();
    },
  };
}
