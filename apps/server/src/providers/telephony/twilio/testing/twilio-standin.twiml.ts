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

/** Reads TwiML strictly; throws Refusal 12100 on anything Twilio would not parse. */
export function checkTwiml(twiml: string, publicBaseUrl: string): { conference: { name: string; attributes: Record<string, string> } | null } {
  const bad = (why: string) => new Refusal(400, 12100, `Document parse failure: ${why}`);
  const source = twiml.replace(/^<\?xml[^?]*\?>/, '').trim();
  const stack: string[] = [];
  let conference: { name: string; attributes: Record<string, string> } | null = null;
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
      if (URL_ATTRIBUTES.has(key) && !attributes[key].startsWith(`${publicBaseUrl}/`)) {
        throw new Refusal(400, 21609, `${key} ${attributes[key]} is not under ${publicBaseUrl}`);
      }
    }
    if (!selfClosing) {
      stack.push(name);
      current = { name, attributes, text: '' };
    }
  }
  if (!rootSeen || stack.length > 0) throw bad('unclosed elements');
  return { conference };
}

const decode = (v: string) =>
  v.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
