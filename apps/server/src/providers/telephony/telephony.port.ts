/**
 * The telephony port: what the call engine asks of a provider (dial, bridge, hang up, fetch a
 * recording, supervise), and the one shape every provider's events take on their way into
 * ingestion. Adapters: simulator (default, no network), twilio, exotel. Chosen by TELEPHONY_PROVIDER.
 *
 * Two dial modes (DialMode). In both, the call's status events describe the lead's leg:
 * (dialing ->) ringing -> in_progress (the lead answered) -> completed | no_answer | busy | failed
 * | canceled, each carrying our callId and the providerCallId dial() returned; a hangup() before
 * the lead answers ends the call canceled.
 * - agent_first (click-to-call; every provider): the agent's phone rings first, then the lead's.
 * - lead_first (the dialer; simulator and twilio): only the lead rings. in_progress means the lead
 *   answered and is waiting, with no agent yet; the engine then calls bridge() with a free agent,
 *   or hangup() when nobody is free in time (and records the call abandoned itself). Until the
 *   bridge, the lead may hang up (completed, hangupBy lead); a hangup() then ends it completed,
 *   hangupBy system; after the bridge, hangup() ends it as on agent_first (hangupBy agent).
 *
 * Giving a lead_first call up (the dialer's abandon): rather than hangup(), abandon() plays the
 * answered lead a short recorded message first, as the rules on abandoned calls ask, then hangs up;
 * the end reports completed, hangupBy system, with abandonMessagePlayed: true in its raw payload.
 * Answering machines: with DialRequest.detectMachine, a provider whose machineDetection is true
 * says who answered (ProviderEvent.answeredBy), on the in_progress event when it knows by then, or
 * in a later status-less event of its own when it learns it after the answer (Twilio's async AMD).
 *
 * In-call controls (the agent's, on an answered call with the agent on it): mute the agent's
 * microphone, hold the lead (hold music), send keypad tones to the lead's line, and transfer the
 * call to a colleague, cold (at once) or warm (the colleague joins the agent first, the lead on
 * hold, then the agent leaves or the colleague is let go). `controls` says which ones the provider
 * can do at all; one it cannot do for a particular call (a call shape it does not support, a leg
 * already gone) is refused with a ProviderError of status 409 whose message says why. A provider
 * that reports these changes itself does so with kind=control events (stored, never applied).
 */
import type { CallStatus, HangupSide, TelephonyProviderName, TranscriptSegment } from '@telehub/shared';

/**
 * Who is rung first. `agent_first` (click-to-call): the agent's phone, then the lead.
 * `lead_first` (the dialer): the lead alone; once the lead answers, the engine bridges the call to
 * whichever agent is free with `bridge()`, or gives it up (abandoned) when nobody is. A provider
 * refuses a mode missing from its dialModes with a ProviderError that is not retryable.
 */
export type DialMode = 'agent_first' | 'lead_first';

/** What the engine asks a provider to dial. */
export type DialRequest = {
  /** Our call id: the correlation id the provider echoes back (CustomField, URL parameter). */
  callId: string;
  mode: DialMode;
  /**
   * E.164 phone of the telecaller's handset: the first leg of an agent_first call. Null for a
   * lead_first call (the agent joins later through bridge()), and for the simulator's agents.
   */
  agentPhone: string | null;
  /** E.164 phone of the lead. */
  leadPhone: string;
  /** Record both channels. */
  record: boolean;
  /** Ring time before giving up, seconds. */
  ringTimeoutSeconds: number;
  /** Maximum call length, seconds. */
  timeLimitSeconds: number;
  /** The lead's language, for providers that care (the simulator picks its demo conversation by it). */
  leadLanguage?: string | null;
  /**
   * lead_first calls: ask the provider to tell a person from an answering machine (answeredBy).
   * Ignored on agent_first calls (the agent is on the line and hears for themselves) and by
   * providers whose machineDetection is false.
   */
  detectMachine?: boolean;
};

/** Who picked up, where the provider detects answering machines (a fax counts as a machine). */
export type AnsweredBy = 'human' | 'machine' | 'unknown';

export type DialResult = { providerCallId: string };

/** A provider event, normalized. Every provider's webhook (and the simulator) produces these. */
export type ProviderEvent = {
  provider: TelephonyProviderName;
  /** Unique per event at the provider: a duplicate delivery has the same id (idempotency key). */
  providerEventId: string;
  /** The provider's call id, when the event names one. */
  providerCallId: string | null;
  /** Our call id, when the provider echoes it (CustomField, a callback URL parameter). */
  callId: string | null;
  kind: 'status' | 'recording' | 'transcript' | 'control';
  /** For kind=status: the call status this event reports. */
  status?: CallStatus;
  /** When the provider says the event happened (falls back to when we received it). */
  occurredAt: Date;
  /** Answer time the provider reports (Exotel StartTime on answered events, etc.). */
  answeredAt?: Date;
  endedAt?: Date;
  /** Talk time the provider reports, seconds. */
  durationSeconds?: number;
  hangupBy?: HangupSide;
  /**
   * Who answered, on a call dialed with detectMachine: on the in_progress event when the provider
   * knows at answer time; otherwise on a later kind=status event without a status, with its own
   * providerEventId (Twilio's async AMD result). 'unknown' when the provider could not tell.
   */
  answeredBy?: AnsweredBy;
  /** For kind=recording (or a terminal status carrying one): where the provider keeps the audio. */
  recordingUrl?: string;
  recordingStatus?: 'in-progress' | 'completed' | 'absent' | 'failed';
  /** For kind=transcript: one segment (the simulator's live transcript). */
  segment?: Omit<TranscriptSegment, 'id' | 'callId'>;
  /** For kind=control: the control the provider reports carried out (stored with the call's events, never applied). */
  control?: ControlReport;
  /** The raw payload as received, stored once in call_events. */
  raw: Record<string, unknown>;
};

/**
 * Inbound: a call arriving at one of our numbers (the Twilio number, the ExoPhone), as the
 * provider tells it. `from` is the caller's number in whatever format the provider gives it.
 */
export type IncomingCall = {
  provider: TelephonyProviderName;
  providerCallId: string;
  from: string;
  /** Our number they called. */
  to: string;
  occurredAt: Date;
  raw: Record<string, unknown>;
};

/**
 * What TeleHub does with an incoming call (InboundHooks.arrive):
 * - `queue` (providers with inbound 'queue': simulator, Twilio): say `message` (the greeting with
 *   the recording notice), then hold the caller, with hold music and their place in the queue
 *   (InboundHooks.waiting), until bridge() joins the agent TeleHub picked, or hangup();
 * - `ring` (providers with inbound 'numbers': Exotel's Connect): say `message`, then ring `phones`
 *   in order, each for `ringSeconds`; the provider tells which one answered (InboundHooks.connected);
 * - `closed`: say `message` (outside hours, nobody on the floor) and hang up.
 * The call is recorded when `record` is true (the greeting said so).
 */
export type IncomingAnswer = {
  callId: string;
  language: 'en' | 'hi';
  action: 'queue' | 'ring' | 'closed';
  message: string;
  phones: string[];
  ringSeconds: number;
  record: boolean;
};

/** What the provider adapters (webhooks, the simulator) ask of TeleHub's inbound routing. */
export type InboundHooks = {
  /** A call arrived: the lead found or created by the caller's number, the call recorded, and what the caller hears. */
  arrive(call: IncomingCall): Promise<IncomingAnswer>;
  /** A queued caller waiting: their place in the queue and what they hear next; null once the call is not waiting any more. */
  waiting(providerCallId: string): Promise<{ callId: string; position: number; language: 'en' | 'hi'; message: string } | null>;
  /** inbound 'numbers': the provider connected the caller to this agent's phone (any format). */
  connected(providerCallId: string, agentPhone: string, at: Date): Promise<void>;
};

/** A call to ask the provider about, with what the engine knows of it. */
export type ReconcileRequest = {
  callId: string;
  providerCallId: string;
  /** How it was dialed (default agent_first): which leg providerCallId names may depend on it. */
  mode?: DialMode;
  /** Whether the engine has seen the lead answer, an in_progress event (default false). */
  answered?: boolean;
};

/** Audio fetched from the provider after the call. */
export type FetchedRecording = { body: Buffer; contentType: string };

export type SuperviseMode = 'listen' | 'whisper' | 'barge';

/** Which in-call controls a provider can carry out at all. */
export type ControlCapabilities = { mute: boolean; hold: boolean; transfer: boolean; dtmf: boolean };

/** A live, answered call to control, with the agent now on it (their TeleHub user id). */
export type ControlledCall = { callId: string; providerCallId: string; mode: DialMode; agentUserId: string };

/** Who a call is transferred to: a colleague (their user id) and the phone a real provider rings. */
export type TransferTo = { userId: string; phone: string | null };

/** A control the provider carried out, as its kind=control events report it. */
export type ControlReport = {
  action: 'mute' | 'unmute' | 'hold' | 'unhold' | 'dtmf' | 'transfer' | 'transfer_complete' | 'transfer_cancel';
  digits?: string;
  mode?: 'warm' | 'cold';
  toUserId?: string;
};

/** What abandon() plays to the lead: the text, spoken in the lead's language. */
export type AbandonMessage = { text: string; language: string };

export interface TelephonyProvider {
  readonly name: TelephonyProviderName;
  /** Which supervision modes work on this provider. */
  readonly supervision: readonly SuperviseMode[];
  /** Why the modes missing from `supervision` do not work here, in a sentence the UI shows. */
  readonly supervisionNote?: string;
  /** False when calls cannot be ended from here (Exotel v1 connect); the agent hangs up on the phone. */
  readonly canHangUp?: boolean;
  /** The dial modes this provider can place; every provider can place agent_first calls. */
  readonly dialModes: readonly DialMode[];
  /**
   * True when calls live in this process's memory (the simulator): nothing drives them once the
   * process is gone, so the engine records which node placed each one and ends those of nodes that
   * stopped. Vendors run their calls themselves and leave this out.
   */
  readonly callsInProcess?: boolean;
  /**
   * How inbound calls reach agents: 'queue', the provider holds the caller and bridge() joins the
   * agent TeleHub picks (the call is then bridged as a lead_first call, with `inbound: true`);
   * 'numbers', the provider rings the agents' phones TeleHub lists, in order (Exotel). Absent: no inbound.
   */
  readonly inbound?: 'queue' | 'numbers';
  /** Where the provider originates inbound calls itself (the simulator), it hands them to these hooks. */
  listen?(hooks: InboundHooks): void;
  /** Whether this provider reports answeredBy on lead_first calls dialed with detectMachine. */
  readonly machineDetection: boolean;
  dial(req: DialRequest): Promise<DialResult>;
  /**
   * lead_first calls: connects the answered lead to an agent (their phone on a real provider;
   * the simulator needs none). Providers without lead_first in dialModes leave it out.
   * Call it after the call's in_progress event. Resolves once the provider has the agent's leg
   * under way: on the simulator the conversation has begun; on Twilio the agent's phone is
   * ringing, and an agent who does not answer leaves the lead waiting (no status event; bridge
   * again or hang up). Bridging a call that already has an agent does nothing. Throws a
   * ProviderError that is not retryable when the call is unknown, over, not yet answered or not
   * lead_first, or when a real provider gets no agent phone; nobody is rung then.
   */
  bridge?(call: { callId: string; providerCallId: string; inbound?: boolean }, agent: { phone: string | null }): Promise<void>;
  /**
   * lead_first calls the engine gives up (nobody free to take the answered lead): plays `message`
   * to the lead, in `message.language` ('en', 'hi', or a tag such as 'hi-IN'), then hangs up. The
   * call's terminal event reports completed, hangupBy system, with `abandonMessagePlayed: true`
   * in its raw payload. A call already over counts as done (nothing is played); a call not yet
   * answered, already bridged to an agent, or not lead_first is refused with a ProviderError that
   * is not retryable. Providers without lead_first in dialModes leave it out.
   */
  abandon?(call: { callId: string; providerCallId: string }, message: AbandonMessage): Promise<void>;
  /** Ends the call; one already over counts as done. See the header for the hangupBy it reports. */
  hangup(call: { callId: string; providerCallId: string }): Promise<void>;
  fetchRecording(call: { callId: string; providerCallId: string; recordingUrl: string }): Promise<FetchedRecording>;
  /**
   * Why this provider will not fetch a recording from `url` (not one of its hosts), or null. Asked
   * before fetching, so a refused link is dropped instead of retried; fetchRecording refuses the
   * same links (and redirects to them) on its own.
   */
  recordingUrlProblem?(url: string): string | null;
  /**
   * Asks the provider for the call as it stands (Twilio's Calls API, Exotel's Call Details) when
   * its callbacks are overdue; returns the events its answer amounts to, to ingest like callbacks
   * (none when the provider cannot tell). Safe to repeat: the same answer gives the same event ids.
   */
  reconcile?(call: ReconcileRequest): Promise<ProviderEvent[]>;
  /** Connects a supervisor's phone to a live call in the given mode. */
  supervise?(call: { callId: string; providerCallId: string }, mode: SuperviseMode, supervisorPhone: string): Promise<void>;
  /** The in-call controls this provider can carry out (see the header); absent: none. */
  readonly controls?: ControlCapabilities;
  /** Why the controls missing from `controls` do not work here, in a sentence the UI shows. */
  readonly controlsNote?: string;
  /** Turns the agent's microphone off (the lead no longer hears them) or on again. Repeating a state does nothing. */
  setMuted?(call: ControlledCall, muted: boolean): Promise<void>;
  /** Puts the lead on hold (they hear hold music, and the agent does not hear them) or back. */
  setHeld?(call: ControlledCall, held: boolean): Promise<void>;
  /** Plays keypad tones (0-9, *, #; w pauses half a second) on the lead's line, for an IVR there to hear. */
  sendDigits?(call: ControlledCall, digits: string): Promise<void>;
  /**
   * cold: `to` takes the call and the agent leaves it at once. warm: `to` is connected to the
   * agent while the lead waits on hold; completeTransfer() then hands the call over (the agent
   * leaves, the lead comes off hold), or cancelTransfer() lets `to` go (the lead comes off hold).
   */
  transfer?(call: ControlledCall, to: TransferTo, mode: 'warm' | 'cold'): Promise<void>;
  completeTransfer?(call: ControlledCall, to: TransferTo): Promise<void>;
  cancelTransfer?(call: ControlledCall, to: TransferTo): Promise<void>;
  /** Stops timers and sockets (the simulator's clock). */
  close?(): Promise<void>;
}

/** Where ingested events go; given to providers that produce events themselves (the simulator). */
export type EventSink = (event: ProviderEvent) => Promise<unknown>;

export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ProviderError';
  }
}
