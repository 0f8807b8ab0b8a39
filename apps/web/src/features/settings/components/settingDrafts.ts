/**
 * Between a setting's text (as its environment variable takes it) and what its control holds
 * while a person edits it. Pure: no React, no words (problems are keys the form puts into words).
 */
import { type DurationUnit, formatDurationText, joinDuration, parseDurationText, splitDuration } from './durations';
import type { FieldSpec } from './settingFields';

export type Draft =
  | { kind: 'text'; text: string }
  | { kind: 'duration'; amount: string; unit: DurationUnit }
  | { kind: 'hours'; from: string; to: string }
  | { kind: 'switch'; on: boolean };

export type ProblemKey = 'required' | 'whole' | 'range' | 'positive' | 'percent' | 'url' | 'hours' | 'needed';
export type Problem = { key: ProblemKey; values?: Record<string, string | number> };

/** The text to send: null takes the stored value away (back to the environment's or the default). */
export type Checked = { ok: true; text: string | null } | { ok: false; problem: Problem };

const TRUE = ['1', 'true', 'yes', 'on'];
export const parseBool = (text: string | null | undefined): boolean => TRUE.includes((text ?? '').trim().toLowerCase());

const HOURS = /^(\d{2}:\d{2})-(\d{2}:\d{2})$/;

/** "09:00-24:00" -> from 09:00, to 00:00: a time field has no 24:00, and an end at 00:00 means midnight. */
export function splitHours(text: string | null | undefined): { from: string; to: string } {
  const m = HOURS.exec((text ?? '').trim());
  if (!m?.[1] || !m[2]) return { from: '', to: '' };
  return { from: m[1], to: m[2] === '24:00' ? '00:00' : m[2] };
}

/** Two times back to the variable's form; an end at 00:00 is midnight (24:00), the end of the day. */
export function joinHours(from: string, to: string): string | null {
  if (!/^\d{2}:\d{2}$/.test(from) || !/^\d{2}:\d{2}$/.test(to)) return null;
  return `${from}-${to === '00:00' ? '24:00' : to}`;
}

/** 0.5 -> "50"; blank when the text is not a number. */
export function rateToPercent(text: string | null | undefined): string {
  const n = Number((text ?? '').trim());
  if ((text ?? '').trim() === '' || !Number.isFinite(n)) return '';
  return String(Math.round(n * 10_000) / 100);
}

/** What a control shows for a setting's text (a secret's control always starts blank). */
export function draftOf(spec: FieldSpec, text: string | null): Draft {
  switch (spec.control) {
    case 'duration': {
      const seconds = parseDurationText(text);
      return seconds === null ? { kind: 'duration', amount: '', unit: spec.units[0] ?? 'm' } : { kind: 'duration', ...splitDuration(seconds, spec.units) };
    }
    case 'hours':
      return { kind: 'hours', ...splitHours(text) };
    case 'switch':
      return { kind: 'switch', on: parseBool(text) };
    case 'percent':
      return { kind: 'text', text: rateToPercent(text) };
    case 'secret':
      return { kind: 'text', text: '' };
    default:
      return { kind: 'text', text: text ?? '' };
  }
}

const problem = (key: ProblemKey, values?: Problem['values']): Checked => ({ ok: false, problem: { key, values } });

function wholeNumber(text: string, min: number, max: number): Checked {
  if (text === '') return problem('required');
  if (!/^\d+$/.test(text)) return problem('whole');
  const n = Number(text);
  return n < min || n > max ? problem('range', { min, max }) : { ok: true, text: String(n) };
}

function address(text: string, schemes: readonly string[]): Checked {
  const ok = schemes.some((s) => text.toLowerCase().startsWith(`${s}://`)) && URL.canParse(text);
  return ok ? { ok: true, text } : problem('url', { schemes: schemes.map((s) => `${s}://`).join(', ') });
}

/** The text a draft stands for, or what keeps the server from taking it. A blank secret is `null`: keep the one in force. */
export function checkDraft(spec: FieldSpec, draft: Draft): Checked {
  if (draft.kind === 'switch') return { ok: true, text: draft.on ? 'true' : 'false' };
  if (draft.kind === 'hours') {
    if (!draft.from || !draft.to) return problem('hours');
    const text = joinHours(draft.from, draft.to);
    return text ? { ok: true, text } : problem('hours');
  }
  if (draft.kind === 'duration') {
    if (draft.amount.trim() === '') return problem('required');
    const seconds = joinDuration(draft.amount, draft.unit);
    return seconds === null ? problem('positive') : { ok: true, text: formatDurationText(seconds) };
  }
  const text = draft.text.trim();
  switch (spec.control) {
    case 'integer':
      return wholeNumber(text, spec.min, spec.max);
    case 'category':
      return wholeNumber(text, 1, 8);
    case 'percent': {
      if (text === '') return problem('required');
      const n = Number(text.replace(',', '.'));
      if (!/^\d+([.,]\d+)?$/.test(text) || n > 100) return problem('percent');
      return { ok: true, text: String(Math.round(n * 100) / 10_000) };
    }
    case 'url':
      return text === '' ? { ok: true, text: null } : address(text, spec.schemes);
    case 'secret':
      return text === '' || !spec.schemes ? { ok: true, text: text || null } : address(text, spec.schemes);
    default:
      return { ok: true, text: text || null };
  }
}

/** Whether two texts of a setting mean the same ("900" and "15m", "0.5" and ".50", "yes" and "true"). */
export function sameValue(spec: FieldSpec, a: string | null, b: string | null): boolean {
  const x = (a ?? '').trim();
  const y = (b ?? '').trim();
  switch (spec.control) {
    case 'duration':
      return parseDurationText(x) === parseDurationText(y);
    case 'percent':
    case 'integer':
    case 'category':
      return x !== '' && y !== '' ? Number(x) === Number(y) : x === y;
    case 'switch':
      return parseBool(x) === parseBool(y);
    case 'hours':
      return joinHours(splitHours(x).from, splitHours(x).to) === joinHours(splitHours(y).from, splitHours(y).to);
    default:
      return x === y;
  }
}

/** Whether the control holds something other than the value in force (anything typed into a secret counts). */
export function isEdited(spec: FieldSpec, inForce: string | null, draft: Draft): boolean {
  if (spec.control === 'secret') return draft.kind === 'text' && draft.text.trim() !== '';
  const checked = checkDraft(spec, draft);
  return !checked.ok || !sameValue(spec, checked.text, inForce);
}
