/**
 * A local stand-in of Twilio's REST API for what TeleHub uses: calls (create, read, hang up),
 * conferences and their participants (add, list, update), and recording audio. It checks requests
 * the way Twilio does (account path, Basic auth, form encoding, required and exclusive fields,
 * E.164 numbers, TwiML that parses) plus our own rule that every callback URL points under the
 * configured public base URL; answers Twilio-shaped JSON and errors; records every request;
 * injects faults; and plays the call forward on demand, producing the signed callbacks Twilio
 * would send. Used by the Twilio adapter's tests only.
 *
 * Answering-machine detection: a call created with MachineDetection reports AnsweredBy on its
 * answered callback (synchronous) or, with AsyncAmd, through amdCallback() (the verdict comes later).
 * A call redirected to new TwiML (a call update with Twiml) leaves its conference; playTwiml() then
 * says what it says (kept in `spoken`) and ends it, and playTones() plays its keypad tones (kept in
 * `tones`) and takes it back into its conference. Participant updates take Muted, Hold and
 * HoldUrl (an absolute http(s) URL) and answer 404 for a call that is not in the conference.
 *
 * Inbound: incoming() places a call to our number through the app's webhooks, as Twilio does
 * (twilio-standin.inbound.ts); waitRound() asks a queued caller's waitUrl again; callerHangsUp()
 * ends the caller's call, with the callback to its status URL (the number's, until moved).
 *
 * Callbacks: a play-forward step (answer, progress) returns the callback of the leg it moved.
 * What follows from it without being asked for, and what a REST request causes (a hang-up, a
 * conference ended through the API, legs dropped because their conference ended, the
 * conference's end), is queued in order; takeCallbacks() hands the queue over.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../../platform/testing/standin-server.js';
import { computeTwilioSignature } from '../twilio.signature.js';
import { type InboundCall, InboundPlayer, type WaitRound, type WebhookApp } from './twilio-standin.inbound.js';
import { type StandinCall, type StandinConference, type StandinRecording, TwilioRules } from './twilio-standin.rules.js';
import type { SignedCallback } from './twilio-standin.state.js';
import { checkTwiml } from './twilio-standin.twiml.js';

export type { InboundCall, WaitRound, WebhookAnswer, WebhookApp } from './twilio-standin.inbound.js';
export type { StandinCall, StandinConference, StandinParticipant, StandinRecording } from './twilio-standin.rules.js';
export type { SignedCallback } from './twilio-standin.state.js';

export type TwilioFault = { method?: 'GET' | 'POST'; path: RegExp; times?: number } & (
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  | { kind: 'reset' }
);

export type LoggedRequest = {
  method: string;
  /** Path after /2010-04-01/Accounts/{AC}. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  form: URLSearchParams | null;
  status: number;
  at: number;
};

const TERMINAL = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
const hex32 = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
const rfc2822 = (d: Date) => d.toUTCString().replace('GMT', '+0000');

export class TwilioStandin extends TwilioRules {
  readonly requests: LoggedRequest[] = [];
  faults: TwilioFault[] = [];
  /** Bytes served for every recording (a short dual-channel WAV by default). */
  recordingAudio: Buffer = makeWav(2, 8000, 0.25);
  /** What redirected calls said, in order (playTwiml). */
  readonly spoken: { callSid: string; text: string; language: string }[] = [];
  /** Keypad tones redirected calls played, in order (playTones). */
  readonly tones: { callSid: string; digits: string }[] = [];
  /**
   * Callbacks Twilio would send that no play-forward step returned (see the header), signed when
   * taken: a test that never takes them sees the sequence numbers it always did.
   */
  private outbox: (() => SignedCallback | null)[] = [];

  private readonly http = new StandinServer((req, res) => this.handle(req, res));
  private readonly inbound = new InboundPlayer(this);

  constructor(opts: { accountSid?: string; authToken?: string; callerId?: string; publicBaseUrl?: string } = {}) {
    super({
      accountSid: opts.accountSid ?? `AC${hex32()}`,
      authToken: opts.authToken ?? hex32(),
      callerIds: [opts.callerId ?? '+918045671234'],
      publicBaseUrl: opts.publicBaseUrl ?? 'https://telehub.example.test',
    });
  }

  get url(): string {
    return this.http.url;
  }

  get callerId(): string {
    return this.callerIds[0] ?? '';
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const prefix = `/2010-04-01/Accounts/${this.accountSid}`;
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const logged: LoggedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      form: isForm ? new URLSearchParams(raw) : null,
      status: 0,
      at: Date.now(),
    };
    this.requests.push(logged);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      logged.status = status;
      const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(bytes);
    };

    const fault = this.faults.find((f) => (f.method === undefined || f.method === logged.method) && f.path.test(path) && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.kind === 'reset') {
        logged.status = -1;
        req.socket.destroy();
        return;
      }
      return send(fault.status, fault.body ?? this.error(fault.status, 20500, 'Internal Server Error'), fault.headers);
    }

    if (!url.pathname.startsWith(prefix)) return send(404, this.error(404, 20404, 'The requested resource was not found'));
    const auth = /^Basic (.+)$/.exec(String(req.headers.authorization ?? ''));
    const [user, pass] = auth?.[1] ? Buffer.from(auth[1], 'base64').toString('utf8').split(':') : [];
    if (user !== this.accountSid || pass !== this.authToken) return send(401, this.error(401, 20003, 'Authenticate'));
    if (logged.method === 'POST' && !isForm) return send(400, this.error(400, 20001, 'POST bodies must be application/x-www-form-urlencoded'));

    const recording = /^\/Recordings\/(RE[0-9a-f]{32})(\.wav|\.mp3|\.json)?$/.exec(path);
    if (logged.method === 'GET' && recording?.[1]) {
      if (!this.recordings.has(recording[1])) return send(404, this.error(404, 20404, 'The requested resource was not found'));
      if (recording[2] === '.json') return send(200, { sid: recording[1], account_sid: this.accountSid, channels: 2 });
      return send(200, this.recordingAudio, { 'content-type': recording[2] === '.mp3' ? 'audio/mpeg' : 'audio/x-wav' });
    }

    const answer = this.route(logged.method, path, logged.form ?? new URLSearchParams(), url.searchParams);
    return send(answer.status, answer.body);
  }

  // ---- inbound calls (twilio-standin.inbound.ts) ----

  /** Someone calls our number (`to`, default the caller id): the webhook is posted to `app` and its TwiML played. */
  incoming(app: WebhookApp, opts: { from: string; to?: string; statusCallback?: string | null }): Promise<InboundCall> {
    return this.inbound.incoming(app, opts);
  }

  /** A queued caller's next waitUrl round. */
  waitRound(app: WebhookApp, callSid: string): Promise<WaitRound> {
    return this.inbound.waitRound(app, callSid);
  }

  /** The caller of an inbound call hangs up (queued, or later): the completed callback to its status URL. */
  callerHangsUp(callSid: string): SignedCallback | null {
    if (this.mustCall(callSid).direction !== 'inbound') throw new Error(`call ${callSid} is not an inbound call`);
    return this.progress(callSid, 'completed');
  }

  // ---- playing a call forward (what Twilio does on its own) ----

  /** The queued callbacks, oldest first; the queue is emptied. */
  takeCallbacks(): SignedCallback[] {
    return this.outbox.splice(0).flatMap((make) => make() ?? []);
  }

  protected override callEnded(call: StandinCall): void {
    const status = call.status;
    this.outbox.push(() => this.statusCallback(call.sid, status));
  }

  protected override conferenceEnded(conference: StandinConference): void {
    this.outbox.push(() => this.conferenceEnd(conference));
  }

  /**
   * The call is picked up: its TwiML runs, which puts it into its conference. With join: false
   * the TwiML has not run yet (the answered callback can arrive first); runTwiml() runs it.
   * A call with synchronous machine detection says who answered on the callback (default human).
   */
  answer(callSid: string, opts: { join?: boolean; answeredBy?: string } = {}): SignedCallback | null {
    const call = this.mustCall(callSid);
    this.setStatus(call, 'in-progress');
    if (opts.join !== false) this.runTwiml(callSid);
    const p = this.participantOf(callSid);
    if (p) {
      p.status = 'connected';
      let conference = this.conferences.get(p.conferenceSid);
      if (conference?.status === 'completed') {
        // Added while the conference was live, answered after it ended: Twilio puts the call into
        // a new conference of the same name, where it waits alone.
        conference = { ...conference, sid: `CF${hex32()}`, status: 'init', statusCallback: null, statusCallbackEvents: [], seq: 0, endedBy: null };
        this.conferences.set(conference.sid, conference);
        p.conferenceSid = conference.sid;
      }
      if (conference && p.startConferenceOnEnter) conference.status = 'in-progress';
    }
    const sync: Record<string, string> = call.amd && !call.amd.async ? { AnsweredBy: opts.answeredBy ?? 'human' } : {};
    const cb = this.statusCallback(callSid, 'in-progress', sync);
    // Answered at the moment the callback reports, so CallDuration later matches the timestamps.
    call.answeredAt = cb?.params.Timestamp ? new Date(Date.parse(cb.params.Timestamp)) : this.now();
    return cb;
  }

  /** Runs an answered call's TwiML: a <Conference> in it is joined by name. */
  runTwiml(callSid: string): void {
    const call = this.mustCall(callSid);
    if (!call.twiml) return;
    const conf = checkTwiml(call.twiml, this.publicBaseUrl).conference;
    if (conf) this.join(conf.name, call, conf.attributes);
  }

  /**
   * Asynchronous machine detection's verdict for an answered call, to its AsyncAmdStatusCallback:
   * CallSid, AccountSid, AnsweredBy and MachineDetectionDuration (ms). Null when the call asked
   * for no asynchronous detection or was never answered: Twilio sends nothing then.
   */
  amdCallback(callSid: string, answeredBy: string, durationMs = 2350): SignedCallback | null {
    const call = this.mustCall(callSid);
    if (!call.amd?.async || !call.amd.callback || !call.answeredAt) return null;
    return this.signed(call.amd.callback, {
      AccountSid: this.accountSid,
      CallSid: call.sid,
      AnsweredBy: answeredBy,
      MachineDetectionDuration: String(durationMs),
    });
  }

  /**
   * A redirected call plays its new TwiML: each <Say> is kept in `spoken`, then the call ends (at
   * <Hangup/>, or where the document ends); returns its completed callback.
   */
  playTwiml(callSid: string): SignedCallback | null {
    const call = this.mustCall(callSid);
    if (call.status !== 'in-progress' || !call.twiml || call.redirects.length === 0) throw new Error(`call ${callSid} was not redirected to TwiML to play`);
    const read = checkTwiml(call.twiml, this.publicBaseUrl);
    if (read.conference) throw new Error('a <Conference> is joined with runTwiml(), not played');
    for (const say of read.says) this.spoken.push({ callSid, ...say });
    return this.progress(callSid, 'completed');
  }

  /**
   * A call redirected to TwiML that plays keypad tones (<Play digits>) plays them (kept in `tones`),
   * then runs the rest: a <Conference> there is joined again, by name.
   */
  playTones(callSid: string): void {
    const call = this.mustCall(callSid);
    if (call.status !== 'in-progress' || !call.twiml || call.redirects.length === 0) throw new Error(`call ${callSid} was not redirected to TwiML to play`);
    const read = checkTwiml(call.twiml, this.publicBaseUrl);
    if (read.tones.length === 0) throw new Error(`call ${callSid} was given no keypad tones to play`);
    for (const digits of read.tones) this.tones.push({ callSid, digits });
    if (read.conference) this.join(read.conference.name, call, read.conference.attributes);
  }

  /** Moves a call to a status and returns the callback Twilio sends for it (null when not subscribed). */
  progress(callSid: string, status: 'initiated' | 'ringing' | 'completed' | 'busy' | 'no-answer' | 'failed' | 'canceled'): SignedCallback | null {
    const call = this.mustCall(callSid);
    if (status !== 'initiated') this.setStatus(call, status);
    if (TERMINAL.has(status)) this.leave(call);
    if (status === 'ringing') {
      const p = this.participantOf(callSid);
      if (p) p.status = 'ringing';
    }
    return this.statusCallback(callSid, status);
  }

  /** The status callback for a call in the shape Twilio posts it; `extra` overrides fields. */
  statusCallback(callSid: string, status: string, extra: Record<string, string> = {}): SignedCallback | null {
    const call = this.mustCall(callSid);
    const event = status === 'in-progress' ? 'answered' : TERMINAL.has(status) ? 'completed' : status;
    if (!call.statusCallback || !call.statusCallbackEvents.includes(event)) return null;
    const at = this.now();
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: status,
      CallbackSource: 'call-progress-events',
      Called: call.to,
      Caller: call.from,
      Direction: call.direction,
      From: call.from,
      To: call.to,
      SequenceNumber: String(call.seq++),
      Timestamp: rfc2822(at),
    };
    if (TERMINAL.has(status)) {
      const talk = call.answeredAt ? Math.max(0, Math.round((at.getTime() - call.answeredAt.getTime()) / 1000)) : 0;
      params.CallDuration = String(talk);
      params.Duration = String(Math.ceil(talk / 60));
    }
    return this.signed(call.statusCallback, { ...params, ...extra });
  }

  /** Finishes a participant's recording and returns its recording-status callback. */
  recordingCallback(callSid: string, status: 'in-progress' | 'completed' | 'absent' | 'failed' = 'completed'): SignedCallback | null {
    const rec: StandinRecording | null = this.participantOf(callSid)?.recording ?? this.calls.get(callSid)?.recording ?? null;
    if (!rec) return null;
    if (!rec.events.includes(status)) return null;
    if (status === 'completed') this.recordings.set(rec.sid, rec);
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      CallSid: callSid,
      RecordingSid: rec.sid,
      RecordingUrl: `${this.url}/2010-04-01/Accounts/${this.accountSid}/Recordings/${rec.sid}`,
      RecordingStatus: status,
      RecordingDuration: status === 'completed' ? '42' : '0',
      RecordingChannels: rec.channels === 'dual' ? '2' : '1',
      RecordingSource: this.participantOf(callSid)?.recording ? 'StartConferenceRecordingAPI' : 'OutboundAPI',
      RecordingStartTime: rfc2822(this.now()),
    };
    return this.signed(rec.callback, params);
  }

  /**
   * The conference-end callback (to the conference's statusCallback), naming who ended it: as
   * given, or as it ended in the stand-in.
   */
  conferenceEndCallback(friendlyName: string, endedBy?: { label: string; callSid: string } | 'api'): SignedCallback | null {
    const conf = [...this.conferences.values()].find((c) => c.friendlyName === friendlyName);
    if (!conf) return null;
    conf.status = 'completed';
    if (endedBy) conf.endedBy = endedBy;
    return this.conferenceEnd(conf);
  }

  private conferenceEnd(conf: StandinConference): SignedCallback | null {
    if (!conf.statusCallback || !conf.statusCallbackEvents.includes('end')) return null;
    const endedBy = conf.endedBy;
    const params: Record<string, string> = {
      AccountSid: this.accountSid,
      ConferenceSid: conf.sid,
      FriendlyName: conf.friendlyName,
      StatusCallbackEvent: 'conference-end',
      SequenceNumber: String(conf.seq++),
      Timestamp: rfc2822(this.now()),
      ReasonConferenceEnded:
        endedBy === 'api' ? 'conference-ended-via-api' : endedBy ? 'participant-with-end-conference-on-exit-left' : 'last-participant-left',
    };
    if (endedBy && endedBy !== 'api') {
      params.CallSidEndingConference = endedBy.callSid;
      if (endedBy.label) params.ParticipantLabelEndingConference = endedBy.label;
    }
    return this.signed(conf.statusCallback, params);
  }

  /** Signs `params` for `url` with the auth token, as Twilio does. */
  signed(url: string, params: Record<string, string>): SignedCallback {
    const parsed = new URL(url);
    return {
      url,
      path: `${parsed.pathname}${parsed.search}`,
      body: new URLSearchParams(params).toString(),
      params,
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': computeTwilioSignature(this.authToken, url, params),
        'i-twilio-idempotency-token': hex32(),
      },
    };
  }

  /** Requests after the account prefix, by method and path. */
  find(method: 'GET' | 'POST', path: RegExp): LoggedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }
}

/** A silent PCM WAV file (16-bit) with the given channel count. */
export function makeWav(channels: number, rate: number, seconds: number): Buffer {
  const data = Math.round(rate * seconds) * channels * 2;
  const b = Buffer.alloc(44 + data);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + data, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(data, 40);
  return b;
}
