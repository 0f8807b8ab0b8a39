/** The server's reasons for rejecting a row (a small, fixed set) in the interface language. */
import type { TFunction } from 'i18next';

const PATTERNS: [RegExp, 'phoneChars' | 'phoneShort' | 'phoneLong' | 'phoneInvalid' | 'preference'][] = [
  [/^phone: "(.*)" has characters that are not part of a phone number$/s, 'phoneChars'],
  [/^phone: "(.*)" is too short to be a phone number$/s, 'phoneShort'],
  [/^phone: "(.*)" is too long to be a phone number$/s, 'phoneLong'],
  [/^phone: "(.*)" is not a valid phone number$/s, 'phoneInvalid'],
  [/^preference: "(.*)" is not 0 or categories 1-8$/s, 'preference'],
];

export function rejectReason(reason: string, t: TFunction): string {
  if (reason === 'phone is empty') return t('imports.reasons.phoneEmpty');
  if (reason === 'name is empty, and a new lead needs one') return t('imports.reasons.nameEmpty');
  for (const [pattern, key] of PATTERNS) {
    const m = pattern.exec(reason);
    if (m) return t(`imports.reasons.${key}`, { value: m[1] ?? '' });
  }
  return reason;
}
