/**
 * Compliance gates that run before any dial: the DND registry, calling hours in the lead's
 * time zone, recorded consent where required, and attempts per day. Pure functions of their
 * inputs, so the edges (time zones, the last minute of the window) are easy to test.
 */
import type { DialBlockReason } from '@telehub/shared';
import { localMinutes } from '../../platform/time.js';

export type GateInput = {
  now: Date;
  lead: { dnd: boolean; timezone: string };
  /** HH:MM-HH:MM in the lead's time zone. */
  callingHours: string;
  consentRequired: boolean;
  consentGranted: boolean;
  attemptsToday: number;
  maxAttemptsPerDay: number;
};

export type GateResult = { ok: true } | { ok: false; reason: DialBlockReason; message: string };

export function parseWindow(hours: string): { start: number; end: number } {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours);
  if (!m) throw new Error(`calling hours "${hours}" are not HH:MM-HH:MM`);
  const [, sh, sm, eh, em] = m.map(Number) as [number, number, number, number, number];
  return { start: sh * 60 + sm, end: eh * 60 + em };
}

const hhmm = (mins: number) => `${String(Math.floor(mins / 60)).padStart(2, '0')}:${String(mins % 60).padStart(2, '0')}`;

export function checkGates(g: GateInput): GateResult {
  if (g.lead.dnd) {
    return { ok: false, reason: 'dnd', message: 'The number is on the DND (NCPR) registry for our category; it cannot be called.' };
  }
  const { start, end } = parseWindow(g.callingHours);
  const local = localMinutes(g.now, g.lead.timezone);
  // The window is [start, end): at 21:00 sharp the last call has already had to start.
  const inside = start <= end ? local >= start && local < end : local >= start || local < end;
  if (!inside) {
    return {
      ok: false,
      reason: 'calling_hours',
      message: `Calls are allowed ${hhmm(start)}-${hhmm(end)} in the lead's time zone (${g.lead.timezone}); it is ${hhmm(local)} there now.`,
    };
  }
  if (g.consentRequired && !g.consentGranted) {
    return { ok: false, reason: 'consent_required', message: 'This campaign needs the lead’s recorded consent before a call.' };
  }
  if (g.attemptsToday >= g.maxAttemptsPerDay) {
    return { ok: false, reason: 'attempt_limit', message: `This lead was already dialed ${g.attemptsToday} times today (limit ${g.maxAttemptsPerDay}).` };
  }
  return { ok: true };
}
