/**
 * Exotel's part in an incoming call, for tests: a caller rings the ExoPhone and its flow runs
 * Connect (parameters from a dynamic URL) → on each outcome a Passthru, the "didn't dial anyone"
 * branch first speaking a Greeting whose text comes from a URL. Exotel is the client here, so the
 * stand-in checks what the server under test answers, the way Exotel would: the Connect answer
 * must be HTTP 200, application/json, with only the fields of Exotel's table, each of its type
 * and allowed values (connectAnswerProblems); the Greeting's URL must answer HEAD and GET with
 * text/plain. An answer Exotel could not use sends the call down the "didn't dial anyone" branch.
 *
 * What Exotel sends is what its articles list: the query parameters of the Connect's dynamic URL
 * (with the Exotel-Version: 1.0 header), of the Passthru (CallType, DialWhomNumber,
 * DialCallDuration, RecordingUrl, ...) and of the Greeting (CallSid, From, To, DialWhomNumber),
 * numbers in the 0-prefixed national form. DialCallDuration counts from the moment the answering
 * phone was dialed, as Exotel documents it. The answer's dial_passthru_event_url, when given, is
 * called with the Passthru's parameters once the dial is over.
 */

export type InboundOutcome =
  /** The `by`-th number rung (0-based; default the first) picks up after a few rings and talks. */
  | { kind: 'answered'; by?: number; talkSeconds: number }
  /** Every number rings out. */
  | { kind: 'no-answer' }
  /** The caller hangs up while the phones ring, `afterSeconds` after the Connect began. */
  | { kind: 'caller-hangup'; afterSeconds: number };

/** The flow as configured in App Bazaar: full URLs, each with its token. */
export type InboundFlow = {
  /** The Connect applet's Primary URL. */
  connectUrl: string;
  /** A Passthru applet on every branch out of the Connect (after the Greeting on "didn't dial anyone"). */
  passthruUrl?: string;
  /** A Greeting applet on the "didn't dial anyone" branch, its text from this URL. */
  greetingUrl?: string;
};

export type InboundCallScript = {
  /** The caller's phone, E.164. */
  from: string;
  /** The ExoPhone rung; default the stand-in's. */
  to?: string;
  outcome: InboundOutcome;
  /** Which of the dial reports Exotel sends: the flow's Passthru applet, the answer's dial_passthru_event_url, or both (default: whichever exist). */
  reports?: 'applet' | 'dial-event' | 'both';
};

export type InboundRun = {
  callSid: string;
  connect: { status: number; contentType: string; body: unknown; problems: string[] };
  /** The transition out of the Connect applet. */
  branch: 'conversation-ended' | 'nobody-answered' | 'not-dialed';
  /** The phones rung, in order, as the answer listed them. */
  rung: { number: string; seconds: number; answered: boolean }[];
  /** start_call_playback, played when a phone picked up. */
  played: { to: string; type: string; value: string } | null;
  /** What the Greeting spoke on the "didn't dial anyone" branch. */
  greeting: string | null;
  /** Every report sent about the dial, in order. */
  reports: { url: string; query: Record<string, string>; status: number; body: string }[];
  endedAt: Date;
};

export type InboundContext = {
  now(): Date;
  /** Exotel's wall-clock form, YYYY-MM-DD HH:mm:ss in the account's zone. */
  time(d: Date): string;
  newSid(): string;
  callerId: string;
  recordingUrl(sid: string): string;
};

/** Seconds a phone rings before its agent picks up. */
export const AGENT_PICKS_UP_AFTER_S = 5;
/** Exotel writes EndTime as this constant in applet requests (its articles say to ask Call Details instead). */
const EPOCH_END = '1970-01-01 05:30:00';

const national = (phone: string) => `0${phone.replace(/\D/g, '').slice(-10)}`;
const addS = (d: Date, s: number) => new Date(d.getTime() + s * 1000);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const PHONE = /^(\+[1-9]\d{7,14}|0\d{10})$/;

const TOP_LEVEL = new Set([
  'fetch_after_attempt',
  'destination',
  'outgoing_phone_number',
  'record',
  'recording_channels',
  'max_ringing_duration',
  'max_conversation_duration',
  'music_on_hold',
  'start_call_playback',
  'parallel_ringing',
  'dial_passthru_event_url',
]);

/**
 * What Exotel would refuse in a Connect applet's dynamic-URL answer, or nothing: the status,
 * the content type, and each field against Exotel's table (names, types, allowed values).
 */
export function connectAnswerProblems(status: number, contentType: string, body: unknown): string[] {
  const problems: string[] = [];
  if (status !== 200) problems.push(`HTTP ${status}, not 200`);
  // "MUST set the Content-Type HTTP header to 'application/json' and nothing else."
  if (contentType.trim().toLowerCase() !== 'application/json') problems.push(`Content-Type "${contentType}", not application/json and nothing else`);
  if (!isRecord(body)) return [...problems, 'the body is not a JSON object'];
  for (const key of Object.keys(body)) if (!TOP_LEVEL.has(key)) problems.push(`${key} is not a Connect applet parameter`);
  const bool = (key: string) => {
    if (key in body && typeof body[key] !== 'boolean') problems.push(`${key} must be true or false`);
  };
  const int = (key: string, min: number, max: number) => {
    if (!(key in body)) return;
    const v = body[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) problems.push(`${key} must be a whole number of seconds from ${min} to ${max}`);
  };
  bool('fetch_after_attempt');
  bool('record');
  int('max_ringing_duration', 1, 60);
  int('max_conversation_duration', 1, 14_400);
  const destination = body.destination;
  if (!isRecord(destination) || !Array.isArray(destination.numbers)) problems.push('destination.numbers is required, a list of numbers');
  else
    for (const [i, n] of destination.numbers.entries())
      if (typeof n !== 'string' || !PHONE.test(n)) problems.push(`destination.numbers[${i}] "${String(n)}" is not a phone number`);
  if ('outgoing_phone_number' in body && (typeof body.outgoing_phone_number !== 'string' || !PHONE.test(body.outgoing_phone_number)))
    problems.push('outgoing_phone_number must be a phone number');
  if ('recording_channels' in body && !['single', 'dual'].includes(String(body.recording_channels))) problems.push('recording_channels must be single or dual');
  if ('music_on_hold' in body) {
    const m = body.music_on_hold;
    if (!isRecord(m) || !['default_tone', 'operator_tone', 'custom_tone'].includes(String(m.type)))
      problems.push('music_on_hold.type must be default_tone, operator_tone or custom_tone');
    else if (m.type === 'custom_tone' && typeof m.value !== 'string') problems.push('music_on_hold.value is required with custom_tone');
  }
  if ('start_call_playback' in body) {
    const p = body.start_call_playback;
    if (!isRecord(p)) problems.push('start_call_playback must be an object');
    else {
      if (!['both', 'callee'].includes(String(p.playback_to))) problems.push('start_call_playback.playback_to must be both or callee');
      if (!['text', 'audio_url'].includes(String(p.type))) problems.push('start_call_playback.type must be text or audio_url');
      if (typeof p.value !== 'string' || p.value.trim() === '') problems.push('start_call_playback.value must be the text or the audio URL');
    }
  }
  if ('parallel_ringing' in body) {
    const p = body.parallel_ringing;
    if (!isRecord(p) || typeof p.activate !== 'boolean') problems.push('parallel_ringing.activate must be true or false');
    else if ('max_parallel_attempts' in p && !(Number.isInteger(p.max_parallel_attempts) && Number(p.max_parallel_attempts) >= 1))
      problems.push('parallel_ringing.max_parallel_attempts must be a whole number from 1');
  }
  if ('dial_passthru_event_url' in body && !(typeof body.dial_passthru_event_url === 'string' && /^https?:\/\//.test(body.dial_passthru_event_url)))
    problems.push('dial_passthru_event_url must be an http(s) URL');
  return problems;
}

const withQuery = (url: string, query: Record<string, string>) => `${url}${url.includes('?') ? '&' : '?'}${new URLSearchParams(query).toString()}`;

/** Plays one incoming call through the flow; `to`/`from` are E.164, Exotel sends them national. */
export async function playInboundCall(ctx: InboundContext, flow: InboundFlow, script: InboundCallScript): Promise<InboundRun> {
  const callSid = ctx.newSid();
  const start = ctx.now();
  const from = national(script.from);
  const to = national(script.to ?? ctx.callerId);
  const common = { CallSid: callSid, CallFrom: from, CallTo: to, From: from, To: to, Direction: 'incoming', flow_id: '210501', tenant_id: '4413' };

  const connectQuery = {
    ...common,
    Created: ctx.time(start),
    StartTime: ctx.time(start),
    EndTime: EPOCH_END,
    CurrentTime: ctx.time(start),
    CallType: 'call-attempt',
    DialCallDuration: '0',
    DialWhomNumber: '',
  };
  const res = await fetch(withQuery(flow.connectUrl, connectQuery), { headers: { 'Exotel-Version': '1.0' } });
  const contentType = res.headers.get('content-type') ?? '';
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  const problems = connectAnswerProblems(res.status, contentType, body);
  const run: InboundRun = {
    callSid,
    connect: { status: res.status, contentType, body, problems },
    branch: 'not-dialed',
    rung: [],
    played: null,
    greeting: null,
    reports: [],
    endedAt: start,
  };

  const answer = problems.length === 0 && isRecord(body) ? body : null;
  const numbers = answer && isRecord(answer.destination) && Array.isArray(answer.destination.numbers) ? answer.destination.numbers.map(String) : [];
  let report: Record<string, string>;
  if (numbers.length === 0) {
    if (flow.greetingUrl) run.greeting = await speakGreeting(flow.greetingUrl, { CallSid: callSid, From: from, To: to, DialWhomNumber: '' });
    run.endedAt = addS(start, 5);
    report = { ...connectQuery, CurrentTime: ctx.time(run.endedAt) };
  } else {
    const ring = typeof answer?.max_ringing_duration === 'number' ? answer.max_ringing_duration : 30;
    const o = script.outcome;
    let clock = 0;
    let last = '';
    let dialFor = 0;
    let callType = 'incomplete';
    let recording = '';
    for (const [i, number] of numbers.entries()) {
      last = number;
      if (o.kind === 'answered' && i === (o.by ?? 0)) {
        run.rung.push({ number, seconds: AGENT_PICKS_UP_AFTER_S, answered: true });
        const playback = answer?.start_call_playback;
        if (isRecord(playback)) run.played = { to: String(playback.playback_to), type: String(playback.type), value: String(playback.value) };
        clock += AGENT_PICKS_UP_AFTER_S + o.talkSeconds;
        dialFor = AGENT_PICKS_UP_AFTER_S + o.talkSeconds;
        callType = 'completed';
        if (answer?.record === true) recording = ctx.recordingUrl(callSid);
        break;
      }
      if (o.kind === 'caller-hangup' && clock + ring >= o.afterSeconds) {
        run.rung.push({ number, seconds: o.afterSeconds - clock, answered: false });
        dialFor = o.afterSeconds - clock;
        clock = o.afterSeconds;
        callType = 'client-hangup';
        break;
      }
      run.rung.push({ number, seconds: ring, answered: false });
      clock += ring;
      dialFor = ring;
    }
    run.branch = callType === 'completed' ? 'conversation-ended' : 'nobody-answered';
    run.endedAt = addS(start, clock);
    report = {
      ...common,
      Created: ctx.time(start),
      StartTime: ctx.time(start),
      EndTime: EPOCH_END,
      CurrentTime: ctx.time(run.endedAt),
      CallType: callType,
      DialCallDuration: String(dialFor),
      // Exotel names the number dialed last, in the form it dialed it.
      DialWhomNumber: national(last),
    };
    if (recording) report.RecordingUrl = recording;
  }

  const dialEvent = answer && typeof answer.dial_passthru_event_url === 'string' && numbers.length > 0 ? answer.dial_passthru_event_url : null;
  const which = script.reports ?? 'both';
  const targets = [...(dialEvent && which !== 'applet' ? [dialEvent] : []), ...(flow.passthruUrl && which !== 'dial-event' ? [flow.passthruUrl] : [])];
  for (const url of targets) {
    const r = await fetch(withQuery(url, report));
    run.reports.push({ url, query: report, status: r.status, body: await r.text() });
  }
  return run;
}

/** The Greeting applet's text from a URL: HEAD first, then GET, each answering text/plain. */
async function speakGreeting(url: string, query: Record<string, string>): Promise<string> {
  const target = withQuery(url, query);
  const head = await fetch(target, { method: 'HEAD' });
  // "MUST set the Content-Type HTTP header to 'text/plain' and nothing else", on HEAD as on GET.
  const type = (r: Response) => r.headers.get('content-type')?.trim().toLowerCase();
  if (head.status !== 200 || type(head) !== 'text/plain')
    throw new Error(`Greeting URL HEAD answered ${head.status} ${type(head) ?? ''}: Exotel wants 200 text/plain`);
  const res = await fetch(target);
  const text = await res.text();
  if (res.status !== 200 || type(res) !== 'text/plain') throw new Error(`Greeting URL answered ${res.status} ${type(res) ?? ''}: Exotel wants 200 text/plain`);
  if (!text.trim()) throw new Error('Greeting URL answered no text to speak');
  return text;
}
