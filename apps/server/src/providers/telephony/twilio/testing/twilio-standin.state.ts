/** The Twilio stand-in's state: the calls, conferences, participants and recordings it keeps. */
import type { StandinAmd } from './twilio-standin.params.js';

export type StandinCall = {
  sid: string;
  to: string;
  from: string;
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
};
export type StandinRecording = { sid: string; callSid: string; channels: 'mono' | 'dual'; callback: string; events: string[] };
export type StandinParticipant = {
  callSid: string;
  conferenceSid: string;
  label: string | null;
  status: 'queued' | 'connecting' | 'ringing' | 'connected' | 'complete' | 'failed';
  muted: boolean;
  hold: boolean;
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
