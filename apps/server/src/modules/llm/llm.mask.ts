/**
 * Personal details out of every prompt before it leaves for a vendor: email addresses, PAN-like
 * ids (ABCDE1234F), and any run of eight or more digits, which takes in phone numbers however
 * they are written (+91 98765 43210, 098765-43210, (080) 4709 1234, +44 20 7946 0958) and
 * Aadhaar-like numbers (1234 5678 9012), in Latin or Devanagari digits. Shorter numbers (fees,
 * years, PIN codes) stay: the model needs them and they name nobody.
 */

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Five letters, four digits, a letter: the PAN shape, in either case (speech-to-text lowercases). */
const PAN = /(?<![\p{L}\p{N}])[A-Za-z]{5}\d{4}[A-Za-z](?![\p{L}\p{N}])/gu;
/**
 * Eight or more digits, with up to two separators (space, dot, dash, brackets) between any two,
 * and an optional leading + or bracket: how numbers are written and how speech-to-text spaces them.
 */
const DIGIT_RUN = /[+(]?\p{Nd}(?:[ \t.\-()]{0,2}\p{Nd}){7,}/gu;

export const MASK = { email: '[email]', id: '[id]', number: '[number]' } as const;

export function maskPii(text: string): string {
  return text.replace(EMAIL, MASK.email).replace(PAN, MASK.id).replace(DIGIT_RUN, MASK.number);
}
