/**
 * What the model is asked: a system prompt that makes it an admissions counsellor's quiet helper,
 * answering in the call's language, and a user message with the last turns of the transcript, the
 * objection to answer and the knowledge snippets to draw on. Bounded in size, so a long call or a
 * long article cannot blow the token budget.
 */
import type { ObjectionType } from '@telehub/shared';
import type { ChatMessage } from '../../providers/llm/index.js';

export type SuggestLang = 'en' | 'hi' | 'hinglish';
export type SuggestPurpose = 'next_reply' | 'objection' | 'qa_check' | 'summary';
export type Turn = { speaker: 'agent' | 'lead'; text: string };
export type PromptInput = {
  lang: SuggestLang;
  purpose: SuggestPurpose;
  objection?: ObjectionType;
  transcript: Turn[];
  context?: string[];
  /** qa_check: what to judge about the whole call. */
  question?: string;
};

export const MAX_TURNS = 10;
const MAX_TURN_CHARS = 400;
const MAX_SNIPPETS = 4;
const MAX_SNIPPET_CHARS = 600;

const LANGUAGE: Record<SuggestLang, string> = {
  en: 'Answer in simple spoken English.',
  hi: 'Answer in Hindi written in Devanagari script, as people speak it on the phone; everyday English words such as course, fees or online may stay.',
  hinglish:
    'Answer in Hinglish: Hindi mixed with English, written only in the Latin alphabet (for example: "Aapki baat sahi hai, fees ki tension mat lijiye."), never in Devanagari.',
};

const OBJECTION: Record<ObjectionType, string> = {
  price: 'the fees or the cost feel too high',
  timing: 'now is not the right time to start',
  callback_later: 'they want to be called back later',
  not_interested: 'they say they are not interested',
  trust: 'they doubt whether the organisation or the course can be trusted',
  consult_family: 'they need to talk it over with their family first',
  already_enrolled: 'they have already joined another course or institute',
  logistics: 'practical arrangements worry them (distance, travel, class timings, devices)',
};

const SYSTEM = [
  'You help an admissions counsellor of an education nonprofit in India during a live phone call with a prospective student or a parent.',
  'Suggest what the counsellor can say next: one or two short sentences, warm, respectful and honest, in a natural spoken style.',
  'Reply with those words only: no lists, no quotation marks, no labels, no explanations.',
  'Never invent fees, dates, scholarships, placements or guarantees; state facts only from the notes you are given.',
  'Do not pressure the lead; if they want to stop, help the counsellor close politely and offer a convenient time.',
  'Personal details have been replaced by placeholders such as [number] or [email]; do not repeat or ask for them.',
].join(' ');

export function systemPrompt(lang: SuggestLang): string {
  return `${SYSTEM} ${LANGUAGE[lang]}`;
}

/** Quality review of a finished call: one question, answered yes, no or n/a with a short reason. */
const QA_SYSTEM = [
  'You review a finished phone call between an admissions counsellor of an education nonprofit in India and a prospective student or parent, for quality.',
  'You are given the whole call and one question about it.',
  'Begin your answer with exactly one word: yes, no, or n/a (when the question does not apply to this call), then one short sentence saying why, quoting the call where you can.',
  'Judge only from the words in the call; personal details appear as placeholders such as [number].',
].join(' ');

/** At most this many turns of a finished call go to a quality question (the first and the last). */
export const MAX_QA_TURNS = 80;

/** After the call: what a manager reads in the call list and the next telecaller before dialling. */
const SUMMARY_SYSTEM = [
  'You summarise a finished phone call between an admissions counsellor of an education nonprofit in India and a prospective student or parent.',
  'Write two or three short sentences: what the lead wants or asked, the concerns they raised and how they were answered, and the next step agreed (with its time if one was said).',
  'Write plain prose only: no lists, no labels, no quotation marks. Do not invent anything that was not said.',
  'Personal details appear as placeholders such as [number]; do not repeat them.',
].join(' ');

function summaryMessages(input: PromptInput): ChatMessage[] {
  const all = input.transcript.filter((t) => t.text.trim() !== '');
  const turns = all.length > MAX_QA_TURNS ? [...all.slice(0, MAX_QA_TURNS / 2), ...all.slice(-MAX_QA_TURNS / 2)] : all;
  const lines = turns.map((t) => `${t.speaker === 'agent' ? 'Counsellor' : 'Lead'}: ${clip(t.text, MAX_TURN_CHARS)}`);
  return [
    { role: 'system', content: `${SUMMARY_SYSTEM} ${LANGUAGE[input.lang]}` },
    { role: 'user', content: `The call:\n${lines.join('\n')}\n\nWrite the summary.` },
  ];
}

function qaMessages(input: PromptInput): ChatMessage[] {
  const all = input.transcript.filter((t) => t.text.trim() !== '');
  const turns = all.length > MAX_QA_TURNS ? [...all.slice(0, MAX_QA_TURNS / 2), ...all.slice(-MAX_QA_TURNS / 2)] : all;
  const lines = turns.map((t) => `${t.speaker === 'agent' ? 'Counsellor' : 'Lead'}: ${clip(t.text, MAX_TURN_CHARS)}`);
  return [
    { role: 'system', content: QA_SYSTEM },
    { role: 'user', content: `The call:\n${lines.join('\n')}\n\nQuestion: ${clip(input.question ?? '', 1000)}` },
  ];
}

const clip = (s: string, n: number) => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
};

export function userPrompt(input: PromptInput): string {
  const turns = input.transcript
    .filter((t) => t.text.trim() !== '')
    .slice(-MAX_TURNS)
    .map((t) => `${t.speaker === 'agent' ? 'Counsellor' : 'Lead'}: ${clip(t.text, MAX_TURN_CHARS)}`);
  const parts = [turns.length > 0 ? `The call so far (latest last):\n${turns.join('\n')}` : 'The call has just begun.'];
  if (input.purpose === 'objection') {
    const what = input.objection ? OBJECTION[input.objection] : 'they have raised a concern';
    parts.push(`The lead has an objection: ${what}. Help the counsellor answer it with empathy and one concrete, truthful point.`);
  }
  const notes = (input.context ?? [])
    .filter((c) => c.trim() !== '')
    .slice(0, MAX_SNIPPETS)
    .map((c) => `- ${clip(c, MAX_SNIPPET_CHARS)}`);
  if (notes.length > 0) parts.push(`Notes from our knowledge base (use them only where they fit):\n${notes.join('\n')}`);
  parts.push("Write only the counsellor's next words.");
  return parts.join('\n\n');
}

export function buildMessages(input: PromptInput): ChatMessage[] {
  if (input.purpose === 'qa_check') return qaMessages(input);
  if (input.purpose === 'summary') return summaryMessages(input);
  return [
    { role: 'system', content: systemPrompt(input.lang) },
    { role: 'user', content: userPrompt(input) },
  ];
}

/**
 * A cautious guess of the prompt's tokens, before the vendor counts them: a token per three bytes
 * of UTF-8 (English runs near four characters a token, Devanagari near one a character), plus the
 * chat format's overhead per message.
 */
export function estimatePromptTokens(messages: ChatMessage[]): number {
  return messages.reduce((n, m) => n + 4 + Math.ceil(Buffer.byteLength(m.content, 'utf8') / 3), 3);
}

/** Tokens of an answer whose usage the vendor did not report, guessed the same way. */
export function estimateTextTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / 3);
}

/** The words as the agent should see them: one line, no wrapping quotes, no half sentence left by the length limit. */
export function tidyAnswer(text: string, truncated: boolean): string {
  let t = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["“'‘]+|["”'’]+$/g, '')
    .trim();
  if (truncated) {
    const end = Math.max(
      t.lastIndexOf('. '),
      t.lastIndexOf('? '),
      t.lastIndexOf('! '),
      t.lastIndexOf('।'),
      ...['.', '?', '!'].map((p) => (t.endsWith(p) ? t.length - 1 : -1)),
    );
    if (end > t.length / 3) t = t.slice(0, end + 1).trim();
  }
  return t;
}
