import type { Call, Disposition } from '@telehub/shared';

/** The label in the interface language; Hindi falls back to English where an admin gave none. */
export function dispositionLabel(d: Pick<Disposition, 'label' | 'labelHi'>, lng: string): string {
  return lng === 'hi' && d.labelHi ? d.labelHi : d.label;
}

/** A stored code in words (a code since removed from the list shows as stored). */
export function dispositionText(code: string, list: Disposition[] | undefined, lng: string): string {
  const d = list?.find((x) => x.code === code);
  return d ? dispositionLabel(d, lng) : code;
}

/** A call's outcome in words with its finer reason, "Not interested · Fees too high" (codes where the list no longer has them). */
export function outcomeText(call: Pick<Call, 'disposition' | 'subDisposition'>, list: Disposition[] | undefined, lng: string): string {
  if (!call.disposition) return '';
  const d = list?.find((x) => x.code === call.disposition);
  const outcome = d ? dispositionLabel(d, lng) : call.disposition;
  if (!call.subDisposition) return outcome;
  const sub = d?.subDispositions.find((s) => s.code === call.subDisposition);
  return `${outcome} · ${sub ? dispositionLabel(sub, lng) : call.subDisposition}`;
}
