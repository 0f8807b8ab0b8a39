/**
 * Twilio Programmable Voice behind the telephony port, over its REST API (no SDK at run time).
 *
 * Call design: agent first, then the lead, both in a conference named by our call id.
 *  1. dial() calls the agent with TwiML that puts the agent into <Conference>{callId}</Conference>
 *     (label "agent", endConferenceOnExit). Its status callbacks come back with leg=agent.
 *  2. When the agent answers, the voice-status webhook asks connectLead() to add the lead to that
 *     conference through the Participants API (label "lead", endConferenceOnExit, ring timeout,
 *     time limit, dual-channel recording of the lead's leg). Its status callbacks come back with
 *     leg=lead: those are the call's ringing, answered and completed as the engine sees them.
 *  3. Whoever leaves first ends the conference, which drops the other; the conference's end
 *     callback names who that was (hangupBy).
 * Why a conference rather than <Dial><Number>: a manager can listen, whisper or barge only into a
 * conference, and moving a bridged call into one mid-call drops or re-dials a leg. Why the lead is
 * added on the agent's answer rather than at once: the lead must not ring before the agent is on.
 * The dial plan for the lead (number, ring time, time limit, recording) rides in the agent's
 * callback URL, which Twilio signs, so any server node can act on the callback without state.
 */
import { type DialRequest, type DialResult, type FetchedRecording, ProviderError, type SuperviseMode, type TelephonyProvider } from '../telephony.port.js';
import { TWILIO_CALL_STATUSES, type TwilioCallStatus } from './twilio.events.js';
import { createTwilioRest, isRecord, TwilioError, type TwilioRestOptions } from './twilio.rest.js';
import { agentTwiml, callbackUrl, type LeadPlan, TWILIO_CALLBACK_EVENTS } from './twilio.twiml.js';

export { TwilioError } from './twilio.rest.js';

export type TwilioProviderOptions = TwilioRestOptions & {
  /** The Twilio number (or verified caller id) both parties see. */
  callerId: string;
  /** Where Twilio reaches our webhooks (PUBLIC_BASE_URL); callback URLs and signatures use it. */
  publicBaseUrl: string;
};

/** What connectLead needs: the dial plan carried in the agent's callback URL, plus the agent's call. */
export type ConnectLeadRequest = LeadPlan & { callId: string; agentCallSid: string };

export interface TwilioProvider extends TelephonyProvider {
  /** Adds the lead to the call's conference (after the agent answered); the lead's call SID. */
  connectLead(req: ConnectLeadRequest): Promise<{ leadCallSid: string }>;
  /** Hangs up one Twilio call; a call already over counts as done. */
  endLeg(callSid: string): Promise<void>;
  /** Twilio's current status of one call. */
  legStatus(callSid: string): Promise<TwilioCallStatus>;
}

/** Narrows the configured provider, for wiring the webhook routes that act on its legs. */
export const isTwilioProvider = (p: TelephonyProvider): p is TwilioProvider =>
  p.name === 'twilio' && typeof (p as Partial<TwilioProvider>).connectLead === 'function';

/** Twilio's "Call is not in-progress": the call already ended. */
const CALL_NOT_IN_PROGRESS = 21220;

type Participant = { call_sid: string; label: string | null; status: string };
type Conference = { sid: string; status: string; friendly_name: string };

export function createTwilioProvider(opts: TwilioProviderOptions): TwilioProvider {
  const rest = createTwilioRest(opts);
  const { getJson, postJson } = rest;
  const publicBase = opts.publicBaseUrl.replace(/\/+$/, '');

  const sidPath = (sid: string) => encodeURIComponent(sid);

  function readSid(body: unknown, field: 'sid' | 'call_sid', what: string): string {
    const v = isRecord(body) ? body[field] : undefined;
    if (typeof v !== 'string' || !/^CA[0-9a-fA-F]{32}$/.test(v)) throw new TwilioError(`Twilio answered ${what} without a call SID`, null, false);
    return v;
  }

  async function liveConference(callId: string): Promise<Conference | null> {
    const body = await getJson('listing conferences', `/Conferences.json?${new URLSearchParams({ FriendlyName: callId })}`);
    const list = isRecord(body) && Array.isArray(body.conferences) ? body.conferences : [];
    const live = list.find((c): c is Conference => isRecord(c) && typeof c.sid === 'string' && c.friendly_name === callId && c.status !== 'completed');
    return live ?? null;
  }

  async function participants(conferenceSid: string): Promise<Participant[]> {
    const body = await getJson('listing participants', `/Conferences/${sidPath(conferenceSid)}/Participants.json`);
    const list = isRecord(body) && Array.isArray(body.participants) ? body.participants : [];
    return list.filter((p): p is Participant => isRecord(p) && typeof p.call_sid === 'string');
  }

  async function endLeg(callSid: string): Promise<void> {
    try {
      await postJson('hanging up a call', `/Calls/${sidPath(callSid)}.json`, new URLSearchParams({ Status: 'completed' }), true);
    } catch (err) {
      // A call that is already over is what hanging up asks for.
      if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) return;
      throw err;
    }
  }

  /** Recording links come from Twilio's callbacks: credentials go only to Twilio's own hosts. */
  function recordingAudioUrl(recordingUrl: string): string {
    let url: URL;
    try {
      url = new URL(recordingUrl);
    } catch {
      throw new TwilioError('the recording URL is not a URL', null, false);
    }
    const twilioHost = url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'));
    if (url.origin !== rest.origin && !twilioHost) throw new TwilioError(`the recording URL is not on Twilio (${url.origin})`, null, false);
    url.pathname = `${url.pathname.replace(/\.(wav|mp3|json)$/i, '')}.wav`;
    return url.toString();
  }

  const supervision: readonly SuperviseMode[] = ['listen', 'whisper', 'barge'];

  return {
    name: 'twilio',
    supervision,
    dialModes: ['agent_first'],

    async dial(req: DialRequest): Promise<DialResult> {
      if (!req.agentPhone) throw new ProviderError('The agent has no phone number for Twilio to ring first', null, false);
      const form = new URLSearchParams({
        To: req.agentPhone,
        From: opts.callerId,
        Twiml: agentTwiml(req.callId, publicBase),
        StatusCallback: callbackUrl(publicBase, 'voice-status', {
          callId: req.callId,
          leg: 'agent',
          lead: req.leadPhone,
          ring: String(req.ringTimeoutSeconds),
          limit: String(req.timeLimitSeconds),
          record: req.record ? '1' : '0',
        }),
        StatusCallbackMethod: 'POST',
        Timeout: String(req.ringTimeoutSeconds),
        // The agent's leg also waits while the lead rings.
        TimeLimit: String(req.timeLimitSeconds + req.ringTimeoutSeconds),
      });
      for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
      const body = await postJson('placing the call', '/Calls.json', form, false);
      return { providerCallId: readSid(body, 'sid', 'placing the call') };
    },

    async connectLead(req: ConnectLeadRequest): Promise<{ leadCallSid: string }> {
      const form = new URLSearchParams({
        From: opts.callerId,
        To: req.leadPhone,
        Label: 'lead',
        Timeout: String(req.ringTimeoutSeconds),
        TimeLimit: String(req.timeLimitSeconds),
        // The agent hears the lead's phone ring instead of silence.
        EarlyMedia: 'true',
        Beep: 'false',
        StartConferenceOnEnter: 'true',
        EndConferenceOnExit: 'true',
        StatusCallback: callbackUrl(publicBase, 'voice-status', { callId: req.callId, leg: 'lead', agent: req.agentCallSid }),
        StatusCallbackMethod: 'POST',
      });
      for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
      if (req.record) {
        // The lead's leg in two channels: the lead, and everything the lead hears (agent, barge).
        form.set('Record', 'true');
        form.set('RecordingChannels', 'dual');
        form.set('RecordingStatusCallback', callbackUrl(publicBase, 'recording-status', { callId: req.callId, agent: req.agentCallSid }));
        form.set('RecordingStatusCallbackMethod', 'POST');
        form.append('RecordingStatusCallbackEvent', 'completed');
        form.append('RecordingStatusCallbackEvent', 'absent');
      }
      const body = await postJson('dialing the lead', `/Conferences/${sidPath(req.callId)}/Participants.json`, form, false);
      return { leadCallSid: readSid(body, 'call_sid', 'dialing the lead') };
    },

    endLeg,

    async legStatus(callSid: string): Promise<TwilioCallStatus> {
      const body = await getJson('reading a call', `/Calls/${sidPath(callSid)}.json`);
      const status = isRecord(body) ? body.status : undefined;
      if (typeof status !== 'string' || !(TWILIO_CALL_STATUSES as readonly string[]).includes(status)) {
        throw new TwilioError('Twilio answered a call without a known status', null, false);
      }
      return status as TwilioCallStatus;
    },

    /**
     * Ends the agent's call first, so the conference's end names the agent, then every other
     * participant still there or still ringing (a lead who has not answered yet is not dropped by
     * the conference ending).
     */
    async hangup(call: { callId: string; providerCallId: string }): Promise<void> {
      let others: Participant[] = [];
      try {
        const conference = await liveConference(call.callId);
        if (conference) others = (await participants(conference.sid)).filter((p) => p.call_sid !== call.providerCallId);
      } catch (err) {
        // Hanging up the agent matters most; a lead left ringing is dropped when it answers.
        opts.logger?.warn({ err, callId: call.callId }, 'could not list the call’s conference on Twilio; hanging up the agent only');
      }
      await endLeg(call.providerCallId);
      for (const p of others) await endLeg(p.call_sid);
    },

    async fetchRecording(call: { callId: string; providerCallId: string; recordingUrl: string }): Promise<FetchedRecording> {
      const answer = await rest.send('fetching the recording', recordingAudioUrl(call.recordingUrl), { method: 'GET', repeatable: true });
      if (answer.body.length === 0) throw new TwilioError('Twilio answered the recording with no audio', answer.status, true);
      return { body: answer.body, contentType: answer.headers.get('content-type')?.split(';')[0]?.trim() || 'audio/wav' };
    },

    /**
     * Listen: muted. Whisper: coaching the agent's call (heard by the agent only). Barge: heard by
     * both. A supervisor already on the call switches mode in place instead of being rung again.
     */
    async supervise(call: { callId: string; providerCallId: string }, mode: SuperviseMode, supervisorPhone: string): Promise<void> {
      const conference = await liveConference(call.callId);
      if (!conference) throw new TwilioError('the call is not live on Twilio (no conference to join)', 409, false);
      const settings: Record<string, string> =
        mode === 'listen'
          ? { Muted: 'true', Coaching: 'false' }
          : mode === 'whisper'
            ? { Muted: 'false', Coaching: 'true', CallSidToCoach: call.providerCallId }
            : { Muted: 'false', Coaching: 'false' };
      const label = `supervisor:${supervisorPhone}`;
      const present = (await participants(conference.sid)).find((p) => p.label === label && p.status !== 'complete' && p.status !== 'failed');
      const path = `/Conferences/${sidPath(conference.sid)}/Participants`;
      if (present) {
        await postJson(`switching the supervisor to ${mode}`, `${path}/${sidPath(present.call_sid)}.json`, new URLSearchParams(settings), true);
        return;
      }
      const form = new URLSearchParams({
        From: opts.callerId,
        To: supervisorPhone,
        Label: label,
        Beep: 'false',
        StartConferenceOnEnter: 'false',
        EndConferenceOnExit: 'false',
        ...settings,
      });
      await postJson(`adding a supervisor to ${mode}`, `${path}.json`, form, false);
    },
  };
}
