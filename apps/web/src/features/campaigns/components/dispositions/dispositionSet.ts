/**
 * A disposition list as the editor holds it: checked as the server checks it (unique codes and
 * keys, a reason list behind a required reason, a question behind a required answer), each
 * problem on its own field, and tidied before it is sent.
 */
import { DISPOSITION_CODE, type Disposition, type SubDisposition } from '@telehub/shared';

export type SetProblem = 'code' | 'codeTwice' | 'codeReserved' | 'key' | 'keyTwice' | 'label' | 'subsNeeded' | 'questionNeeded' | 'empty';
/** Problems by field path: `2.code`, `2.subs.0.label`, `''` for the list itself. */
export type SetProblems = Record<string, SetProblem>;

/** Codes TeleHub records itself (wrap-up timed out, machines, abandons, missed calls). */
const RESERVED = new Set(['wrap_up_timeout', 'answering_machine', 'abandoned', 'missed_call']);
const KEY = /^[1-9a-z]$/;
export const MAX_DISPOSITIONS = 20;

export function dispositionSetProblems(items: readonly Disposition[]): SetProblems {
  const p: SetProblems = {};
  if (items.length === 0) p[''] = 'empty';
  const count = (field: 'code' | 'key') => {
    const n = new Map<string, number>();
    for (const d of items) n.set(d[field], (n.get(d[field]) ?? 0) + 1);
    return n;
  };
  const codes = count('code');
  const keys = count('key');
  items.forEach((d, i) => {
    if (!DISPOSITION_CODE.test(d.code)) p[`${i}.code`] = 'code';
    else if (RESERVED.has(d.code)) p[`${i}.code`] = 'codeReserved';
    else if ((codes.get(d.code) ?? 0) > 1) p[`${i}.code`] = 'codeTwice';
    if (!KEY.test(d.key)) p[`${i}.key`] = 'key';
    else if ((keys.get(d.key) ?? 0) > 1) p[`${i}.key`] = 'keyTwice';
    if (!d.label.trim()) p[`${i}.label`] = 'label';
    if (d.required.includes('subDisposition') && d.subDispositions.length === 0) p[`${i}.subDispositions`] = 'subsNeeded';
    if (d.required.includes('answer') && !d.question?.label.trim()) p[`${i}.question`] = 'questionNeeded';
    const subCodes = new Map<string, number>();
    for (const s of d.subDispositions) subCodes.set(s.code, (subCodes.get(s.code) ?? 0) + 1);
    d.subDispositions.forEach((s, j) => {
      if (!DISPOSITION_CODE.test(s.code)) p[`${i}.subs.${j}.code`] = 'code';
      else if ((subCodes.get(s.code) ?? 0) > 1) p[`${i}.subs.${j}.code`] = 'codeTwice';
      if (!s.label.trim()) p[`${i}.subs.${j}.label`] = 'label';
    });
  });
  return p;
}

/** A code made from a label: "Fees too high" → "fees_too_high" (empty when the label gives nothing usable). */
export function codeFrom(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return slug.length >= 2 ? slug : '';
}

/** The first key (1-9, then a-z) the list does not use yet. */
export function freeKey(items: readonly Disposition[]): string {
  const used = new Set(items.map((d) => d.key));
  return [...'123456789abcdefghijklmnopqrstuvwxyz'].find((k) => !used.has(k)) ?? '';
}

export function newDisposition(items: readonly Disposition[], label: string): Disposition {
  return {
    code: '',
    label,
    labelHi: null,
    leadStatus: null,
    requiresCallback: false,
    connected: true,
    key: freeKey(items),
    subDispositions: [],
    required: [],
    question: null,
  };
}

const text = (v: string | null | undefined) => v?.trim() || null;

/** The list as it is sent: words trimmed, empty Hindi words and an empty question as none. */
export function tidySet(items: readonly Disposition[]): Disposition[] {
  return items.map((d) => ({
    ...d,
    label: d.label.trim(),
    labelHi: text(d.labelHi),
    subDispositions: d.subDispositions.map((s): SubDisposition => ({ code: s.code, label: s.label.trim(), labelHi: text(s.labelHi) })),
    question: d.question?.label.trim() ? { label: d.question.label.trim(), labelHi: text(d.question.labelHi) } : null,
  }));
}

/** The list with item `i` moved by `by` places (kept in bounds). */
export function moved<T>(items: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= items.length) return [...items];
  const next = [...items];
  const [it] = next.splice(i, 1);
  if (it !== undefined) next.splice(j, 0, it);
  return next;
}
