/** The Twilio stand-in's state: the calls, conferences, participants, recordings and queue seats it keeps. */
import type { StandinAmd } from './twilio-standin.params.js';
import type { TwimlNode } from './twilio-standin.twiml.js';

export type StandinCall = {
  sid: string;
  to: string;
  from: string;
  /** inbound: a call to our number (incoming()); outbound-api: one created through the REST API. */
  direction: 'inbound' | 'outbound-api';
  status: string;
  twiml: string | null;
  statusCallback: string | null;
  statusCallbackEvents: string[];
  timeout: number | null;
  timeLimit: number | null;
  answeredAt: Date | null;
  createdAt: Date;
  /** The last change of status (Twilio's date_updated). */
  updatedAt: Date;
  /** When it reached a final status. */
  endedAt: Date | null;
  seq: number;
  /** Record=true on the call or participant request, with a status callback. */
  recording: StandinRecording | null;
  /** The form it was created with. */
  form: URLSearchParams;
  /** Answering-machine detection asked for at create (MachineDetection, AsyncAmd...). */
  amd: StandinAmd | null;
  /** Forms of the updates that redirected it to new TwiML (Twiml or Url), oldest first. */
  redirects: URLSearchParams[];
  /** Where it waits after an <Enqueue>; null once it left the queue (bridged, redirected, hung up, <Leave/>). */
  queue: StandinQueueSeat | null;
};
/** A call waiting in a queue: what it asks for while waiting, and the verbs after its <Enqueue> (run on <Leave/>). */
export type StandinQueueSeat = {
  name: string;
  queueSid: string;
  waitUrl: string | null;
  waitUrlMethod: string;
  enqueuedAt: Date;
  after: TwimlNode[];
};
export type StandinRecording = { sid: string; callSid: string; channels: 'mono' | 'dual'; callback: string; events: string[] };
export type StandinParticipant = {
  callSid: string;
  conferenceSid: string;
  label: string | null;
  status: 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed';
  muted: boolean;
  hold: boolean;
  /** What a participant on hold hears (HoldUrl), as last given. */
  holdUrl: string | null;
  coaching: boolean;
  callSidToCoach: string | null;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  recording: StandinRecording | null;
};
export type StandinConference = {
  sid: string;
  friendlyName: string;
  status: 'init' | 'in-progress' | 'completed';
  statusCallback: string | null;
  statusCallbackEvents: string[];
  seq: number;
  /** What ended it: a participant with endConferenceOnExit leaving, or the REST API. */
  endedBy: { label: string | null; callSid: string } | 'api' | null;
};

/** A callback as Twilio would send it: the URL it signs, the form body and the headers. */
export type SignedCallback = { url: string; path: string; body: string; params: Record<string, string>; headers: Record<string, string> };
