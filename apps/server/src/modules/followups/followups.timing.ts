/**
 * When a step is due, whether it may go now, and what its template variables say: pure functions
 * of their inputs, so time zones, the edges of the hours and callback moves are easy to test.
 */
import type { FollowupTiming, FollowupVariable } from '@telehub/shared';
import { fromWallClock, localMinutes, wallClock } from '../../platform/time.js';

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;

export type Anchor = { callbackId: string | null; callbackAt: Date | null };
export type Planned = { dueAt: Date; callbackId: string | null; callbackAt: Date | null } | { skip: 'no_callback' | 'too_late'; reason: string };

/**
 * A step's time from the moment the lead was enrolled: now, after a while, or a number of hours
 * before the lead's callback. A reminder whose time has already passed when it is planned (the
 * callback is sooner than its lead time) is skipped rather than sent late.
 */
export function plan(timing: FollowupTiming, enrolledAt: Date, now: Date, callback: { id: string; dueAt: Date } | undefined): Planned {
  if (timing.kind === 'now') return { dueAt: enrolledAt, callbackId: null, callbackAt: null };
  if (timing.kind === 'after') return { dueAt: new Date(enrolledAt.getTime() + timing.amount * UNIT_MS[timing.unit]), callbackId: null, callbackAt: null };
  if (!callback) return { skip: 'no_callback', reason: 'The lead has no callback to remind them of.' };
  return beforeCallback(timing.hours, callback, now);
}

/** A "before the callback" step planned (again) against the callback's current time. */
export function beforeCallback(hours: number, callback: { id: string; dueAt: Date }, now: Date): Planned {
  const dueAt = new Date(callback.dueAt.getTime() - hours * 3_600_000);
  if (dueAt.getTime() < now.getTime())
    return { skip: 'too_late', reason: `The callback is less than ${hours} hour${hours === 1 ? '' : 's'} away, so the reminder would come too late.` };
  return { dueAt, callbackId: callback.id, callbackAt: callback.dueAt };
}

export function parseHours(hours: string): { start: number; end: number } {
  const m = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(hours);
  if (!m) throw new Error(`hours "${hours}" are not HH:MM-HH:MM`);
  const [, sh, sm, eh, em] = m.map(Number) as [number, number, number, number, number];
  return { start: sh * 60 + sm, end: eh * 60 + em };
}

/** Whether `at` falls inside the window [start, end) in `zone` (a window may cross midnight). */
export function insideHours(at: Date, zone: string, hours: string): boolean {
  const { start, end } = parseHours(hours);
  if (start === end || (start === 0 && end >= 24 * 60)) return true;
  const local = localMinutes(at, zone);
  return start < end ? local >= start && local < end : local >= start || local < end;
}

/** The next time the window opens after `at`, in `zone`. */
export function nextOpening(at: Date, zone: string, hours: string): Date {
  const { start } = parseHours(hours);
  const w = wallClock(at.getTime(), zone);
  const today = fromWallClock([w.year, w.month, w.day, Math.floor(start / 60), start % 60], zone);
  if (today.getTime() > at.getTime()) return today;
  const tomorrow = wallClock(at.getTime() + 86_400_000, zone);
  return fromWallClock([tomorrow.year, tomorrow.month, tomorrow.day, Math.floor(start / 60), start % 60], zone);
}

export type FillContext = {
  lead: { name: string; city: string | null; email: string | null; metadata: Record<string, unknown>; timezone: string; language: string | null };
  agentName: string | null;
  callbackAt: Date | null;
};

const formatCallback = (at: Date, zone: string, language: string | null, part: 'time' | 'date') =>
  new Intl.DateTimeFormat(language === 'hi' ? 'hi-IN' : 'en-IN', {
    timeZone: zone,
    day: 'numeric',
    month: 'short',
    ...(part === 'time' ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'long' }),
  }).format(at);

/** A value for one variable; empty text when the lead lacks it (a template may not take a blank, and messaging says so). */
function variableValue(v: FollowupVariable, c: FillContext): string {
  switch (v.source) {
    case 'lead.name':
      return c.lead.name;
    case 'lead.first_name':
      return c.lead.name.trim().split(/\s+/)[0] ?? '';
    case 'lead.city':
      return c.lead.city ?? '';
    case 'lead.email':
      return c.lead.email ?? '';
    case 'lead.field': {
      const raw = c.lead.metadata[v.value ?? ''];
      return raw === undefined || raw === null ? '' : typeof raw === 'string' ? raw : JSON.stringify(raw);
    }
    case 'callback.time':
      return c.callbackAt ? formatCallback(c.callbackAt, c.lead.timezone, c.lead.language, 'time') : '';
    case 'callback.date':
      return c.callbackAt ? formatCallback(c.callbackAt, c.lead.timezone, c.lead.language, 'date') : '';
    case 'agent.name':
      return c.agentName ?? '';
    case 'text':
      return v.value ?? '';
  }
}

/**
 * The variables as messaging takes them: a list in order when every key is a position ("1",
 * "2": WhatsApp's {{1}}, {{2}}), else an object by name (email templates' {{name}}).
 */
export function fill(vars: FollowupVariable[], c: FillContext): Record<string, string> | string[] {
  const positional = vars.length > 0 && vars.every((v) => /^[1-9]\d*$/.test(v.key));
  if (positional) {
    const sorted = [...vars].sort((a, b) => Number(a.key) - Number(b.key));
    return sorted.map((v) => variableValue(v, c));
  }
  return Object.fromEntries(vars.map((v) => [v.key, variableValue(v, c)]));
}
