/**
 * The Twilio stand-in's REST rules (twilio-standin.ts serves them over HTTP): what Twilio accepts
 * on Calls, Conferences and Participants, and the errors it answers otherwise. Its state is shaped
 * in twilio-standin.state.ts and shown as JSON by twilio-standin.json.ts; TwiML is read by
 * twilio-standin.twiml.ts; which parameters each endpoint takes, by twilio-standin.params.ts.
 */
import { toCallJson, toConferenceJson, toParticipantJson } from './twilio-standin.json.js';
import { boolParam, callbackParam, checkParams, eventsParam, intParam, readMachineDetection } from './twilio-standin.params.js';
import type { StandinCall, StandinConference, StandinParticipant, StandinRecording } from './twilio-standin.state.js';
import { checkTwiml, Refusal } from './twilio-standin.twiml.js';

export type { StandinCall, StandinConference, StandinParticipant, StandinRecording } from './twilio-standin.state.js';
export { checkTwiml } from './twilio-standin.twiml.js';

export type Answer = { status: number; body: unknown };

const E164 = /^\+[1-9]\d{6,14}$/;
/** Twilio's limit on a Twiml parameter (error 32018). */
const MAX_TWIML = 4000;
const FINAL = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];
const CALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
const RECORDING_EVENTS = ['in-progress', 'completed', 'absent'];
/** Twilio's "Conference does not exist or is completed". */
const CONFERENCE_GONE = 16022;
const hex32 = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

export class TwilioRules {
  readonly accountSid: string;
  /** The account's auth token: a test may rotate it, as promoting the secondary token in Twilio's console does. */
  authToken: string;
  readonly callerIds: string[];
  readonly publicBaseUrl: string;
  readonly calls = new Map<string, StandinCall>();
  readonly conferences = new Map<string, StandinConference>();
  readonly participants: StandinParticipant[] = [];
  readonly recordings = new Map<string, StandinRecording>();
  /** Twilio's clock: call times and callback timestamps. */
  now: () => Date = () => new Date();

  constructor(o: { accountSid: string; authToken: string; callerIds: string[]; publicBaseUrl: string }) {
    this.accountSid = o.accountSid;
    this.authToken = o.authToken;
    this.callerIds = o.callerIds;
    this.publicBaseUrl = o.publicBaseUrl.replace(/\/+$/, '');
  }

  error(status: number, code: number, message: string) {
    return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
  }

  route(method: string, path: string, form: URLSearchParams, query: URLSearchParams): Answer {
    try {
      if (method === 'POST' && path === '/Calls.json') {
        checkParams('call.create', form);
        return { status: 201, body: this.callJson(this.createCall(form)) };
      }
      const call = /^\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(path)?.[1];
      if (call && method === 'GET') return { status: 200, body: this.callJson(this.mustCall(call)) };
      if (call && method === 'POST') {
        checkParams('call.update', form);
        return { status: 200, body: this.callJson(this.updateCall(this.mustCall(call), form)) };
      }
      if (method === 'GET' && path === '/Conferences.json') {
        const name = query.get('FriendlyName');
        const status = query.get('Status');
        const list = [...this.conferences.values()].filter((c) => (!name || c.friendlyName === name) && (!status || c.status === status));
        return { status: 200, body: { conferences: list.map((c) => this.conferenceJson(c)), page: 0, page_size: 50 } };
      }
      const conference = /^\/Conferences\/(CF[0-9a-f]{32})\.json$/.exec(path)?.[1];
      if (conference && method === 'POST') {
        checkParams('conference.update', form);
        return { status: 200, body: this.conferenceJson(this.updateConference(conference, form)) };
      }
      const parts = /^\/Conferences\/([^/]+)\/Participants(?:\/(CA[0-9a-f]{32}))?\.json$/.exec(path);
      if (parts?.[1]) {
        const ref = decodeURIComponent(parts[1]);
        if (method === 'POST') checkParams(parts[2] ? 'participant.update' : 'participant.create', form);
        if (method === 'POST' && !parts[2]) return { status: 201, body: this.participantJson(this.addParticipant(ref, form)) };
        const conf = this.mustConference(ref);
        if (method === 'GET' && !parts[2]) {
          const live = this.participants.filter((p) => p.conferenceSid === conf.sid && p.status !== 'complete' && p.status !== 'failed');
          return { status: 200, body: { participants: live.map((p) => this.participantJson(p)) } };
        }
        const p = this.participants.find((x) => x.conferenceSid === conf.sid && x.callSid === parts[2] && x.status !== 'complete');
        if (!p) throw new Refusal(404, 20404, 'The requested resource was not found');
        if (method === 'GET') return { status: 200, body: this.participantJson(p) };
        this.applyParticipantSettings(p, form, conf.sid);
        return { status: 200, body: this.participantJson(p) };
      }
      throw new Refusal(404, 20404, 'The requested resource was not found');
    } catch (err) {
      if (err instanceof Refusal) return { status: err.status, body: this.error(err.status, err.code, err.message) };
      throw err;
    }
  }

  mustCall(sid: string): StandinCall {
    const call = this.calls.get(sid);
    if (!call) throw new Refusal(404, 20404, `The requested resource /Calls/${sid}.json was not found`);
    return call;
  }

  /** Moves a call to a status, keeping the times the Calls API reports. */
  setStatus(call: StandinCall, status: string): void {
    if (status === call.status) return;
    call.status = status;
    call.updatedAt = this.now();
    if (FINAL.includes(status) && !call.endedAt) call.endedAt = call.updatedAt;
  }

  /** A call's participant: the one it has now, when it left a conference and joined again (keypad tones). */
  participantOf(callSid: string): StandinParticipant | undefined {
    const all = this.participants.filter((p) => p.callSid === callSid);
    return all.find((p) => p.status !== 'complete' && p.status !== 'failed') ?? all[0];
  }

  /**
   * Called when a call ends through the REST API or is dropped because its conference ended, and
   * when a conference ends: the HTTP stand-in queues the callbacks Twilio would send. No-ops here.
   */
  protected callEnded(_call: StandinCall): void {}
  protected conferenceEnded(_conference: StandinConference): void {}

  private mustConference(ref: string): StandinConference {
    const conf = this.conferences.get(ref) ?? [...this.conferences.values()].find((c) => c.friendlyName === ref && c.status !== 'completed');
    if (!conf) throw new Refusal(404, 16003, 'Could not recognize conference sid or friendly name');
    return conf;
  }

  private numbers(form: URLSearchParams) {
    const to = form.get('To');
    const from = form.get('From');
    if (!to) throw new Refusal(400, 21201, "A 'To' phone number is required.");
    if (!from) throw new Refusal(400, 21603, "A 'From' phone number is required.");
    if (!E164.test(to)) throw new Refusal(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    if (!E164.test(from)) throw new Refusal(400, 21212, `The 'From' number ${from} is not a valid phone number.`);
    if (!this.callerIds.includes(from)) throw new Refusal(400, 21210, `The source phone number provided, ${from}, is not yet verified for your account.`);
    return { to, from };
  }

  /**
   * A call to one of our numbers, as Twilio receives it: ringing, inbound, reporting its end to the
   * number's status callback (the completed event only: a number takes no list of events to send;
   * UNVERIFIED whether Twilio sends it others).
   */
  receiveCall(from: string, to: string, statusCallback: string | null): StandinCall {
    const call = this.newCall(new URLSearchParams(), to, from, null);
    call.direction = 'inbound';
    call.status = 'ringing';
    call.statusCallback = statusCallback;
    call.statusCallbackEvents = statusCallback ? ['completed'] : [];
    return call;
  }

  /** The Twiml parameter, read as Twilio reads it: at most 4000 characters, and TwiML that parses. */
  private twimlParam(form: URLSearchParams): string | null {
    const twiml = form.get('Twiml');
    if (twiml === null) return null;
    if (twiml.length > MAX_TWIML) throw new Refusal(400, 32018, `Twiml size exceeded maximum allowed value of ${MAX_TWIML} characters`);
    checkTwiml(twiml, this.publicBaseUrl);
    return twiml;
  }

  private newCall(form: URLSearchParams, to: string, from: string, twiml: string | null): StandinCall {
    const method = form.get('StatusCallbackMethod');
    if (method !== null && method !== 'GET' && method !== 'POST') throw new Refusal(400, 21218, 'StatusCallbackMethod must be GET or POST');
    const statusCallback = callbackParam(form, this.publicBaseUrl, 'StatusCallback');
    const events = eventsParam(form, 'StatusCallbackEvent', CALL_EVENTS);
    const record = boolParam(form, 'Record') ?? false;
    const channels = form.get('RecordingChannels') ?? 'mono';
    if (channels !== 'mono' && channels !== 'dual') throw new Refusal(400, 21218, 'RecordingChannels must be mono or dual');
    const recordingMethod = form.get('RecordingStatusCallbackMethod');
    if (recordingMethod !== null && recordingMethod !== 'GET' && recordingMethod !== 'POST')
      throw new Refusal(400, 21218, 'RecordingStatusCallbackMethod must be GET or POST');
    const recordingCallback = callbackParam(form, this.publicBaseUrl, 'RecordingStatusCallback');
    const recordingEvents = eventsParam(form, 'RecordingStatusCallbackEvent', RECORDING_EVENTS);
    const sid = `CA${hex32()}`;
    const call: StandinCall = {
      sid,
      to,
      from,
      direction: 'outbound-api',
      status: 'queued',
      twiml,
      statusCallback,
      statusCallbackEvents: statusCallback ? (events.length ? events : ['completed']) : [],
      timeout: intParam(form, 'Timeout', 1, 600),
      timeLimit: intParam(form, 'TimeLimit', 1, 86400),
      answeredAt: null,
      createdAt: this.now(),
      updatedAt: this.now(),
      endedAt: null,
      seq: 0,
      recording:
        record && recordingCallback
          ? { sid: `RE${hex32()}`, callSid: sid, channels, callback: recordingCallback, events: recordingEvents.length ? recordingEvents : ['completed'] }
          : null,
      form,
      amd: null,
      redirects: [],
      queue: null,
    };
    this.calls.set(call.sid, call);
    return call;
  }

  private createCall(form: URLSearchParams): StandinCall {
    const { to, from } = this.numbers(form);
    const given = ['Url', 'Twiml', 'ApplicationSid'].filter((k) => form.has(k));
    if (given.length !== 1) throw new Refusal(400, 21205, `Exactly one of Url, Twiml or ApplicationSid is required (got ${given.join(', ') || 'none'})`);
    const twiml = this.twimlParam(form);
    callbackParam(form, this.publicBaseUrl, 'Url');
    const amd = readMachineDetection(form, this.publicBaseUrl);
    const call = this.newCall(form, to, from, twiml);
    call.amd = amd;
    return call;
  }

  private updateCall(call: StandinCall, form: URLSearchParams): StandinCall {
    // Stand-in rule, after twilio-ruby#699: a StatusCallbackMethod sent alone resets the call's
    // status callback, and an inbound call loses its number's (its end would be reported nowhere).
    if (form.has('StatusCallbackMethod') && !form.has('StatusCallback'))
      throw new Refusal(400, 21218, 'StatusCallbackMethod without StatusCallback would drop the call’s status callback');
    const status = form.get('Status');
    if (status === null) return this.redirectCall(call, form);
    // Stand-in rule: ending a call and giving it new TwiML in one request is ambiguous.
    if (form.has('Twiml') || form.has('Url')) throw new Refusal(400, 21218, 'Status is given with new TwiML (Twiml or Url)');
    if (status !== 'completed' && status !== 'canceled') throw new Refusal(400, 21218, 'Status must be completed or canceled');
    if (FINAL.includes(call.status)) throw new Refusal(400, 21220, 'Call is not in-progress. Cannot redirect.');
    if (call.status === 'in-progress' && status === 'canceled') return call;
    this.setStatus(call, call.status === 'in-progress' ? 'completed' : 'canceled');
    this.callEnded(call);
    this.leave(call);
    return call;
  }

  /**
   * Twiml (or Url) on a live call: the call leaves what it was doing (its conference, its queue)
   * and runs the new TwiML, which the HTTP stand-in plays on demand. A new StatusCallback replaces
   * the old one (an inbound call's number's too); the update takes no StatusCallbackEvent, so from
   * then on only the completed callback is sent (UNVERIFIED: whether Twilio keeps the events asked
   * for at create).
   */
  private redirectCall(call: StandinCall, form: URLSearchParams): StandinCall {
    const given = ['Url', 'Twiml'].filter((k) => form.has(k));
    if (given.length !== 1) throw new Refusal(400, 21205, `Exactly one of Url, Twiml or Status is required (got ${given.join(', ') || 'none'})`);
    const twiml = this.twimlParam(form);
    callbackParam(form, this.publicBaseUrl, 'Url');
    const method = form.get('StatusCallbackMethod');
    if (method !== null && method !== 'GET' && method !== 'POST') throw new Refusal(400, 21218, 'StatusCallbackMethod must be GET or POST');
    const statusCallback = callbackParam(form, this.publicBaseUrl, 'StatusCallback');
    if (call.status !== 'in-progress') throw new Refusal(400, 21220, 'Call is not in-progress. Cannot redirect.');
    this.leave(call);
    call.twiml = twiml;
    call.redirects.push(form);
    if (statusCallback) {
      call.statusCallback = statusCallback;
      call.statusCallbackEvents = ['completed'];
    }
    return call;
  }

  /** A call joins a conference by name (as <Dial><Conference> does), creating it if needed. */
  join(name: string, call: StandinCall, attributes: Record<string, string>) {
    let conf = [...this.conferences.values()].find((c) => c.friendlyName === name && c.status !== 'completed');
    if (!conf) {
      conf = { sid: `CF${hex32()}`, friendlyName: name, status: 'init', statusCallback: null, statusCallbackEvents: [], seq: 0, endedBy: null };
      this.conferences.set(conf.sid, conf);
    }
    if (attributes.statusCallback) {
      conf.statusCallback = attributes.statusCallback;
      conf.statusCallbackEvents = (attributes.statusCallbackEvent ?? 'start end').split(' ');
    }
    const start = attributes.startConferenceOnEnter !== 'false';
    if (start) conf.status = 'in-progress';
    this.participants.push({
      callSid: call.sid,
      conferenceSid: conf.sid,
      label: attributes.participantLabel ?? null,
      status: 'connected',
      muted: attributes.muted === 'true',
      hold: false,
      holdUrl: null,
      coaching: false,
      callSidToCoach: null,
      startConferenceOnEnter: start,
      endConferenceOnExit: attributes.endConferenceOnExit === 'true',
      recording: null,
    });
  }

  /**
   * A call ended or was redirected: it leaves its queue, and its participant leaves. One with
   * endConferenceOnExit ends the conference in its name; the last one connected to leave ends it
   * too (last-participant-left).
   */
  leave(call: StandinCall) {
    call.queue = null;
    const p = this.participantOf(call.sid);
    if (!p || p.status === 'complete') return;
    const wasIn = p.status === 'connected';
    p.status = 'complete';
    const conf = this.conferences.get(p.conferenceSid);
    if (!conf || !wasIn || conf.status === 'completed') return;
    if (p.endConferenceOnExit) this.endConference(conf, { label: p.label, callSid: p.callSid });
    else if (!this.participants.some((x) => x.conferenceSid === conf.sid && x.status === 'connected')) this.endConference(conf, null);
  }

  /** The conference ends: everyone connected is dropped (their calls complete); anyone still ringing is not. */
  private endConference(conf: StandinConference, endedBy: StandinConference['endedBy']) {
    conf.status = 'completed';
    conf.endedBy = endedBy;
    this.conferenceEnded(conf);
    for (const other of this.participants.filter((x) => x.conferenceSid === conf.sid && x.status === 'connected')) {
      other.status = 'complete';
      const c = this.calls.get(other.callSid);
      if (!c) continue;
      this.setStatus(c, 'completed');
      this.callEnded(c);
    }
  }

  /** POST /Conferences/{CF}.json Status=completed: ends the conference through the API. */
  private updateConference(sid: string, form: URLSearchParams): StandinConference {
    const conf = this.conferences.get(sid);
    if (!conf) throw new Refusal(404, 20404, `The requested resource /Conferences/${sid}.json was not found`);
    const status = form.get('Status');
    if (status !== null && status !== 'completed') throw new Refusal(400, 21218, 'Status must be completed');
    if (status === 'completed') {
      // UNVERIFIED: the code Twilio answers for ending a conference that is already over.
      if (conf.status === 'completed') throw new Refusal(400, CONFERENCE_GONE, 'Conference does not exist or is completed');
      this.endConference(conf, 'api');
    }
    return conf;
  }

  private addParticipant(ref: string, form: URLSearchParams): StandinParticipant {
    const { to, from } = this.numbers(form);
    const byName = !/^CF[0-9a-f]{32}$/.test(ref);
    let conf = byName ? [...this.conferences.values()].find((c) => c.friendlyName === ref && c.status !== 'completed') : this.conferences.get(ref);
    if (!conf && !byName) throw new Refusal(404, 16003, 'Could not recognize conference sid or friendly name');
    // By name, a conference that is over is simply not found and a new one is created.
    if (conf?.status === 'completed') throw new Refusal(400, CONFERENCE_GONE, 'Conference does not exist or is completed');
    if (!conf) {
      conf = { sid: `CF${hex32()}`, friendlyName: ref, status: 'init', statusCallback: null, statusCallbackEvents: [], seq: 0, endedBy: null };
      this.conferences.set(conf.sid, conf);
    }
    const label = form.get('Label');
    const live = this.participants.filter((p) => p.conferenceSid === conf.sid && p.status !== 'complete' && p.status !== 'failed');
    if (label && live.some((p) => p.label === label)) throw new Refusal(400, 16026, `A participant labelled ${label} is already in the conference`);
    const beep = form.get('Beep');
    if (beep !== null && !['true', 'false', 'onEnter', 'onExit'].includes(beep)) throw new Refusal(400, 21218, 'Beep must be true, false, onEnter or onExit');
    boolParam(form, 'EarlyMedia');
    intParam(form, 'Timeout', 5, 600);
    const call = this.newCall(form, to, from, null);
    const p: StandinParticipant = {
      callSid: call.sid,
      conferenceSid: conf.sid,
      label,
      status: 'queued',
      muted: false,
      hold: false,
      holdUrl: null,
      coaching: false,
      callSidToCoach: null,
      startConferenceOnEnter: boolParam(form, 'StartConferenceOnEnter') ?? true,
      endConferenceOnExit: boolParam(form, 'EndConferenceOnExit') ?? false,
      recording: call.recording,
    };
    this.applyParticipantSettings(p, form, conf.sid);
    this.participants.push(p);
    return p;
  }

  private applyParticipantSettings(p: StandinParticipant, form: URLSearchParams, conferenceSid: string) {
    const muted = boolParam(form, 'Muted');
    const hold = boolParam(form, 'Hold');
    const holdUrl = form.get('HoldUrl');
    const holdMethod = form.get('HoldMethod');
    // What a held participant hears: audio or TwiML anywhere on the web (not a callback of ours).
    if (holdUrl !== null && !/^https?:\/\/[^\s]+$/.test(holdUrl)) throw new Refusal(400, 21218, `HoldUrl ${holdUrl} is not an absolute http(s) URL`);
    if (holdMethod !== null && holdMethod !== 'GET' && holdMethod !== 'POST') throw new Refusal(400, 21218, 'HoldMethod must be GET or POST');
    if (holdUrl !== null) p.holdUrl = holdUrl;
    const coaching = boolParam(form, 'Coaching');
    const coach = form.get('CallSidToCoach');
    const endOnExit = boolParam(form, 'EndConferenceOnExit');
    if (endOnExit !== null) p.endConferenceOnExit = endOnExit;
    if (muted !== null) p.muted = muted;
    if (hold !== null) p.hold = hold;
    if (coaching !== null) p.coaching = coaching;
    if (coach !== null) p.callSidToCoach = coach;
    if (p.coaching) {
      const target = this.participants.find((x) => x.conferenceSid === conferenceSid && x.callSid === p.callSidToCoach && x.status === 'connected');
      if (!target) throw new Refusal(400, 16027, 'CallSidToCoach must name a participant connected to the conference');
    } else {
      p.callSidToCoach = null;
    }
  }

  /** A call, conference or participant as Twilio's API shows it (twilio-standin.json.ts). */
  callJson(c: StandinCall) {
    return toCallJson(this.accountSid, c);
  }

  conferenceJson(c: StandinConference) {
    return toConferenceJson(this.accountSid, c);
  }

  participantJson(p: StandinParticipant) {
    return toParticipantJson(this.accountSid, p);
  }
}
