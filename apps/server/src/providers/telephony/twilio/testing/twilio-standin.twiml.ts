/**
 * The Twilio stand-in's TwiML reader: strict about what Twilio would not parse (well-formed XML,
 * known verbs in their places, escaped text, documented attributes and values of the verbs
 * TeleHub uses), and about our own rule that callback URLs in it point under the configured
 * public base URL. Two kinds of document: a call's (a webhook's answer, a call's Twiml), and an
 * <Enqueue> waitUrl's, which Twilio restricts to Play, Say, Pause, Hangup, Redirect, Leave and Gather.
 */
const TWIML_VERBS = new Set([
  'Response',
  'Dial',
  'Conference',
  'Number',
  'Say',
  'Play',
  'Pause',
  'Hangup',
  'Redirect',
  'Record',
  'Gather',
  'Start',
  'Stream',
  'Parameter',
  'Recording',
  'Enqueue',
  'Leave',
]);
const URL_ATTRIBUTES = new Set(['action', 'statusCallback', 'recordingStatusCallback', 'url', 'waitUrl']);
/** Nouns and where they go; every other element is a verb, directly in <Response> (Say, Play, Pause also in <Gather>). */
const PARENTS: Record<string, readonly string[]> = {
  Conference: ['Dial'],
  Number: ['Dial'],
  Stream: ['Start'],
  Recording: ['Start'],
  Parameter: ['Stream'],
  Say: ['Response', 'Gather'],
  Play: ['Response', 'Gather'],
  Pause: ['Response', 'Gather'],
};
/** Twilio's <Enqueue> waitUrl document: "Play, Say, Pause, Hangup, Redirect, Leave and Gather" only. */
const WAIT_VERBS = new Set(['Play', 'Say', 'Pause', 'Hangup', 'Redirect', 'Leave', 'Gather']);

/** A request Twilio refuses: its HTTP status, Twilio error code and message. */
export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** One element of a document, with its decoded text and its children in order. */
export type TwimlNode = { name: string; attributes: Record<string, string>; text: string; children: TwimlNode[] };

/** What a TwiML document does, as far as the stand-in plays it. */
export type ReadTwiml = {
  conference: { name: string; attributes: Record<string, string> } | null;
  /** <Say> texts, in order, with their language attribute (Twilio's default en-US when absent). */
  says: { text: string; language: string }[];
  /** Whether a <Hangup/> ends it. */
  hangup: boolean;
  /** <Start><Stream>s: the media streams the call's audio is forked to. */
  streams: { url: string; track: string }[];
  /** <Start><Recording>s: the recordings started, by their attributes. */
  recordings: Record<string, string>[];
  /** The <Enqueue>: queue name and attributes. */
  enqueue: { name: string; attributes: Record<string, string> } | null;
  /** <Dial>s with the <Number>s each rings, in order. */
  dials: { attributes: Record<string, string>; numbers: string[] }[];
  /** <Play> URLs, in order. */
  plays: string[];
  /** <Play digits>: the keypad tones played, in order. */
  tones: string[];
  /** Whether a <Leave/> takes the call out of its queue. */
  leave: boolean;
  /** The verbs directly in <Response>, in order: what the stand-in plays. */
  verbs: TwimlNode[];
};

export type TwimlDocument = 'call' | 'wait';

/** <Say>'s attributes, and the language tags it is given here (Twilio takes more). */
const SAY_ATTRIBUTES = new Set(['voice', 'language', 'loop']);
const LANGUAGE_TAG = /^[a-z]{2,3}-[A-Z]{2}$/;
/** Attributes Twilio documents for the verbs and nouns below, with the values they take (null: any). */
const ATTRIBUTES: Record<string, Record<string, readonly string[] | null>> = {
  Enqueue: { action: null, method: ['GET', 'POST'], waitUrl: null, waitUrlMethod: ['GET', 'POST'], workflowSid: null },
  Leave: {},
  Play: { loop: null, digits: null },
  Recording: {
    recordingStatusCallback: null,
    recordingStatusCallbackMethod: ['GET', 'POST'],
    recordingStatusCallbackEvent: null,
    trim: ['trim-silence', 'do-not-trim'],
    track: ['inbound', 'outbound', 'both'],
    channels: ['mono', 'dual'],
    name: null,
  },
};
/** Twilio's error for a bad value, where it has its own (Enqueue: 14206 waitUrlMethod, 14202 waitUrl). */
const VALUE_ERRORS: Record<string, number> = { 'Enqueue.waitUrlMethod': 14206, 'Enqueue.waitUrl': 14202 };
const ENTITY = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Reads TwiML strictly; throws Refusal (12100 and the like) on anything Twilio would not parse or run. */
export function checkTwiml(twiml: string, publicBaseUrl: string, kind: TwimlDocument = 'call'): ReadTwiml {
  const bad = (why: string) => new Refusal(400, 12100, `Document parse failure: ${why}`);
  const source = twiml.replace(/^<\?xml[^?]*\?>/, '').trim();
  const root: TwimlNode = { name: '#document', attributes: {}, text: '', children: [] };
  const stack: TwimlNode[] = [root];
  const token = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[6]) throw bad('stray "<"');
    const open = stack[stack.length - 1] ?? root;
    const text = m[5];
    if (text !== undefined) {
      if (ENTITY.test(text)) throw bad('unescaped "&"');
      if (open === root && text.trim()) throw bad('text outside <Response>');
      open.text += text;
      continue;
    }
    const [, closing, name = '', attrText = '', selfClosing] = m;
    if (closing) {
      if (open.name !== name) throw bad(`</${name}> does not close the open element`);
      stack.pop();
      continue;
    }
    if (!TWIML_VERBS.has(name)) throw bad(`unknown element <${name}>`);
    if (open === root && (root.children.length > 0 || name !== 'Response')) throw bad('the root element must be a single <Response>');
    if (open !== root) {
      const parents = PARENTS[name] ?? ['Response'];
      if (!parents.includes(open.name)) throw bad(`<${name}> does not belong in <${open.name}>`);
    }
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)) {
      const [, key = '', value = ''] = a;
      if (key in attributes) throw bad(`attribute ${key} repeated`);
      if (ENTITY.test(value)) throw bad(`unescaped "&" in ${key}`);
      attributes[key] = decode(value);
      checkUrlAttribute(name, key, attributes[key], publicBaseUrl);
    }
    const node: TwimlNode = { name, attributes, text: '', children: [] };
    open.children.push(node);
    if (!selfClosing) stack.push(node);
  }
  const response = root.children[0];
  if (!response || stack.length > 1) throw bad('unclosed elements');
  for (const node of walk(response)) node.text = decode(node.text).trim();
  for (const verb of response.children) {
    if (kind === 'wait' && !WAIT_VERBS.has(verb.name)) throw bad(`<${verb.name}> is not allowed in an Enqueue waitUrl document`);
    // Stand-in rule: <Leave> takes a call out of its queue, which only a waitUrl document runs in.
    if (kind === 'call' && verb.name === 'Leave') throw bad('<Leave> belongs in an Enqueue waitUrl document');
  }
  return read(response, bad);
}

/** Callback URLs go under the public base URL (our rule); a stream URL is its wss:// form (Twilio: TLS only). */
function checkUrlAttribute(element: string, key: string, value: string, publicBaseUrl: string) {
  if (element === 'Stream' && key === 'url') {
    const wss = publicBaseUrl.replace(/^https:/, 'wss:');
    if (!wss.startsWith('wss:') || !value.startsWith(`${wss}/`)) throw new Refusal(400, 21609, `Stream url ${value} is not wss:// under ${publicBaseUrl}`);
    return;
  }
  if (!URL_ATTRIBUTES.has(key)) return;
  if (!URL.canParse(value)) throw new Refusal(400, VALUE_ERRORS[`${element}.${key}`] ?? 21609, `${key} ${value} is not an absolute URL`);
  if (!value.startsWith(`${publicBaseUrl}/`)) throw new Refusal(400, 21609, `${key} ${value} is not under ${publicBaseUrl}`);
}

function* walk(node: TwimlNode): Generator<TwimlNode> {
  yield node;
  for (const child of node.children) yield* walk(child);
}

function read(response: TwimlNode, bad: (why: string) => Refusal): ReadTwiml {
  const out: ReadTwiml = {
    conference: null,
    says: [],
    hangup: false,
    streams: [],
    recordings: [],
    enqueue: null,
    dials: [],
    plays: [],
    tones: [],
    leave: false,
    verbs: response.children,
  };
  for (const node of walk(response)) {
    const { name, attributes, text } = node;
    const documented = ATTRIBUTES[name];
    if (documented) {
      for (const [key, value] of Object.entries(attributes)) {
        if (!(key in documented)) throw bad(`<${name}> has no attribute ${key}`);
        const allowed = documented[key];
        if (allowed && !allowed.includes(value))
          throw new Refusal(400, VALUE_ERRORS[`${name}.${key}`] ?? 12100, `<${name}> ${key} "${value}" is not one of ${allowed.join(', ')}`);
      }
    }
    if (name === 'Say') {
      for (const key of Object.keys(attributes)) if (!SAY_ATTRIBUTES.has(key)) throw bad(`<Say> has no attribute ${key}`);
      if (attributes.language !== undefined && !LANGUAGE_TAG.test(attributes.language))
        throw bad(`<Say> language "${attributes.language}" is not a language tag`);
      if (!text) throw bad('<Say> has nothing to say');
      out.says.push({ text, language: attributes.language ?? 'en-US' });
    }
    if (name === 'Hangup') {
      if (text || node.children.length) throw bad('<Hangup> takes no content');
      out.hangup = true;
    }
    if (name === 'Leave') {
      if (text || node.children.length) throw bad('<Leave> takes no content');
      out.leave = true;
    }
    if (name === 'Conference') out.conference = { name: text, attributes };
    if (name === 'Stream') {
      const url = attributes.url;
      if (!url) throw bad('<Stream> has no url');
      // Twilio: "The url does not support query string parameters"; custom values go in <Parameter>.
      if (url.includes('?')) throw bad('<Stream> url has a query string');
      const track = attributes.track ?? 'inbound_track';
      if (!['inbound_track', 'outbound_track', 'both_tracks'].includes(track)) throw bad(`<Stream> track "${track}" is not a track`);
      out.streams.push({ url, track });
    }
    if (name === 'Recording') {
      const events = (attributes.recordingStatusCallbackEvent ?? 'completed').split(' ').filter(Boolean);
      for (const e of events)
        if (!['in-progress', 'completed', 'absent'].includes(e)) throw bad(`<Recording> recordingStatusCallbackEvent "${e}" is not an event`);
      out.recordings.push(attributes);
    }
    if (name === 'Enqueue') {
      // "The queue name must be 64 characters or less in length"; without a TaskRouter workflow it names the queue.
      if (text.length > 64) throw bad(`<Enqueue> queue name is ${text.length} characters, more than 64`);
      if (!text && !attributes.workflowSid) throw bad('<Enqueue> names no queue');
      if (out.enqueue) throw bad('a second <Enqueue> in one document');
      out.enqueue = { name: text, attributes };
    }
    if (name === 'Play') {
      const digits = attributes.digits;
      // Keypad tones: 0-9, *, #, and w (half a second) or W (a second) to pause.
      if (digits !== undefined && !/^[0-9*#wW]+$/.test(digits)) throw bad(`<Play> digits "${digits.slice(0, 40)}" are not 0-9, *, #, w or W`);
      if (digits !== undefined && text) throw bad('<Play> has digits and a URL: one or the other');
      if (digits !== undefined) out.tones.push(digits);
      if (!digits && !/^https?:\/\/[^\s]+$/.test(text)) throw bad(`<Play> "${text.slice(0, 80)}" is not an absolute http(s) URL`);
      if (attributes.loop !== undefined && !/^\d{1,4}$/.test(attributes.loop)) throw bad(`<Play> loop "${attributes.loop}" is not a whole number`);
      if (text) out.plays.push(text);
    }
    if (name === 'Dial') {
      const timeout = attributes.timeout;
      if (timeout !== undefined && !(/^\d{1,3}$/.test(timeout) && Number(timeout) >= 1 && Number(timeout) <= 600))
        throw bad(`<Dial> timeout "${timeout}" is not 1 to 600 seconds`);
      const numbers = node.children.filter((c) => c.name === 'Number').map((c) => c.text);
      if (numbers.some((n) => !n)) throw bad('<Number> has no number');
      out.dials.push({ attributes, numbers });
    }
  }
  return out;
}

const decode = (v: string) =>
  v.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
