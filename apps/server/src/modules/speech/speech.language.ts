/**
 * The language of a transcript segment, as stored: en, hi or hinglish. A first cut from the script
 * and a list of common Hindi words in Latin letters; the assist module's understanding classifies
 * utterances properly. Devanagari is Hindi; Latin letters are Hinglish when Hindi words are a
 * fair share of them, or when the engine says it heard Hindi; otherwise English.
 */
import type { SpeechLanguage } from '@telehub/shared';

const DEVANAGARI_WORD = /[\u0900-\u097F]+/g;
const LATIN_WORD = /[A-Za-z]+/g;
/** Frequent Hindi words as people type them in Latin letters (and a few spellings of each). */
const ROMAN_HINDI = new Set(
  (
    'hai hain haan han nahi nahin nhi kya kyun kyon kaise kaisa kab kahan kitna kitne kitni aap aapka aapke aapki aapko ap mein main mai mujhe ' +
    'mera meri mere hum hamara hamare humko tum tumhara ka ki ke ko se par pe toh to bhi aur ya lekin magar abhi kal aaj parso bahut bohot ' +
    'thoda accha acha achha theek thik sahi ji haanji bilkul zaroor jaroor chahiye chaiye karna karni karo kar kiya karenge karunga raha rahe ' +
    'rahi hoga hogi honge tha thi the yeh ye woh wo vo unka unki uske iska isko usko wala wali wale baat batao bataiye samjha samajh paisa paise ' +
    'rupaye fees dekhiye dekho suniye suno matlab sochna sochte ghar beta beti papa mummy bhaiya didi shukriya dhanyavad namaste'
  ).split(' '),
);

/** `detected`: what the engine says it heard ('hi', 'en', 'hi-Latn', ...), or null. */
export function segmentLanguage(text: string, detected: string | null): SpeechLanguage {
  // Counted in words: a Hindi sentence with an English loanword in Latin letters is still Hindi.
  const devanagari = text.match(DEVANAGARI_WORD)?.length ?? 0;
  const latin = text.match(LATIN_WORD)?.length ?? 0;
  if (devanagari > 0 && devanagari >= latin) return 'hi';
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  if (words.length === 0) return detected && /^hi\b/i.test(detected) ? 'hi' : 'en';
  const hindi = words.filter((w) => ROMAN_HINDI.has(w)).length;
  if (detected && /^hi\b/i.test(detected)) return 'hinglish';
  if (devanagari > 0) return 'hinglish';
  return hindi >= 2 && hindi / words.length >= 0.2 ? 'hinglish' : 'en';
}
