/**
 * Twilio Programmable Voice behind the telephony port, over its REST API (no SDK at run time).
 * Every call is a conference named by our call id, with the agent labelled "agent" and the lead
 * "lead", both with endConferenceOnExit: whoever leaves first ends it, which drops the other, and
 * the conference's end callback names who that was (hangupBy). The lead's leg is the call's
 * status as the engine sees it (twilio.events.ts).
 *
 * agent_first (click-to-call): the agent first, then the lead.
 *  1. dial() calls the agent with TwiML that puts the agent into the conference. Its status
 *     callbacks come back with leg=agent; the providerCallId is the agent's call SID.
 *  2. When the agent answers, the voice-status webhook asks connectLead() to add the lead through
 *     the Participants API (ring timeout, time limit, dual-channel recording of the lead's leg).
 *     Its callbacks come back with leg=lead: the call's ringing, answered and completed.
 *  The lead must not ring before the agent is on, hence the lead is added on the agent's answer.
 *  Its dial plan (number, ring time, time limit, recording) rides in the agent's callback URL,
 *  which Twilio signs, so any server node can act on the callback without state.
 *
 * lead_first (the dialer): the lead alone, then whichever agent the engine picks.
 *  1. dial() calls the lead with TwiML that puts the lead into the conference (ring timeout, time
 *     limit, dual-channel recording of the lead's call). Callbacks: leg=lead&mode=lead_first; the
 *     providerCallId is the lead's call SID, and in_progress means the lead answered.
 *  2. bridge() adds the agent's phone to that conference through the Participants API. The
 *     agent's callbacks (leg=agent&mode=lead_first) are stored but never set the call's status.
 *  3. hangup() before an agent is on ends the conference through the API (hangupBy system);
 *     after, it hangs up the agent first (hangupBy agent), as on agent_first.
 *  With detectMachine, dial() asks for asynchronous answering-machine detection: the lead joins
 *  the conference at once, and Twilio's verdict comes later to the lead's URL with amd=1.
 *  abandon() gives a waiting lead up: its call is redirected to TwiML that says a message and
 *  hangs up, with a status URL marked abandoned=1 (twilio.events.ts).
 *
 * Inbound ('queue'): the voice-incoming webhook's TwiML greets a caller (recording from there when
 * the greeting says so) and holds them in Twilio's queue (twilio.inbound.ts); the caller's CallSid
 * is the providerCallId of what is then an answered lead_first call. bridge(..., inbound: true)
 * moves the caller into the call's conference first. abandon() and hangup() find no conference
 * for a queued caller and act on the caller's call itself (message then hang-up; Status=completed).
 *
 * reconcile() reads the dialed leg from the Calls API when its callbacks are overdue (a lost
 * callback, our server down when Twilio sent it).
 *
 * In-call controls (mute, hold, keypad tones, transfer) act on the conference too:
 * twilio.controls.ts. A colleague a transfer adds is labelled agent-<user id> and counts as the
 * agent wherever the agent is looked for here.
 *
 * Why a conference rather than <Dial><Number>: a manager can listen, whisper or barge only into a
 * conference, an agent can mute, hold and transfer only there, and moving a bridged call into one
 * mid-call drops or re-dials a leg.
 */
import type { Clock } from '../../../platform/context.js';
import {
  type DialRequest,
  type DialResult,
  type FetchedRecording,
  ProviderError,
  type ProviderEvent,
  type ReconcileRequest,
  type SuperviseMode,
  type TelephonyProvider,
} from '../telephony.port.js';
import { createTwilioControls, TWILIO_CONTROLS } from './twilio.controls.js';
import { eventsFromCallResource, isTwilioTerminal, type TwilioCallStatus, TwilioPayloadError } from './twilio.events.js';
import { CALL_NOT_IN_PROGRESS, CONFERENCE_GONE, type Conference, createTwilioLegs, isLive, type Participant, readSid, sidPath } from './twilio.legs.js';
import { createTwilioRest, TwilioError, type TwilioRestOptions } from './twilio.rest.js';
import {
  abandonTwiml,
  agentTwiml,
  callbackUrl,
  DEFAULT_HOLD_MUSIC_URL,
  isAgentLabel,
  type LeadPlan,
  leadTwiml,
  TWILIO_CALLBACK_EVENTS,
} from './twilio.twiml.js';

export { TwilioError } from './twilio.rest.js';

export type TwilioProviderOptions = TwilioRestOptions & {
  /** The Twilio number (or verified caller id) both parties see. */
  callerId: string;
  /** Where Twilio reaches our webhooks (PUBLIC_BASE_URL); callback URLs and signatures use it. */
  publicBaseUrl: string;
  /** lead_first: how long bridge() rings the agent's phone, seconds. Default 20. */
  agentRingTimeoutSeconds?: number;
  /** Stamps what reconcile() learns that Twilio gives no time for. */
  clock?: Clock;
  /**
   * The media stream URL for a leg of a call (speech-to-text), or null. The leg whose TwiML we
   * write streams: the lead's on lead_first calls, the agent's on agent_first ones (the lead then
   * joins through the Participants API, which runs no TwiML; the agent's outbound track is the lead).
   */
  mediaStreamUrl?: (callId: string, leg: 'lead' | 'agent') => string | null;
  /** What a lead on hold hears (in-call hold); default Twilio's public hold music. */
  holdMusicUrl?: string;
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

export function createTwilioProvider(opts: TwilioProviderOptions): TwilioProvider {
  const rest = createTwilioRest(opts);
  const { getJson, postJson } = rest;
  const legs = createTwilioLegs(rest);
  const { liveConference, participants, legStatus, endConference, endLeg } = legs;
  const publicBase = opts.publicBaseUrl.replace(/\/+$/, '');
  const controls = createTwilioControls({
    rest,
    legs,
    get callerId() {
      return opts.callerId;
    },
    publicBaseUrl: publicBase,
    holdMusicUrl: opts.holdMusicUrl ?? DEFAULT_HOLD_MUSIC_URL,
  });

  /** The lead's leg in two channels: the lead, and everything the lead hears (agent, barge). */
  function recordLeadLeg(form: URLSearchParams, callbackQuery: Record<string, string>) {
    form.set('Record', 'true');
    form.set('RecordingChannels', 'dual');
    form.set('RecordingStatusCallback', callbackUrl(publicBase, 'recording-status', callbackQuery));
    form.set('RecordingStatusCallbackMethod', 'POST');
    form.append('RecordingStatusCallbackEvent', 'completed');
    form.append('RecordingStatusCallbackEvent', 'absent');
  }

  /**
   * A queued inbound caller gets the lead's TwiML (out of the queue, into the conference, streamed)
   * and the lead's status URL, so the conference's end names who hung up, as on lead_first. Sent
   * once: a repeat would take the caller out of the conference just joined, ending it.
   */
  async function moveCallerIntoConference(call: { callId: string; providerCallId: string }): Promise<void> {
    const form = new URLSearchParams({
      Twiml: leadTwiml(call.callId, publicBase, opts.mediaStreamUrl?.(call.callId, 'lead') ?? null),
      StatusCallback: callbackUrl(publicBase, 'voice-status', { callId: call.callId, leg: 'lead', mode: 'lead_first' }),
      StatusCallbackMethod: 'POST',
    });
    try {
      await postJson('moving the caller into the call', `/Calls/${sidPath(call.providerCallId)}.json`, form, false);
    } catch (err) {
      if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) {
        throw new TwilioError(`Twilio cannot bridge call ${call.callId}: the caller has hung up`, 409, false);
      }
      throw err;
    }
  }

  async function placeCall(form: URLSearchParams): Promise<DialResult> {
    for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
    const body = await postJson('placing the call', '/Calls.json', form, false);
    return { providerCallId: readSid(body, 'sid', 'placing the call') };
  }

  /** Recording links come from Twilio's callbacks: credentials go only to Twilio's own hosts. */
  function recordingUrlProblem(recordingUrl: string): string | null {
    if (!URL.canParse(recordingUrl)) return 'the recording URL is not a URL';
    const url = new URL(recordingUrl);
    const twilioHost = url.protocol === 'https:' && (url.hostname === 'twilio.com' || url.hostname.endsWith('.twilio.com'));
    return url.origin === rest.origin || twilioHost ? null : `the recording URL is not on Twilio (${url.origin})`;
  }

  function recordingAudioUrl(recordingUrl: string): string {
    const problem = recordingUrlProblem(recordingUrl);
    if (problem) throw new TwilioError(problem, null, false);
    const url = new URL(recordingUrl);
    url.pathname = `${url.pathname.replace(/\.(wav|mp3|json)$/i, '')}.wav`;
    return url.toString();
  }

  const supervision: readonly SuperviseMode[] = ['listen', 'whisper', 'barge'];

  return {
    name: 'twilio',
    supervision,
    dialModes: ['agent_first', 'lead_first'],
    inbound: 'queue',
    machineDetection: true,
    controls: TWILIO_CONTROLS,
    ...controls,
    recordingUrlProblem,

    async dial(req: DialRequest): Promise<DialResult> {
      if (req.mode === 'lead_first') {
        const leadQuery = { callId: req.callId, leg: 'lead', mode: 'lead_first' };
        const form = new URLSearchParams({
          To: req.leadPhone,
          From: opts.callerId,
          Twiml: leadTwiml(req.callId, publicBase, opts.mediaStreamUrl?.(req.callId, 'lead') ?? null),
          StatusCallback: callbackUrl(publicBase, 'voice-status', leadQuery),
          StatusCallbackMethod: 'POST',
          Timeout: String(req.ringTimeoutSeconds),
          TimeLimit: String(req.timeLimitSeconds),
        });
        if (req.detectMachine) {
          // Asynchronous: the lead is put into the conference at once instead of hearing silence
          // while Twilio listens; Enable answers as soon as it can tell (no wait for the beep).
          form.set('MachineDetection', 'Enable');
          form.set('AsyncAmd', 'true');
          form.set('AsyncAmdStatusCallback', callbackUrl(publicBase, 'voice-status', { ...leadQuery, amd: '1' }));
          form.set('AsyncAmdStatusCallbackMethod', 'POST');
        }
        if (req.record) recordLeadLeg(form, { callId: req.callId, mode: 'lead_first' });
        return placeCall(form);
      }
      if (!req.agentPhone) throw new ProviderError('The agent has no phone number for Twilio to ring first', null, false);
      const form = new URLSearchParams({
        To: req.agentPhone,
        From: opts.callerId,
        Twiml: agentTwiml(req.callId, publicBase, opts.mediaStreamUrl?.(req.callId, 'agent') ?? null),
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
      return placeCall(form);
    },

    /**
     * lead_first: rings the agent's phone into the conference the answered lead waits in. Checked
     * first, so that no agent is rung for a lead who is gone: the lead's call must be in progress
     * (and not be the agent's call of an agent_first call). The lead may have answered without having joined
     * yet (the answered callback can beat the TwiML): then the agent is added by the conference's
     * name, which Twilio creates and the lead then joins. A call with an agent already on or
     * ringing is left as it is: bridging twice does nothing. An agent who does not answer leaves
     * the lead waiting, and a later bridge() may try someone else. An inbound caller still in the
     * queue (no conference yet) is moved into the conference first; a caller who has hung up is
     * refused before anyone is rung.
     */
    async bridge(call: { callId: string; providerCallId: string; inbound?: boolean }, agent: { phone: string | null }): Promise<void> {
      if (!agent.phone) throw new ProviderError('The agent has no phone number for Twilio to bridge the lead to', null, false);
      const who = call.inbound ? 'caller' : 'lead';
      const lead = await legStatus(call.providerCallId);
      if (lead !== 'in-progress' && lead !== 'answered') {
        const why = lead === 'queued' || lead === 'initiated' || lead === 'ringing' ? 'has not answered yet' : `has ended (${lead})`;
        throw new TwilioError(`Twilio cannot bridge call ${call.callId}: the ${who} ${why}`, 409, false);
      }
      const conference = await liveConference(call.callId);
      if (call.inbound && !conference) await moveCallerIntoConference(call);
      const present = conference ? (await participants(conference.sid)).filter(isLive) : [];
      const self = present.find((p) => p.call_sid === call.providerCallId);
      if (self && self.label !== 'lead') throw new TwilioError(`Twilio cannot bridge call ${call.callId}: it was dialed agent_first`, 409, false);
      if (present.some((p) => isAgentLabel(p.label))) return;
      const form = new URLSearchParams({
        From: opts.callerId,
        To: agent.phone,
        Label: 'agent',
        Timeout: String(opts.agentRingTimeoutSeconds ?? 20),
        Beep: 'false',
        StartConferenceOnEnter: 'true',
        // The agent leaving ends the call: the lead is not left alone in the conference.
        EndConferenceOnExit: 'true',
        StatusCallback: callbackUrl(publicBase, 'voice-status', { callId: call.callId, leg: 'agent', mode: 'lead_first', leadCall: call.providerCallId }),
        StatusCallbackMethod: 'POST',
      });
      for (const e of TWILIO_CALLBACK_EVENTS) form.append('StatusCallbackEvent', e);
      // By SID when it exists: a conference that ended meanwhile is refused, not re-created.
      const target = conference ? conference.sid : call.callId;
      await postJson('bridging the agent', `/Conferences/${sidPath(target)}/Participants.json`, form, false);
    },

    /**
     * lead_first: gives the answered lead up with a message. Any other leg on the call (an agent
     * still ringing, a supervisor) is let go first, so nobody answers into a call given up; then
     * the lead's endConferenceOnExit is turned off, since leaving the conference to hear the
     * message would otherwise end it in the lead's name, as if the lead had hung up; then the
     * lead's call is redirected to TwiML that says the message and hangs up, its status URL now
     * marked abandoned=1 (Twilio sends the completed callback to the new URL). Refused, playing
     * nothing: a lead not yet answered, a call with an agent on, an agent_first call. A lead
     * already gone (before or during this) leaves nothing to do.
     */
    async abandon(call: { callId: string; providerCallId: string }, message: { text: string; language: string }): Promise<void> {
      const lead = await legStatus(call.providerCallId);
      if (isTwilioTerminal(lead)) return;
      if (lead !== 'in-progress' && lead !== 'answered') {
        throw new TwilioError(`Twilio cannot abandon call ${call.callId}: the lead has not answered yet`, 409, false);
      }
      const conference = await liveConference(call.callId);
      const present = conference ? (await participants(conference.sid)).filter(isLive) : [];
      const self = present.find((p) => p.call_sid === call.providerCallId);
      if (self && self.label !== 'lead') throw new TwilioError(`Twilio cannot abandon call ${call.callId}: it was dialed agent_first`, 409, false);
      if (present.some((p) => isAgentLabel(p.label) && p.status === 'connected')) {
        throw new TwilioError(`Twilio cannot abandon call ${call.callId}: an agent is already on it`, 409, false);
      }
      for (const p of present) if (p !== self) await endLeg(p.call_sid);
      if (conference && self) {
        try {
          const path = `/Conferences/${sidPath(conference.sid)}/Participants/${sidPath(self.call_sid)}.json`;
          await postJson('keeping the lead from ending the conference', path, new URLSearchParams({ EndConferenceOnExit: 'false' }), true);
        } catch (err) {
          // The lead left the conference meanwhile: the redirect below finds out whether it is gone.
          if (!(err instanceof TwilioError && (err.status === 404 || err.code === CONFERENCE_GONE))) throw err;
        }
      }
      const form = new URLSearchParams({
        Twiml: abandonTwiml(message),
        StatusCallback: callbackUrl(publicBase, 'voice-status', { callId: call.callId, leg: 'lead', mode: 'lead_first', abandoned: '1' }),
        StatusCallbackMethod: 'POST',
      });
      try {
        // Repeatable: a second redirect only starts the message again.
        await postJson('playing the abandon message', `/Calls/${sidPath(call.providerCallId)}.json`, form, true);
      } catch (err) {
        if (err instanceof TwilioError && err.code === CALL_NOT_IN_PROGRESS) return; // the lead hung up meanwhile
        throw err;
      }
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
      if (req.record) recordLeadLeg(form, { callId: req.callId, agent: req.agentCallSid });
      const body = await postJson('dialing the lead', `/Conferences/${sidPath(req.callId)}/Participants.json`, form, false);
      return { leadCallSid: readSid(body, 'call_sid', 'dialing the lead') };
    },

    endLeg,

    legStatus,

    /**
     * With an agent on the call: ends the agent's call first, so the conference's end names the
     * agent, then every other participant still there or still ringing (a leg that has not
     * answered yet is not dropped by the conference ending). A lead_first lead waiting for an
     * agent: the engine is giving the call up, so the conference is ended through the API (its
     * end names the system, where ending the lead's call would name the lead), then any agent
     * still ringing. Before anyone answered, or an inbound caller still in the queue (no
     * conference yet): the dialed (or caller's) call alone, Status=completed.
     */
    async hangup(call: { callId: string; providerCallId: string }): Promise<void> {
      let conference: Conference | null = null;
      let present: Participant[] = [];
      try {
        conference = await liveConference(call.callId);
        if (conference) present = (await participants(conference.sid)).filter(isLive);
      } catch (err) {
        // Hanging up the dialed leg matters most; a leg left ringing is dropped when it answers.
        opts.logger?.warn({ err, callId: call.callId }, 'could not list the call’s conference on Twilio; hanging up the dialed leg only');
      }
      const agentOn = present.find((p) => isAgentLabel(p.label) && p.status === 'connected');
      const self = present.find((p) => p.call_sid === call.providerCallId);
      if (conference && self?.label === 'lead' && !agentOn) {
        try {
          await endConference(conference.sid);
        } catch (err) {
          opts.logger?.warn({ err, callId: call.callId }, 'could not end the call’s conference on Twilio; hanging up the lead instead');
        }
      }
      const first = agentOn?.call_sid ?? call.providerCallId;
      await endLeg(first);
      for (const p of present) if (p.call_sid !== first) await endLeg(p.call_sid);
    },

    /** Reads the dialed leg from the Calls API: what its overdue callbacks would have said (twilio.events.ts). */
    async reconcile(call: ReconcileRequest): Promise<ProviderEvent[]> {
      const body = await getJson('reading a call', `/Calls/${sidPath(call.providerCallId)}.json`);
      try {
        return eventsFromCallResource(body, call, opts.clock?.now() ?? new Date());
      } catch (err) {
        if (err instanceof TwilioPayloadError)
          throw new TwilioError(`Twilio answered reading call ${call.providerCallId} unexpectedly: ${err.message}`, null, false);
        throw err;
      }
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
      const live = (await participants(conference.sid)).filter(isLive);
      // The agent's leg: the dialed call on agent_first, the bridged one on lead_first.
      const agentCallSid = (live.find((p) => isAgentLabel(p.label) && p.status === 'connected') ?? live.find((p) => isAgentLabel(p.label)))?.call_sid;
      let settings: Record<string, string> = { Muted: 'false', Coaching: 'false' };
      if (mode === 'listen') settings = { Muted: 'true', Coaching: 'false' };
      if (mode === 'whisper') {
        if (!agentCallSid) throw new TwilioError('no agent is on the call yet to whisper to', 409, false);
        settings = { Muted: 'false', Coaching: 'true', CallSidToCoach: agentCallSid };
      }
      const label = `supervisor:${supervisorPhone}`;
      const present = live.find((p) => p.label === label);
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
