/**
 * The Twilio stand-in's inbound calls: someone dialing our number, played as Twilio plays it.
 * incoming() posts the signed "A call comes in" webhook to the app, reads the TwiML answered
 * strictly (checkTwiml) and runs it: <Start><Recording> starts the call's recording, each <Say> is
 * kept in `spoken`, <Enqueue> seats the call in its queue and asks the waitUrl at once (as Twilio
 * does when a caller joins), a <Dial> is noted and left ringing (agents' phones are not played),
 * and <Hangup/> or the end of the document ends the call. waitRound() asks the waitUrl again, as
 * Twilio does each time a wait document ends; a <Leave/> in it takes the caller out of the queue
 * and runs what followed the <Enqueue>. A webhook answering anything but 200 with XML is Twilio's
 * application error: the caller hears Twilio's apology and the call ends.
 * The number's status callback is the one the setup docs give: voice-status?leg=inbound.
 */
import type { SignedCallback, StandinCall, StandinRecording } from './twilio-standin.state.js';
import { checkTwiml, type ReadTwiml, type TwimlDocument, type TwimlNode } from './twilio-standin.twiml.js';

/** Where the stand-in posts webhooks: a Fastify app (its inject()) or anything answering the same way. */
export type WebhookApp = {
  inject(req: { method: 'POST'; url: string; headers: Record<string, string>; payload: string }): Promise<{
    statusCode: number;
    body: string;
    headers: Record<string, unknown>;
  }>;
};

/** A webhook's answer: the HTTP status and body, and the TwiML read from it (null when Twilio would not run it). */
export type WebhookAnswer = { statusCode: number; contentType: string; body: string; twiml: ReadTwiml | null };

/** One request to the waitUrl: the parameters Twilio sent, what came back, and the callbacks it caused. */
export type WaitRound = WebhookAnswer & { params: Record<string, string>; callbacks: SignedCallback[] };

/** An inbound call placed with incoming(). */
export type InboundCall = {
  callSid: string;
  /** The incoming-call webhook's parameters and answer. */
  params: Record<string, string>;
  answer: WebhookAnswer;
  /** The waitUrl round asked on joining the queue; null when the call was not queued. */
  wait: WaitRound | null;
  /** Callbacks Twilio sent while the call played (its end, on a hang-up or a document run out). */
  callbacks: SignedCallback[];
};

/** What the player needs of the stand-in. */
export type InboundHost = {
  readonly accountSid: string;
  readonly publicBaseUrl: string;
  readonly callerId: string;
  readonly calls: Map<string, StandinCall>;
  readonly spoken: { callSid: string; text: string; language: string }[];
  now(): Date;
  receiveCall(from: string, to: string, statusCallback: string | null): StandinCall;
  mustCall(sid: string): StandinCall;
  setStatus(call: StandinCall, status: string): void;
  leave(call: StandinCall): void;
  statusCallback(callSid: string, status: string): SignedCallback | null;
  signed(url: string, params: Record<string, string>): SignedCallback;
};

const hex32 = () => [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');

export class InboundPlayer {
  private readonly queueSids = new Map<string, string>();

  constructor(private readonly host: InboundHost) {}

  /** The number's "A call comes in" webhook. */
  get voiceUrl(): string {
    return `${this.host.publicBaseUrl}/webhooks/twilio/voice-incoming`;
  }

  /** The number's status callback. */
  get statusUrl(): string {
    return `${this.host.publicBaseUrl}/webhooks/twilio/voice-status?leg=inbound`;
  }

  async incoming(app: WebhookApp, opts: { from: string; to?: string; statusCallback?: string | null }): Promise<InboundCall> {
    const host = this.host;
    const to = opts.to ?? host.callerId;
    const call = host.receiveCall(opts.from, to, opts.statusCallback === undefined ? this.statusUrl : opts.statusCallback);
    const params = {
      AccountSid: host.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: 'ringing',
      Called: to,
      Caller: opts.from,
      Direction: 'inbound',
      From: opts.from,
      To: to,
    };
    const answer = await this.post(app, host.signed(this.voiceUrl, params), 'call');
    const result: InboundCall = { callSid: call.sid, params, answer, wait: null, callbacks: [] };
    host.setStatus(call, 'in-progress');
    call.answeredAt = host.now();
    if (!answer.twiml) {
      host.spoken.push({ callSid: call.sid, text: 'We are sorry, an application error has occurred. Goodbye.', language: 'en-US' });
      this.end(call, result.callbacks);
      return result;
    }
    call.twiml = answer.body;
    const wait = await this.play(app, call, answer.twiml.verbs, result.callbacks);
    result.wait = wait;
    return result;
  }

  /** Asks the waitUrl of a queued call once more, as Twilio does when the last wait document ended. */
  async waitRound(app: WebhookApp, callSid: string): Promise<WaitRound> {
    const host = this.host;
    const call = host.mustCall(callSid);
    const seat = call.queue;
    if (!seat || call.status !== 'in-progress') throw new Error(`call ${callSid} is not waiting in a queue`);
    if (!seat.waitUrl) throw new Error('the call waits to Twilio’s default music: there is no waitUrl to ask');
    if (seat.waitUrlMethod !== 'POST') throw new Error('the stand-in asks waitUrls by POST only');
    const at = host.now().getTime();
    const members = [...host.calls.values()]
      .filter((c) => c.queue?.queueSid === seat.queueSid)
      .sort((a, b) => (a.queue?.enqueuedAt.getTime() ?? 0) - (b.queue?.enqueuedAt.getTime() ?? 0));
    const waited = (c: StandinCall) => Math.max(0, Math.round((at - (c.queue?.enqueuedAt.getTime() ?? at)) / 1000));
    const params = {
      AccountSid: host.accountSid,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: 'in-progress',
      Called: call.to,
      Caller: call.from,
      Direction: call.direction,
      From: call.from,
      To: call.to,
      QueueSid: seat.queueSid,
      QueuePosition: String(members.indexOf(call) + 1),
      QueueTime: String(waited(call)),
      AvgQueueTime: String(Math.round(members.reduce((sum, c) => sum + waited(c), 0) / members.length)),
      CurrentQueueSize: String(members.length),
    };
    const answer = await this.post(app, host.signed(seat.waitUrl, params), 'wait');
    const round: WaitRound = { ...answer, params, callbacks: [] };
    if (!answer.twiml) return round; // Twilio goes on with its default hold music
    for (const verb of answer.twiml.verbs) {
      if (verb.name === 'Say') host.spoken.push({ callSid, text: verb.text, language: verb.attributes.language ?? 'en-US' });
      if (verb.name === 'Hangup') {
        this.end(call, round.callbacks);
        break;
      }
      if (verb.name === 'Leave') {
        call.queue = null;
        await this.play(app, call, seat.after, round.callbacks);
        break;
      }
    }
    return round;
  }

  private async post(app: WebhookApp, cb: SignedCallback, kind: TwimlDocument): Promise<WebhookAnswer> {
    const res = await app.inject({ method: 'POST', url: cb.path, headers: cb.headers, payload: cb.body });
    const contentType = String(res.headers['content-type'] ?? '');
    const runs = res.statusCode === 200 && /^(text|application)\/xml\b/.test(contentType);
    // A document Twilio cannot run fails the test here, where it was answered.
    return { statusCode: res.statusCode, contentType, body: res.body, twiml: runs ? checkTwiml(res.body, this.host.publicBaseUrl, kind) : null };
  }

  /** Runs a call document's verbs; returns the first waitUrl round when the call is queued. */
  private async play(app: WebhookApp, call: StandinCall, verbs: TwimlNode[], callbacks: SignedCallback[]): Promise<WaitRound | null> {
    for (const [i, verb] of verbs.entries()) {
      if (call.status !== 'in-progress') return null;
      if (verb.name === 'Start') for (const child of verb.children) if (child.name === 'Recording') this.startRecording(call, child.attributes);
      if (verb.name === 'Say') this.host.spoken.push({ callSid: call.sid, text: verb.text, language: verb.attributes.language ?? 'en-US' });
      if (verb.name === 'Hangup') break;
      if (verb.name === 'Dial') return null; // ringing an agent's phone: the stand-in goes no further
      if (verb.name === 'Enqueue') {
        call.queue = {
          name: verb.text,
          queueSid: this.queueSid(verb.text),
          waitUrl: verb.attributes.waitUrl ?? null,
          waitUrlMethod: verb.attributes.waitUrlMethod ?? 'POST',
          enqueuedAt: this.host.now(),
          after: verbs.slice(i + 1),
        };
        if (!call.queue.waitUrl) return null;
        const round = await this.waitRound(app, call.sid);
        callbacks.push(...round.callbacks);
        return round;
      }
    }
    this.end(call, callbacks);
    return null;
  }

  private queueSid(name: string): string {
    const sid = this.queueSids.get(name) ?? `QU${hex32()}`;
    this.queueSids.set(name, sid);
    return sid;
  }

  private startRecording(call: StandinCall, attributes: Record<string, string>) {
    const callback = attributes.recordingStatusCallback;
    if (!callback) return;
    const recording: StandinRecording = {
      sid: `RE${hex32()}`,
      callSid: call.sid,
      channels: attributes.channels === 'mono' ? 'mono' : 'dual',
      callback,
      events: (attributes.recordingStatusCallbackEvent ?? 'completed').split(' ').filter(Boolean),
    };
    call.recording = recording;
  }

  /** The call ends (Twilio hangs up): its completed callback, when it has a status callback. */
  private end(call: StandinCall, callbacks: SignedCallback[]) {
    if (call.status !== 'in-progress') return;
    this.host.setStatus(call, 'completed');
    this.host.leave(call);
    const cb = this.host.statusCallback(call.sid, 'completed');
    if (cb) callbacks.push(cb);
  }
}
