/**
 * What the agent's own words show, by rule: which checkpoints of a sales call they reached, whether
 * they said the call is recorded, a phrase they must not say, and whether the lead asked something
 * the knowledge base may answer. English, Hindi (Devanagari) and romanized Hinglish alike. Rules, not
 * the model: each is a short list a compliance officer can read and extend.
 */
import type { ScriptCheckpoint } from '@telehub/shared';

/** Lower-case, Devanagari nukta folded, punctuation to spaces; word boundaries then work in both scripts. */
export function normalize(text: string): string {
  return ` ${text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u093c/g, '')
    .replace(/[^\p{L}\p{M}\p{N}%]+/gu, ' ')
    .trim()} `;
}

/** True when any phrase occurs as whole words (phrases are written normalized, without padding). */
function says(norm: string, phrases: readonly string[]): boolean {
  return phrases.some((p) => norm.includes(` ${p} `));
}

const CHECKPOINT_PHRASES: Record<ScriptCheckpoint, readonly string[]> = {
  greeting: [
    'hello',
    'hi',
    'good morning',
    'good afternoon',
    'good evening',
    'namaste',
    'namaskar',
    'नमस्ते',
    'नमस्कार',
    'हेलो',
    'bol raha',
    'bol rahi',
    'बोल रहा',
    'बोल रही',
    'speaking from',
    'this is',
  ],
  recording_disclosure: ['recorded', 'recording', 'being recorded', 'record ki ja rahi', 'record ho rahi', 'call recorded', 'रिकॉर्ड', 'रिकॉर्डेड', 'रिकॉर्डिंग'],
  need_discovery: [
    'interested in',
    'looking for',
    'what are you',
    'which course',
    'are you',
    'did you',
    'form you filled',
    'form bhara',
    'फॉर्म भरा',
    'interest dikhaya',
    'kya aap',
    'क्या आप',
    'aapko kaunsa',
    'आपको कौन',
    'बताइए',
    'batayiye',
    'tell me',
  ],
  pitch: [
    'scholarship',
    'scholarships',
    'batch',
    'placement',
    'course',
    'instalment',
    'installment',
    'hostel',
    'छात्रवृत्ति',
    'स्कॉलरशिप',
    'बैच',
    'कोर्स',
    'किस्त',
    'किस्तों',
    'classes',
    'क्लास',
  ],
  objection_handling: [
    'i understand',
    'understand your',
    'koi baat nahi',
    'कोई बात नहीं',
    'samajh sakta',
    'samajh sakti',
    'समझ सकता',
    'समझ सकती',
    'don t worry',
    'chinta mat',
    'चिंता मत',
    'we also have',
    'hum aapko',
  ],
  close: [
    'enroll',
    'enrol',
    'admission',
    'register',
    'registration',
    'दाखिला',
    'प्रवेश',
    'dakhila',
    'seat book',
    'book your seat',
    'form bhej',
    'फॉर्म भेज',
    'sending you the form',
    'shall i',
  ],
  next_step: [
    'call you back',
    'call you tomorrow',
    'i will call',
    'call karti',
    'call karta',
    'कॉल करती',
    'कॉल करता',
    'whatsapp',
    'व्हाट्सऐप',
    'कल',
    'kal',
    'tomorrow',
    'send you',
    'bhej raha',
    'bhej rahi',
    'भेज रहा',
    'भेज रही',
    'appointment',
    'visit',
  ],
};

/** The checkpoints one agent utterance reaches. */
export function checkpointsIn(text: string): ScriptCheckpoint[] {
  const norm = normalize(text);
  return (Object.keys(CHECKPOINT_PHRASES) as ScriptCheckpoint[]).filter((k) => says(norm, CHECKPOINT_PHRASES[k]));
}

export const saysRecordingNotice = (text: string) => says(normalize(text), CHECKPOINT_PHRASES.recording_disclosure);

/**
 * Promises a counsellor must never make: a guaranteed job, result or admission, pressure and
 * fees "refunded no matter what". Matched as whole words after normalization.
 */
export const DEFAULT_BANNED_PHRASES: readonly string[] = [
  'guaranteed job',
  'job guarantee',
  'guaranteed placement',
  '100% placement',
  '100 % placement',
  'guaranteed result',
  'guaranteed results',
  'guarantee you a job',
  'guaranteed admission',
  'pakki naukri',
  'naukri pakki',
  'job pakki',
  'पक्की नौकरी',
  'नौकरी पक्की',
  'नौकरी की गारंटी',
  'job ki guarantee',
  'naukri ki guarantee',
  '100 pratishat',
  'sau pratishat',
  'सौ प्रतिशत',
  'last chance',
  'offer ends today',
];

/** The banned phrase an agent utterance contains, if any. */
export function bannedPhraseIn(text: string, phrases: readonly string[] = DEFAULT_BANNED_PHRASES): string | null {
  const norm = normalize(text);
  return phrases.find((p) => norm.includes(normalize(p))) ?? null;
}

const QUESTION_WORDS = [
  'what',
  'when',
  'where',
  'which',
  'how',
  'why',
  'is there',
  'are there',
  'do you',
  'can i',
  'kya',
  'kitna',
  'kitni',
  'kitne',
  'kab',
  'kahan',
  'kaise',
  'kaun',
  'kaunsa',
  'kyun',
  'milega',
  'milegi',
  'hai kya',
  'क्या',
  'कितना',
  'कितनी',
  'कितने',
  'कब',
  'कहाँ',
  'कहां',
  'कैसे',
  'कौन',
  'कौनसा',
  'क्यों',
  'मिलेगा',
  'मिलेगी',
];

/** A lead's utterance that asks something (a question mark, or a question word in any of the three languages). */
export function isQuestion(text: string): boolean {
  if (/[?？]/.test(text)) return true;
  return says(normalize(text), QUESTION_WORDS);
}

/**
 * The part of an utterance that asks: its sentences with a question mark ("Okay. Is there a
 * hostel?" asks about the hostel, not "okay"), or, with none, the whole of it.
 */
export function questionOf(text: string): string {
  const asking = (text.match(/[^.!?？।|]*[?？]/g) ?? []).map((x) => x.trim()).filter((x) => x.length > 0);
  return asking.length > 0 ? asking.join(' ') : text;
}
