/**
 * What a call and a lead count for in the reports: pure functions from their rows to fact rows.
 * A call counts once it has ended (a live call counts nothing yet); a lead counts in the cohort
 * of the day it was created, for every stage it has reached, until it is merged, deleted or erased.
 */
import type { CallFactRow } from '../calls/index.js';
import type { LeadFactRow } from '../leads/index.js';

/** The disposition that counts as a conversion (the calls module's rule). */
export const CONVERTED = 'converted';

export const CALL_MEASURES = [
  'dials',
  'connects',
  'machine',
  'abandons',
  'talkSeconds',
  'handled',
  'handleSeconds',
  'wrapSeconds',
  'conversions',
  'recorded',
  'noticed',
] as const;
export type CallMeasure = (typeof CALL_MEASURES)[number];

export const LEAD_MEASURES = [
  'created',
  'contacted',
  'interested',
  'converted',
  'notInterested',
  'lost',
  'invalid',
  'contactedSeconds',
  'interestedSeconds',
  'convertedSeconds',
] as const;
export type LeadMeasure = (typeof LEAD_MEASURES)[number];

export type CallFact = {
  callId: string;
  leadId: string | null;
  day: string | null;
  hour: Date | null;
  localDow: number | null;
  localHour: number | null;
  agentId: string | null;
  teamId: string | null;
  campaignId: string | null;
  source: string | null;
  direction: string | null;
} & Record<CallMeasure, number>;

export type LeadFact = {
  leadId: string;
  day: string | null;
  source: string | null;
  teamId: string | null;
  ownerId: string | null;
  campaignId: string | null;
} & Record<LeadMeasure, number>;

const LIVE = new Set(['queued', 'dialing', 'ringing', 'in_progress']);

// ── Dates in a zone ─────────────────────────────────────────────────────────────────────────────

const partsCache = new Map<string, Intl.DateTimeFormat>();
function partsIn(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    });
    partsCache.set(zone, f);
  }
  return f;
}
const WEEKDAYS: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The calendar day (YYYY-MM-DD), weekday (0 Monday) and hour of an instant in a zone. */
export function localParts(at: Date, zone: string): { day: string; weekday: number; hour: number } {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = partsIn(zone).formatToParts(at);
  } catch {
    parts = partsIn('Asia/Kolkata').formatToParts(at);
  }
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAYS[get('weekday')] ?? 0, hour: Number(get('hour')) % 24 };
}

const topOfHour = (at: Date) => new Date(Math.floor(at.getTime() / 3_600_000) * 3_600_000);
const seconds = (from: Date | null | undefined, to: Date | null | undefined) =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : 0;

// ── Calls ───────────────────────────────────────────────────────────────────────────────────────

export type CallContext = {
  /** The organisation's zone: the days of the reports. */
  timeZone: string;
  /** The lead's origin source and zone. */
  lead: { source: string; timezone: string } | undefined;
  /** The team of the call's agent, or of its campaign when no agent had it. */
  teamId: string | null;
};

/** What one call counts for; null while it is live. */
export function callFact(c: CallFactRow, ctx: CallContext): CallFact | null {
  if (LIVE.has(c.status)) return null;
  const at = c.startedAt ?? c.createdAt;
  const org = localParts(at, ctx.timeZone);
  const lead = localParts(at, ctx.lead?.timezone ?? ctx.timeZone);
  const machine = c.answeredBy === 'machine';
  // A lead who answered and reached a telecaller; an abandoned call was answered and reached no one.
  const connected = c.answeredAt !== null && !machine && c.status !== 'abandoned';
  const handled = connected && c.dispositionAt !== null;
  const talk = connected ? (c.durationSeconds ?? seconds(c.answeredAt, c.endedAt)) : 0;
  const wrap = handled ? seconds(c.endedAt ?? c.answeredAt, c.dispositionAt) : 0;
  return {
    callId: c.id,
    leadId: c.leadId,
    day: org.day,
    hour: topOfHour(at),
    localDow: lead.weekday,
    localHour: lead.hour,
    agentId: c.agentId,
    teamId: ctx.teamId,
    campaignId: c.campaignId,
    source: ctx.lead?.source ?? null,
    direction: c.direction,
    dials: 1,
    connects: connected ? 1 : 0,
    machine: machine ? 1 : 0,
    abandons: c.status === 'abandoned' ? 1 : 0,
    talkSeconds: talk,
    handled: handled ? 1 : 0,
    handleSeconds: handled ? talk + wrap : 0,
    wrapSeconds: wrap,
    conversions: c.disposition === CONVERTED ? 1 : 0,
    recorded: c.recordingAvailable ? 1 : 0,
    noticed: c.recordingAvailable && c.recordingNotice ? 1 : 0,
  };
}

// ── Leads ───────────────────────────────────────────────────────────────────────────────────────

/** Statuses that mean the lead was reached at least once. */
const CONTACTED = ['contacted', 'interested', 'callback', 'not_interested', 'converted', 'lost'];
const INTERESTED = ['interested', 'converted'];

/** The earliest of these statuses' first times. */
function firstOf(firstAt: Record<string, Date>, statuses: string[]): Date | null {
  let best: Date | null = null;
  for (const s of statuses) {
    const at = firstAt[s];
    if (at && (!best || at < best)) best = at;
  }
  return best;
}

export type LeadContext = { timeZone: string; teamId: string | null; campaignId: string | null };

/**
 * What one lead counts for in its cohort: each stage it reached (a later stage implies the ones
 * before), the seconds from the stage before, and where it left the funnel. Null once gone.
 */
export function leadFact(l: LeadFactRow, ctx: LeadContext): LeadFact | null {
  if (l.gone) return null;
  const converted = firstOf(l.firstAt, ['converted']);
  const interested = firstOf(l.firstAt, INTERESTED) ?? converted;
  const contacted = firstOf(l.firstAt, CONTACTED) ?? interested;
  // A stage reached before the one it follows (statuses set out of order) counts from that one.
  const contactedAt = contacted && contacted < l.createdAt ? l.createdAt : contacted;
  const interestedAt = interested && contactedAt && interested < contactedAt ? contactedAt : interested;
  const convertedAt = converted && interestedAt && converted < interestedAt ? interestedAt : converted;
  return {
    leadId: l.id,
    day: localParts(l.createdAt, ctx.timeZone).day,
    source: l.source,
    teamId: ctx.teamId,
    ownerId: l.ownerId,
    campaignId: ctx.campaignId,
    created: 1,
    contacted: contactedAt ? 1 : 0,
    interested: interestedAt ? 1 : 0,
    converted: convertedAt ? 1 : 0,
    notInterested: l.status === 'not_interested' ? 1 : 0,
    lost: l.status === 'lost' ? 1 : 0,
    invalid: l.status === 'invalid' ? 1 : 0,
    contactedSeconds: seconds(l.createdAt, contactedAt),
    interestedSeconds: seconds(contactedAt, interestedAt),
    convertedSeconds: seconds(interestedAt, convertedAt),
  };
}
