/**
 * A local stand-in of Exotel's Voice API v1 for tests, strict where Exotel is: the account SID
 * in the path, Basic auth with the API key and token, form-encoded connect requests with From,
 * To and the configured ExoPhone as CallerId, a StatusCallback under the configured public base
 * URL, StatusCallbackEvents[n] fields, CustomField of at most 128 characters. It answers with
 * Exotel-shaped JSON (`{Call: {...}}`, `{RestException: {...}}`), serves Call Details as the
 * call's state evolves (the test finishes a call with the outcome it wants), serves recordings,
 * injects faults (status codes, Retry-After, requests never answered, dropped connections),
 * records every request, and delivers status callbacks (JSON or form) to a server under test.
 * inboundCall() plays Exotel's part in a call to the ExoPhone (exotel-inbound-standin.ts).
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { StandinServer } from '../../../../platform/testing/standin-server.js';
import { type InboundCallScript, type InboundFlow, type InboundRun, playInboundCall } from './exotel-inbound-standin.js';

export type StandinOutcome =
  | { kind: 'completed'; talkSeconds: number }
  | { kind: 'lead-no-answer' }
  | { kind: 'lead-busy' }
  /** The agent's phone was not picked up, so the lead was never dialed. */
  | { kind: 'agent-no-answer' };

/** `placeCall`: a connect request still places the call before the fault (default: yes for hang and reset). */
export type StandinFault =
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown; placeCall?: boolean }
  | { kind: 'hang'; placeCall?: boolean }
  | { kind: 'reset'; placeCall?: boolean };
export type StandinRoute = 'connect' | 'details' | 'recording';
export type StandinFaultRule = { route: StandinRoute; times?: number; fault: StandinFault };

export type StandinRequest = {
  method: string;
  path: string;
  route: StandinRoute | 'other';
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
  status: number;
};

export type StandinCall = {
  sid: string;
  from: string;
  to: string;
  customField: string | null;
  statusCallback: string | null;
  contentType: string | null;
  record: boolean;
  timeOut: number;
  createdAt: Date;
  outcome: StandinOutcome | null;
};

export type CallbackKind = 'answered' | 'terminal' | 'legacy';

const AGENT_RING_S = 4;
const LEAD_RING_S = 6;
const PHONE = /^(\+91[6-9]\d{9}|0\d{10}|[6-9]\d{9})$/;
/** Exotel echoes numbers in the 0-prefixed national form. */
const national = (phone: string) => `0${phone.replace(/\D/g, '').slice(-10)}`;
const addS = (d: Date, s: number) => new Date(d.getTime() + s * 1000);
const wallClock = (timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });

export class ExotelStandin {
  accountSid = 'telehubtest1';
  apiKey = 'exotel-key';
  apiToken = 'exotel-token';
  /** The ExoPhone the account owns. */
  callerId = '08047091234';
  publicBaseUrl = 'https://telehub.example.test';
  timeZone = 'Asia/Kolkata';
  /** Recordings on the API host (Basic auth required), on a storage host that takes none, or redirected there from the API host. */
  recordingHost: 'api' | 'storage' | 'redirect' = 'api';
  readonly calls = new Map<string, StandinCall>();
  readonly requests: StandinRequest[] = [];
  faults: StandinFaultRule[] = [];
  now: () => Date = () => new Date();

  private readonly http = new StandinServer((req, res) => this.handle(req, res));
  private seq = 0;

  /** The API base URL (apiBaseUrl for the provider). */
  get url(): string {
    return this.http.url;
  }

  async start(): Promise<this> {
    await this.http.start();
    return this;
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  connects(): StandinRequest[] {
    return this.requests.filter((r) => r.route === 'connect');
  }

  call(sid: string): StandinCall {
    const c = this.calls.get(sid);
    if (!c) throw new Error(`the stand-in has no call ${sid}`);
    return c;
  }

  /**
   * Plays Exotel's part in a call to the ExoPhone: the flow's Connect applet asks `flow.connectUrl`
   * whom to ring, checks the answer as Exotel would, rings, and reports the outcome to the
   * Passthru URLs (exotel-inbound-standin.ts).
   */
  inboundCall(flow: InboundFlow, script: InboundCallScript): Promise<InboundRun> {
    return playInboundCall(
      {
        now: () => this.now(),
        time: (d) => this.fmt(d) ?? '',
        newSid: () => this.newSid(),
        callerId: this.callerId,
        recordingUrl: (sid) => this.storageUrl(sid),
      },
      flow,
      script,
    );
  }

  private newSid(): string {
    return createHash('md5')
      .update(`${this.accountSid}:${++this.seq}:${Date.now()}`)
      .digest('hex');
  }

  /** Ends a call the way the test wants; Call Details and callbacks report it from now on. */
  finish(sid: string, outcome: StandinOutcome): void {
    this.call(sid).outcome = outcome;
  }

  /** Bytes of a call's recording, for comparing with what was fetched. */
  recordingBytes(sid: string): Buffer {
    return Buffer.concat([Buffer.from('ID3'), createHash('sha256').update(sid).digest()]);
  }

  /** Where the recording of a finished, recorded, answered call lives. */
  recordingUrl(c: StandinCall): string | null {
    if (!c.record || c.outcome?.kind !== 'completed') return null;
    return this.recordingHost === 'storage' ? this.storageUrl(c.sid) : `${this.url}/v1/Accounts/${this.accountSid}/Recordings/${c.sid}.mp3`;
  }

  /** Another origin (localhost, not 127.0.0.1) standing for the bucket Exotel keeps audio in. */
  private storageUrl(sid: string): string {
    return `${this.storagePrefix}${this.accountSid}/${sid}.mp3`;
  }

  /** Where the stand-in's bucket keeps recordings: an entry for EXOTEL_RECORDING_HOSTS. */
  get storagePrefix(): string {
    return `http://localhost:${this.http.port}/exotelrecordings/`;
  }

  private timeline(c: StandinCall) {
    const agentUp = addS(c.createdAt, AGENT_RING_S);
    const leg = (status: string, onCall: number) => ({ status, onCall });
    const o = c.outcome;
    if (!o) return { status: 'in-progress', end: null, conv: 0, leadUp: null, legs: [leg('in-progress', 0)] };
    if (o.kind === 'completed') {
      const leadUp = addS(agentUp, LEAD_RING_S);
      const legs = [leg('completed', LEAD_RING_S + o.talkSeconds), leg('completed', o.talkSeconds)];
      return { status: 'completed', end: addS(leadUp, o.talkSeconds), conv: o.talkSeconds, leadUp, legs };
    }
    if (o.kind === 'agent-no-answer') return { status: 'no-answer', end: addS(c.createdAt, c.timeOut), conv: 0, leadUp: null, legs: [leg('no-answer', 0)] };
    // The agent answered and waited while the lead's phone rang out, or was busy at once.
    const [status, waited] = o.kind === 'lead-busy' ? ['busy', 2] : ['no-answer', c.timeOut];
    return { status, end: addS(agentUp, waited), conv: 0, leadUp: null, legs: [leg('completed', waited), leg(status, 0)] };
  }

  private fmt(d: Date | null): string | null {
    if (!d) return null;
    const p = Object.fromEntries(
      wallClock(this.timeZone)
        .formatToParts(d)
        .map((x) => [x.type, x.value]),
    );
    return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  }

  /** The call as Exotel's Call Details shows it now (`details` as with ?details=true). */
  callJson(sid: string, details: boolean): { Call: Record<string, unknown> } {
    const c = this.call(sid);
    const t = this.timeline(c);
    const call: Record<string, unknown> = {
      Sid: c.sid,
      ParentCallSid: null,
      DateCreated: this.fmt(c.createdAt),
      DateUpdated: this.fmt(t.end ?? c.createdAt),
      AccountSid: this.accountSid,
      To: national(c.to),
      From: national(c.from),
      PhoneNumberSid: national(this.callerId),
      Status: t.status,
      StartTime: this.fmt(c.createdAt),
      EndTime: this.fmt(t.end),
      Duration: t.end ? String(Math.round((t.end.getTime() - c.createdAt.getTime()) / 1000)) : null,
      Price: t.end ? '1.500' : null,
      Direction: 'outbound-api',
      AnsweredBy: null,
      ForwardedFrom: null,
      CallerName: null,
      Uri: `/v1/Accounts/${this.accountSid}/Calls/${c.sid}.json`,
      RecordingUrl: this.recordingUrl(c),
    };
    if (details) {
      call.Details = {
        ConversationDuration: t.conv,
        Leg1Status: t.legs[0]?.status ?? null,
        Leg2Status: t.legs[1]?.status ?? null,
        Legs: t.legs.map((l, i) => ({ Leg: { Id: i + 1, OnCallDuration: l.onCall } })),
      };
    }
    return { Call: call };
  }

  /** The body Exotel POSTs to the StatusCallback for `kind` of this call. */
  callbackBody(sid: string, kind: CallbackKind): Record<string, unknown> {
    const c = this.call(sid);
    const t = this.timeline(c);
    if (kind !== 'answered' && !t.end) throw new Error(`call ${sid} has not ended; finish() it first`);
    if (kind === 'legacy') return { CallSid: c.sid, DateUpdated: this.fmt(t.end), Status: t.status, RecordingUrl: this.recordingUrl(c) };
    if (kind === 'answered' && !t.leadUp) throw new Error(`the lead never answered call ${sid}`);
    const common = {
      CallSid: c.sid,
      EventType: kind,
      DateCreated: this.fmt(c.createdAt),
      To: national(c.to),
      From: national(c.from),
      PhoneNumberSid: national(this.callerId),
      StartTime: this.fmt(c.createdAt),
      Direction: 'outbound-api',
      CustomField: c.customField,
    };
    if (kind === 'answered') {
      return { ...common, DateUpdated: this.fmt(t.leadUp), EndTime: null, Status: 'in-progress', ConversationDuration: 0, RecordingUrl: null };
    }
    return {
      ...common,
      DateUpdated: this.fmt(t.end),
      EndTime: this.fmt(t.end),
      Status: t.status,
      ConversationDuration: t.conv,
      RecordingUrl: this.recordingUrl(c),
      Legs: t.legs.map((l, i) => ({ OnCallDuration: l.onCall, Status: l.status, AnsweredBy: i === 1 && l.status === 'completed' ? 'HUMAN' : 'NA' })),
    };
  }

  /**
   * POSTs a callback to the call's StatusCallback path on `baseUrl` (the server under test), as
   * JSON when the call asked for application/json, else as a form (Legs as JSON text).
   */
  async deliver(sid: string, kind: CallbackKind, baseUrl: string, as?: 'json' | 'form'): Promise<{ status: number; body: string }> {
    const c = this.call(sid);
    if (!c.statusCallback) throw new Error(`call ${sid} asked for no StatusCallback`);
    const body = this.callbackBody(sid, kind);
    const asJson = (as ?? (c.contentType === 'application/json' ? 'json' : 'form')) === 'json';
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body)) form.set(k, v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
    const res = await fetch(`${baseUrl.replace(/\/+$/, '')}${new URL(c.statusCallback).pathname}`, {
      method: 'POST',
      headers: { 'content-type': asJson ? 'application/json' : 'application/x-www-form-urlencoded' },
      body: asJson ? JSON.stringify(body) : form.toString(),
    });
    return { status: res.status, body: await res.text() };
  }

  private send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const last = this.requests.at(-1);
    if (last) last.status = status;
    if (Buffer.isBuffer(body)) {
      res.writeHead(status, { 'content-type': 'audio/mpeg', ...headers });
      return res.end(body);
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  private refuse(res: ServerResponse, status: number, message: string) {
    this.send(res, status, { RestException: { Status: status, Message: message, Code: status } });
  }

  /** Applies a pending fault for `route`; true when the fault answered (or will never answer). */
  private fault(route: StandinRoute, res: ServerResponse, beforePlacing: boolean): boolean {
    const rule = this.faults.find((f) => f.route === route && (f.times ?? 1) > 0);
    if (!rule) return false;
    const places = rule.fault.placeCall ?? rule.fault.kind !== 'status';
    if (route === 'connect' && places === beforePlacing) return false;
    rule.times = (rule.times ?? 1) - 1;
    const f = rule.fault;
    if (f.kind === 'hang') this.http.hanging.add(res);
    else if (f.kind === 'reset') res.socket?.destroy();
    else this.send(res, f.status, f.body ?? { RestException: { Status: f.status, Message: `injected ${f.status}`, Code: f.status } }, f.headers);
    return true;
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', this.url);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    const form = isForm ? Object.fromEntries(new URLSearchParams(raw)) : {};
    const prefix = `/v1/Accounts/${this.accountSid}/`;
    const route: StandinRequest['route'] =
      req.method === 'POST' && url.pathname === `${prefix}Calls/connect.json`
        ? 'connect'
        : req.method === 'GET' && /^\/v1\/Accounts\/[^/]+\/Calls\/[^/]+\.json$/.test(url.pathname)
          ? 'details'
          : req.method === 'GET' && /\/(Recordings|exotelrecordings)\//.test(url.pathname)
            ? 'recording'
            : 'other';
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      route,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      form,
      status: 0,
    });

    if (url.pathname.startsWith('/exotelrecordings/')) {
      // A storage host: no credentials asked for (a test checks none were sent).
      if (this.fault('recording', res, true)) return;
      return this.serveRecording(url.pathname, res);
    }
    const auth = `Basic ${Buffer.from(`${this.apiKey}:${this.apiToken}`).toString('base64')}`;
    if (req.headers.authorization !== auth) return this.refuse(res, 401, 'Authentication is required: check your API key and token');
    if (!url.pathname.startsWith(prefix)) return this.refuse(res, 403, 'The API key does not belong to this account');
    if (route === 'connect') return this.connect(req, res, form, isForm);
    if (route === 'details') {
      if (this.fault('details', res, true)) return;
      const sid = decodeURIComponent(url.pathname.slice(`${prefix}Calls/`.length, -'.json'.length));
      if (!this.calls.has(sid)) return this.refuse(res, 404, `Call ${sid} was not found`);
      return this.send(res, 200, this.callJson(sid, url.searchParams.get('details') === 'true'));
    }
    if (route === 'recording') {
      if (this.fault('recording', res, true)) return;
      if (this.recordingHost !== 'redirect') return this.serveRecording(url.pathname, res);
      return this.send(
        res,
        302,
        {},
        {
          location: this.storageUrl(
            url.pathname
              .split('/')
              .at(-1)
              ?.replace(/\.mp3$/, '') ?? '',
          ),
        },
      );
    }
    return this.refuse(res, 404, 'The requested resource was not found');
  }

  private serveRecording(path: string, res: ServerResponse) {
    const sid =
      path
        .split('/')
        .at(-1)
        ?.replace(/\.mp3$/, '') ?? '';
    const c = this.calls.get(sid);
    if (!c || !this.recordingUrl(c)) return this.refuse(res, 404, 'Recording not found');
    this.send(res, 200, this.recordingBytes(sid));
  }

  private connect(req: IncomingMessage, res: ServerResponse, form: Record<string, string>, isForm: boolean) {
    if (!isForm) return this.refuse(res, 400, `Send the parameters form-encoded, not ${req.headers['content-type'] ?? 'without a content type'}`);
    const problem = this.checkConnect(form);
    if (problem) return this.refuse(res, 400, problem);
    if (this.fault('connect', res, true)) return;
    const sid = this.newSid();
    this.calls.set(sid, {
      sid,
      from: form.From ?? '',
      to: form.To ?? '',
      customField: form.CustomField ?? null,
      statusCallback: form.StatusCallback ?? null,
      contentType: form.StatusCallbackContentType ?? null,
      record: form.Record === 'true',
      timeOut: Number(form.TimeOut ?? 30),
      createdAt: this.now(),
      outcome: null,
    });
    if (this.fault('connect', res, false)) return;
    this.send(res, 200, this.callJson(sid, false));
  }

  /** What Exotel would refuse in a connect request, or null. */
  private checkConnect(f: Record<string, string>): string | null {
    for (const field of ['From', 'To', 'CallerId'] as const) if (!f[field]) return `${field} is mandatory`;
    for (const field of ['From', 'To'] as const) if (!PHONE.test(f[field] ?? '')) return `${field} "${f[field]}" is not a valid phone number`;
    if (national(f.CallerId ?? '') !== national(this.callerId)) return `CallerId ${f.CallerId} is not an ExoPhone of this account`;
    if (f.CallType !== undefined && !['trans', 'promo'].includes(f.CallType)) return 'CallType must be trans or promo';
    if (f.TimeLimit !== undefined && !(/^\d+$/.test(f.TimeLimit) && Number(f.TimeLimit) >= 1 && Number(f.TimeLimit) <= 14400))
      return 'TimeLimit must be 1 to 14400 seconds';
    if (f.TimeOut !== undefined && !(/^\d+$/.test(f.TimeOut) && Number(f.TimeOut) >= 1)) return 'TimeOut must be a number of seconds';
    if (f.Record !== undefined && !['true', 'false'].includes(f.Record)) return 'Record must be true or false';
    if (f.RecordingChannels !== undefined && !['single', 'dual'].includes(f.RecordingChannels)) return 'RecordingChannels must be single or dual';
    if (f.CustomField !== undefined && f.CustomField.length > 128) return 'CustomField is longer than 128 characters';
    if (f.StatusCallback !== undefined && !f.StatusCallback.startsWith(`${this.publicBaseUrl}/`))
      return `StatusCallback ${f.StatusCallback} is not under ${this.publicBaseUrl}`;
    if ('StatusCallbackEvents' in f) return 'StatusCallbackEvents must be sent as StatusCallbackEvents[0], StatusCallbackEvents[1], ...';
    const events = Object.keys(f)
      .filter((k) => k.startsWith('StatusCallbackEvents['))
      .sort();
    for (const [i, key] of events.entries()) {
      if (key !== `StatusCallbackEvents[${i}]`) return `${key}: StatusCallbackEvents must be numbered from 0`;
      if (!['terminal', 'answered'].includes(f[key] ?? '')) return `${key} must be terminal or answered`;
    }
    if (events.length > 0 && !f.StatusCallback) return 'StatusCallbackEvents needs a StatusCallback';
    const type = f.StatusCallbackContentType;
    if (type !== undefined && !['application/json', 'multipart/form-data'].includes(type))
      return 'StatusCallbackContentType must be application/json or multipart/form-data';
    return null;
  }
}
