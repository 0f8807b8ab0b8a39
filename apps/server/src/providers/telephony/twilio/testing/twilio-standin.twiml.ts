/**
 * The Twilio stand-in's TwiML reader: strict about what Twilio would not parse (well-formed XML,
 * known verbs, escaped text), and about our own rule that callback URLs in it point under the
 * configured public base URL.
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
]);
const URL_ATTRIBUTES = new Set(['action', 'statusCallback', 'recordingStatusCallback', 'url', 'waitUrl']);

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

/** What a TwiML document does, as far as the stand-in plays it. */
export type ReadTwiml = {
  conference: { name: string; attributes: Record<string, string> } | null;
  /** <Say> texts, in order, with their language attribute (Twilio's default en-US when absent). */
  says: { text: string; language: string }[];
  /** Whether a <Hangup/> ends it. */
  hangup: boolean;
  /** <Start><Stream>s: the media streams the call's audio is forked to. */
  streams: { url: string; track: string }[];
};

/** <Say>'s attributes, and the language tags it is given here (Twilio takes more). */
const SAY_ATTRIBUTES = new Set(['voice', 'language', 'loop']);
const LANGUAGE_TAG = /^[a-z]{2,3}-[A-Z]{2}$/;

/** Reads TwiML strictly; throws Refusal 12100 on anything Twilio would not parse. */
export function checkTwiml(twiml: string, publicBaseUrl: string): ReadTwiml {
  const bad = (why: string) => new Refusal(400, 12100, `Document parse failure: ${why}`);
  const source = twiml.replace(/^<\?xml[^?]*\?>/, '').trim();
  const stack: string[] = [];
  let conference: ReadTwiml['conference'] = null;
  const says: ReadTwiml['says'] = [];
  let hangup = false;
  const streams: ReadTwiml['streams'] = [];
  let current: { name: string; attributes: Record<string, string>; text: string } | null = null;
  let rootSeen = false;
  const token = /<(\/?)([A-Za-z]+)((?:\s+[A-Za-z]+\s*=\s*"[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    if (m[6]) throw bad('stray "<"');
    const text = m[5];
    if (text !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(text)) throw bad('unescaped "&"');
      if (stack.length === 0 && text.trim()) throw bad('text outside <Response>');
      if (current) current.text += text;
      continue;
    }
    const [, closing, name = '', attrText = '', selfClosing] = m;
    if (closing) {
      if (stack.pop() !== name) throw bad(`</${name}> does not close the open element`);
      if (current?.name === name && name === 'Conference') conference = { name: decode(current.text.trim()), attributes: current.attributes };
      if (current?.name === name && name === 'Say') {
        const text = decode(current.text.trim());
        if (!text) throw bad('<Say> has nothing to say');
        says.push({ text, language: current.attributes.language ?? 'en-US' });
      }
      current = null;
      continue;
    }
    if (!TWIML_VERBS.has(name)) throw bad(`unknown element <${name}>`);
    if (stack.length === 0 && (rootSeen || name !== 'Response')) throw bad('the root element must be a single <Response>');
    rootSeen = true;
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(/([A-Za-z]+)\s*=\s*"([^"]*)"/g)) {
      const [, key = '', value = ''] = a;
      if (key in attributes) throw bad(`attribute ${key} repeated`);
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(value)) throw bad(`unescaped "&" in ${key}`);
      attributes[key] = decode(value);
      // A stream URL is the websocket form of the public base, and Twilio connects over TLS only.
      if (name === 'Stream' && key === 'url') {
        const wss = publicBaseUrl.replace(/^https:/, 'wss:');
        if (!wss.startsWith('wss:') || !attributes[key].startsWith(`${wss}/`))
          throw new Refusal(400, 21609, `Stream url ${attributes[key]} is not wss:// under ${publicBaseUrl}`);
        continue;
      }
      if (URL_ATTRIBUTES.has(key) && !attributes[key].startsWith(`${publicBaseUrl}/`)) {
        throw new Refusal(400, 21609, `${key} ${attributes[key]} is not under ${publicBaseUrl}`);
      }
    }
    if (name === 'Say') {
      for (const key of Object.keys(attributes)) if (!SAY_ATTRIBUTES.has(key)) throw bad(`<Say> has no attribute ${key}`);
      if (attributes.language !== undefined && !LANGUAGE_TAG.test(attributes.language))
        throw bad(`<Say> language "${attributes.language}" is not a language tag`);
      if (selfClosing) throw bad('<Say> has nothing to say');
    }
    if (name === 'Hangup') hangup = true;
    if (name === 'Stream') {
      if (stack[stack.length - 1] !== 'Start') throw bad('<Stream> belongs in <Start> (or <Connect>)');
      const url = attributes.url;
      if (!url) throw bad('<Stream> has no url');
      // Twilio: "The url does not support query string parameters"; custom values go in <Parameter>.
      if (url.includes('?')) throw bad('<Stream> url has a query string');
      const track = attributes.track ?? 'inbound_track';
      if (!['inbound_track', 'outbound_track', 'both_tracks'].includes(track)) throw bad(`<Stream> track "${track}" is not a track`);
      streams.push({ url, track });
    }
    if (!selfClosing) {
      stack.push(name);
      current = { name, attributes, text: '' };
    }
  }
  if (!rootSeen || stack.length > 0) throw bad('unclosed elements');
  return { conference, says, hangup, streams };
}

const decode = (v: string) =>
  v.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
