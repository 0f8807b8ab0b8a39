import type { Disposition } from '@telehub/shared';

/** The label in the interface language; Hindi falls back to English where an admin gave none. */
export function dispositionLabel(d: Pick<Disposition, 'label' | 'labelHi'>, lng: string): string {
  return lng === 'hi' && d.labelHi ? d.labelHi : d.label;
}

/** A stored code in words (a code since removed from the list shows as stored). */
export function dispositionText(code: string, list: Disposition[] | undefined, lng: string): string {
  const d = list?.find((x) => x.code === code);
  return d ? dispositionLabel(d, lng) : code;
}
