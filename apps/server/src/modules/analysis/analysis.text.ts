/**
 * What a call's transcript says, read after the call: each side's sentiment and how it moved,
 * the objections the lead raised and whether the agent answered them, the programmes, fees, dates
 * and places talked about, what was promised (a callback time, documents to send, a visit, a
 * payment), an extractive summary, and the wrap-up it suggests. English, Hindi and Hinglish, in
 * Latin or Devanagari script.
 *
 * Sentiment and objections come from the live assist model (nlu), utterance by utterance; an
 * objection counts as answered when the agent replied to it (a reply of some substance within
 * 30 s) and the lead did not raise it again in their next two turns.
 */
import { COMMITMENT_KINDS, KEYWORD_KINDS, type ObjectionType, type SentimentLabel, type SpeechLanguage } from '@telehub/shared';

export type Line = { speaker: 'agent' | 'lead'; text: string; startMs: number; endMs: number; language?: SpeechLanguage };

/** The live assist model's reading of one utterance. */
export type Reader = (
  text: string,
  lang?: SpeechLanguage,
) => { objections: { type: ObjectionType; confidence: number }[]; sentiment: { label: SentimentLabel; score: number } };

export type SideSentiment = {
  label: SentimentLabel;
  /** Mean score, -1..1. */
  score: number;
  /** The score over each quarter of the side's speech, in order: how the mood moved. */
  arc: number[];
};

export type RaisedObjection = { type: ObjectionType; handled: boolean; atMs: number; text: string };

export type KeywordKind = (typeof KEYWORD_KINDS)[number];
export type Keyword = { kind: KeywordKind; text: string };

export type CommitmentKind = (typeof COMMITMENT_KINDS)[number];
export type Commitment = { kind: CommitmentKind; by: 'agent' | 'lead'; text: string; atMs: number; when: string | null };

export type WrapUpSuggestion = { disposition: string; callbackWhen: string | null; note: string };

export type TextMeasures = {
  sentiment: { lead: SideSentiment | null; agent: SideSentiment | null };
  objections: RaisedObjection[];
  keywords: Keyword[];
  commitments: Commitment[];
  summary: string;
  wrapUp: WrapUpSuggestion;
};

/** A reply this many words long or longer is an answer; "ok" is not. */
const ANSWER_WORDS = 5;
const ANSWER_WITHIN_MS = 30_000;

const wordsOf = (text: string) => text.split(/[\s,.!?;:।]+/u).filter(Boolean);

function sideSentiment(lines: Line[], read: Reader): SideSentiment | null {
  if (lines.length === 0) return null;
  const scores = lines.map((l) => read(l.text, l.language).sentiment.score);
  const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
  const quarters = Math.min(4, scores.length);
  const arc = Array.from({ length: quarters }, (_, q) => {
    const part = scores.slice(Math.floor((q * scores.length) / quarters), Math.floor(((q + 1) * scores.length) / quarters));
    return Math.round((part.reduce((s, v) => s + v, 0) / Math.max(1, part.length)) * 100) / 100;
  });
  const label: SentimentLabel = mean >= 0.2 ? 'positive' : mean <= -0.2 ? 'negative' : 'neutral';
  return { label, score: Math.round(mean * 100) / 100, arc };
}

function objectionsOf(lines: Line[], read: Reader): RaisedObjection[] {
  const out: RaisedObjection[] = [];
  const leadLines = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.speaker === 'lead');
  for (const [k, { l, i }] of leadLines.entries()) {
    for (const o of read(l.text, l.language).objections) {
      // The same objection again in the same stretch of the lead's speech is one objection.
      const prev = out[out.length - 1];
      if (prev && prev.type === o.type && l.startMs - prev.atMs < ANSWER_WITHIN_MS && !prev.handled) continue;
      const replied = lines
        .slice(i + 1)
        .some((r) => r.speaker === 'agent' && r.startMs - l.endMs <= ANSWER_WITHIN_MS && wordsOf(r.text).length >= ANSWER_WORDS);
      const next = leadLines.slice(k + 1, k + 3);
      const again = next.some(({ l: n }) => read(n.text, n.language).objections.some((x) => x.type === o.type));
      out.push({ type: o.type, handled: replied && !again, atMs: l.startMs, text: l.text });
    }
  }
  return out;
}

/** Patterns of the things worth finding again in a call, in the three ways leads and agents say them. */
const KEYWORD_PATTERNS: Record<KeywordKind, RegExp> = {
  programme:
    /\b(?:b\.?\s?tech|m\.?\s?tech|b\.?\s?e\b|mba|bba|bca|mca|b\.?\s?com|m\.?\s?com|b\.?\s?sc|m\.?\s?sc|b\.?\s?ed|ph\.?\s?d|diploma|polytechnic|nursing|pharmacy|hotel management|engineering|(?:computer|data) science|\w+ (?:course|programme|program))\b|बी\.?\s?टेक|एमबीए|बीबीए|बीसीए|डिप्लोमा|नर्सिंग|कोर्स/giu,
  fee: /(?:₹|rs\.?|inr)\s?\d[\d,]*(?:\s?(?:lakh|lac|k|thousand|hazaar|hazar))?|\b\d[\d,.]*\s?(?:lakh|lac|thousand|hazaar|hazar|rupees|rupaye|rs)\b|\d[\d,.]*\s?(?:लाख|हज़ार|हजार|रुपये)|\b(?:emi|scholarship|installments?|kisht)\b|स्कॉलरशिप|किस्त/giu,
  date: /\b(?:today|tomorrow|day after tomorrow|next (?:week|month|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|this (?:week|weekend|evening)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|aaj|kal|parso|agle (?:hafte|mahine)|(?:jan|febr)uary|march|april|may|june|july|august|(?:septem|octo|novem|decem)ber|\d{1,2}\s?(?:am|pm|baje)|\d{1,2}:\d{2})\b|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?|आज|कल|परसों|अगले (?:हफ्ते|हफ़्ते|महीने)|\d{1,2}\s?बजे/giu,
  place:
    /\b(?:delhi|mumbai|bombay|kolkata|calcutta|chennai|madras|bengaluru|bangalore|hyderabad|pune|ahmedabad|jaipur|lucknow|kanpur|nagpur|indore|bhopal|patna|ranchi|varanasi|agra|noida|gurgaon|gurugram|ghaziabad|faridabad|chandigarh|dehradun|surat|vadodara|kochi|coimbatore|mysore|mysuru|bhubaneswar|guwahati|raipur|amritsar|ludhiana|campus|hostel)\b|दिल्ली|मुंबई|कोलकाता|चेन्नई|बेंगलुरु|हैदराबाद|पुणे|जयपुर|लखनऊ|पटना|भोपाल|इंदौर|नोएडा|कैंपस|हॉस्टल/giu,
};

function keywordsOf(lines: Line[]): Keyword[] {
  const seen = new Set<string>();
  const out: Keyword[] = [];
  for (const l of lines) {
    for (const kind of KEYWORD_KINDS) {
      for (const m of l.text.matchAll(KEYWORD_PATTERNS[kind])) {
        const text = m[0].trim().toLowerCase().replace(/\s+/g, ' ');
        const key = `${kind}:${text}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ kind, text });
      }
    }
  }
  return out;
}

/** What was promised, and by when where it was said. */
const COMMITMENT_PATTERNS: Record<CommitmentKind, RegExp> = {
  callback:
    /\b(?:call (?:me |you )?(?:back|again|later|tomorrow)|call karna|call karo|call karunga|call karungi|call kar (?:dena|denge|lena|lijiye)|baad mein (?:baat|call)|phone kar(?:na|o|unga|ungi))\b|(?:बाद में|फिर से) (?:कॉल|फ़ोन|फोन|बात)|कॉल कर(?:ना|ें|िए|ूंगा|ूंगी)/iu,
  documents:
    /\b(?:send|share|mail|email|whatsapp|bhej)\w*\b.{0,40}\b(?:brochure|details|documents?|prospectus|fee structure|form|link|pdf)\b|\b(?:brochure|details|documents?|prospectus|fee structure|form|link|pdf)\b.{0,30}\b(?:send|share|mail|bhej)\w*|ब्रोशर|डिटेल्स भेज|व्हाट्सएप/iu,
  visit:
    /\b(?:visit\w*|come to|come and see|aa jaunga|aa jaungi|aaunga|aaungi|milne aa\w*|dekhne aa\w*)\b.{0,30}\b(?:campus|office|college|centre|center)\b|\bcampus (?:visit|dekh|aa)\w*|कैंपस (?:आ|देख)/iu,
  payment:
    /\b(?:pay|deposit|jama)\w*\b.{0,30}\b(?:fee|fees|amount|registration|seat|admission)\b|\b(?:fee|fees|registration)\b.{0,20}\b(?:pay|deposit|jama)\w*|फीस (?:जमा|भर)/iu,
};

function commitmentsOf(lines: Line[]): Commitment[] {
  const out: Commitment[] = [];
  for (const l of lines) {
    for (const kind of COMMITMENT_KINDS) {
      if (!COMMITMENT_PATTERNS[kind].test(l.text)) continue;
      const when = [...l.text.matchAll(KEYWORD_PATTERNS.date)].map((m) => m[0].trim()).join(' ') || null;
      out.push({ kind, by: l.speaker, text: l.text, atMs: l.startMs, when });
    }
  }
  return out;
}

const OBJECTION_WORDS: Record<ObjectionType, string> = {
  price: 'the price',
  timing: 'the timing',
  callback_later: 'calling later',
  not_interested: 'not being interested',
  trust: 'trust',
  consult_family: 'asking the family',
  already_enrolled: 'being enrolled elsewhere',
  logistics: 'logistics',
};

const OBJECTION_WORDS_HI: Record<ObjectionType, string> = {
  price: 'फीस',
  timing: 'समय',
  callback_later: 'बाद में कॉल',
  not_interested: 'रुचि न होने',
  trust: 'भरोसे',
  consult_family: 'परिवार से पूछने',
  already_enrolled: 'कहीं और दाखिले',
  logistics: 'आने-जाने और इंतज़ाम',
};

const SENTIMENT_HI: Record<SentimentLabel, string> = { positive: 'सकारात्मक', neutral: 'सामान्य', negative: 'नकारात्मक' };

/** The summary's sentences, in English or in Hindi (for a call spoken mostly in Hindi, in Devanagari). */
const WORDS = {
  en: {
    topics: (t: string) => `Talked about ${t}.`,
    answered: (o: string) => `The lead raised ${o}, and the agent answered.`,
    open: (o: string) => `Left unanswered: ${o}.`,
    said: (by: 'agent' | 'lead', text: string) => `${by === 'agent' ? 'The agent' : 'The lead'}: "${text}"`,
    mood: (l: SentimentLabel) => `The lead was ${l} overall.`,
    objection: (t: ObjectionType) => OBJECTION_WORDS[t],
    list: ', ',
  },
  hi: {
    topics: (t: string) => `${t} के बारे में बात हुई।`,
    answered: (o: string) => `लीड ने ${o} की बात उठाई, और एजेंट ने जवाब दिया।`,
    open: (o: string) => `जवाब नहीं मिला: ${o}।`,
    said: (by: 'agent' | 'lead', text: string) => `${by === 'agent' ? 'एजेंट' : 'लीड'}: "${text}"`,
    mood: (l: SentimentLabel) => `लीड का रुख कुल मिलाकर ${SENTIMENT_HI[l]} रहा।`,
    objection: (t: ObjectionType) => OBJECTION_WORDS_HI[t],
    list: ', ',
  },
};

/** The language the summary is written in: Hindi when most of the words were said in Hindi (Devanagari), else English. */
export function summaryLanguage(lines: Line[]): 'en' | 'hi' {
  let hi = 0;
  let all = 0;
  for (const l of lines) {
    const n = wordsOf(l.text).length;
    all += n;
    if (l.language === 'hi' || /[\u0900-\u097f]/u.test(l.text)) hi += n;
  }
  return all > 0 && hi / all > 0.5 ? 'hi' : 'en';
}

function summaryOf(m: Omit<TextMeasures, 'summary' | 'wrapUp'>, lines: Line[]): string {
  if (lines.length === 0) return '';
  const w = WORDS[summaryLanguage(lines)];
  const parts: string[] = [];
  const topics = m.keywords.filter((k) => k.kind === 'programme' || k.kind === 'fee').map((k) => k.text);
  if (topics.length > 0) parts.push(w.topics([...new Set(topics)].slice(0, 4).join(w.list)));
  if (m.objections.length > 0) {
    const answered = m.objections.filter((o) => o.handled).map((o) => w.objection(o.type));
    const open = m.objections.filter((o) => !o.handled).map((o) => w.objection(o.type));
    if (answered.length > 0) parts.push(w.answered([...new Set(answered)].join(w.list)));
    if (open.length > 0) parts.push(w.open([...new Set(open)].join(w.list)));
  }
  for (const c of m.commitments.slice(-2)) parts.push(w.said(c.by, c.text.trim()));
  if (m.sentiment.lead) parts.push(w.mood(m.sentiment.lead.label));
  if (parts.length === 0) {
    // Nothing stood out: the lead's longest utterance says most.
    const longest = lines.filter((l) => l.speaker === 'lead').sort((a, b) => wordsOf(b.text).length - wordsOf(a.text).length)[0];
    if (longest) parts.push(w.said('lead', longest.text.trim()));
  }
  return parts.join(' ');
}

function wrapUpOf(m: Omit<TextMeasures, 'wrapUp'>): WrapUpSuggestion {
  const callback = m.commitments.filter((c) => c.kind === 'callback').pop();
  const unanswered = m.objections.filter((o) => !o.handled);
  const lead = m.sentiment.lead;
  let disposition = 'interested';
  if (callback || unanswered.some((o) => o.type === 'callback_later' || o.type === 'timing' || o.type === 'consult_family')) disposition = 'callback';
  else if (unanswered.some((o) => o.type === 'not_interested' || o.type === 'already_enrolled') || lead?.label === 'negative') disposition = 'not_interested';
  return { disposition, callbackWhen: callback?.when ?? null, note: m.summary };
}

export function analyzeTranscript(lines: Line[], read: Reader): TextMeasures {
  const ordered = [...lines].sort((a, b) => a.startMs - b.startMs);
  const base = {
    sentiment: {
      lead: sideSentiment(
        ordered.filter((l) => l.speaker === 'lead'),
        read,
      ),
      agent: sideSentiment(
        ordered.filter((l) => l.speaker === 'agent'),
        read,
      ),
    },
    objections: objectionsOf(ordered, read),
    keywords: keywordsOf(ordered),
    commitments: commitmentsOf(ordered),
  };
  const withSummary = { ...base, summary: summaryOf(base, ordered) };
  return { ...withSummary, wrapUp: wrapUpOf(withSummary) };
}
