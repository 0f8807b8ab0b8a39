/**
 * A believable organisation for first start and demos: an admin, two managers, twelve
 * telecallers in two teams, a few campaigns and a few thousand leads with a history.
 * Deterministic (seeded random), so screenshots and tests see the same people.
 */
import { randomUUID } from 'node:crypto';
import type { LeadStatus } from '@telehub/shared';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import { seededRandom } from '../../platform/random.js';
import { claimSetting, readSetting } from '../../platform/settings/settings.js';
import type { CallHistory, PastCall } from '../calls/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { KnowledgeService } from '../knowledge/index.js';
import type { LeadsService, PreparedLead } from '../leads/index.js';
import { type QaService, STARTER_SCORECARD } from '../qa/index.js';
import type { Refusal } from '../reports/index.js';
import type { UsersService } from '../users/index.js';
import { CITIES, FIRST_NAMES_LATIN, LAST_NAMES_LATIN, NAMES_DEVANAGARI, NOTES, PROGRAMS, TAGS, TEAM_PLAN } from './demo.data.js';

export const DEMO_PASSWORD = 'telehub-demo';
export const DEMO_DOMAIN = 'telehub.example';
const SEEDED_KEY = 'demo.seeded';

export type DemoDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  users: Pick<UsersService, 'create' | 'createTeam' | 'updateTeam'>;
  leads: Pick<LeadsService, 'insertPrepared' | 'list'>;
  campaigns: Pick<CampaignsService, 'create' | 'addLeads'>;
  /** Loads the knowledge base and battlecards of the demo organisation; the enrolment campaign gets its own. */
  knowledge?: Pick<KnowledgeService, 'seedDemo'>;
  qa?: Pick<QaService, 'createScorecard'>;
  /** The demo's past weeks of calls, so the reports have something to show. */
  callHistory?: Pick<CallHistory, 'insertPast'>;
  /** Consent given and withdrawn, and dials the rules refused, in the past weeks (the compliance report). */
  demoHistory?: {
    consents(rows: PastConsent[]): Promise<void>;
    refusals(rows: PastRefusal[]): Promise<void>;
  };
};

export type PastConsent = { leadId: string; purpose: 'calls' | 'recording'; granted: boolean; channel: string; createdAt: Date };
/** A dial refused in the past weeks, as the reports count one. */
export type PastRefusal = Refusal;

/** Where the demo's leads came from: the website form, the CRM, an education fair's sheet, walk-ins, referrals. */
const DEMO_SOURCES: [string, number][] = [
  ['website', 40],
  ['laravel', 25],
  ['fair-2026', 15],
  ['walk_in', 10],
  ['referral', 10],
];

export type DemoAccounts = { password: string; admin: string; managers: string[]; telecallers: string[] };
export type DemoResult = { status: 'seeded'; leads: number; accounts: DemoAccounts } | { status: 'skipped'; reason: string };

/** mulberry32: a small seeded generator, so the demo is the same on every machine. */
function rng(seed: number) {
  const next = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    const total = pairs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of pairs) {
      r -= w;
      if (r < 0) return v;
    }
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  };
  return { next, int, pick, weighted };
}

const STATUS_WEIGHTS: [LeadStatus, number][] = [
  ['new', 38],
  ['contacted', 20],
  ['interested', 12],
  ['callback', 10],
  ['not_interested', 11],
  ['converted', 6],
  ['lost', 2],
  ['invalid', 1],
];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z]+/g, '.')
    .replace(/^\.|\.$/g, '');

export async function demoAccounts(db: Db): Promise<DemoAccounts | undefined> {
  return readSetting<DemoAccounts>(db, SEEDED_KEY);
}

export async function seedDemo(deps: DemoDeps, opts: { leads?: number; seed?: number } = {}): Promise<DemoResult> {
  const { db, clock, logger } = deps;
  const existing = await deps.leads.list(SYSTEM_ACTOR, { sort: '-createdAt', page: 1, pageSize: 1 });
  if (existing.total > 0) return { status: 'skipped', reason: 'the database already has leads' };
  const accounts: DemoAccounts = {
    password: DEMO_PASSWORD,
    admin: `admin@${DEMO_DOMAIN}`,
    managers: TEAM_PLAN.map((t) => `${t.manager.email}@${DEMO_DOMAIN}`),
    telecallers: TEAM_PLAN.flatMap((t) => t.telecallers.map(([name]) => `${slug(name)}@${DEMO_DOMAIN}`)),
  };
  // Only one process seeds, even when several nodes start together.
  if (!(await claimSetting(db, SEEDED_KEY, accounts))) return { status: 'skipped', reason: 'demo data was already loaded' };

  const r = rng(opts.seed ?? 20260225);
  const now = clock.now();
  const actor: Actor = SYSTEM_ACTOR;
  logger.info('loading demo data');

  const admin = await deps.users.create(actor, { email: accounts.admin, name: 'Asha Kapoor', role: 'admin', password: DEMO_PASSWORD, languages: ['en', 'hi'] });
  const adminActor: Actor = { id: admin.id, role: 'admin', teamId: null };
  const telecallerIds: { id: string; languages: readonly string[]; teamId: string }[] = [];
  for (const plan of TEAM_PLAN) {
    const manager = await deps.users.create(adminActor, {
      email: `${plan.manager.email}@${DEMO_DOMAIN}`,
      name: plan.manager.name,
      role: 'manager',
      password: DEMO_PASSWORD,
      languages: ['en', 'hi'],
    });
    const team = await deps.users.createTeam(adminActor, { name: plan.team, managerId: manager.id });
    for (const [name, languages] of plan.telecallers) {
      const u = await deps.users.create(adminActor, {
        email: `${slug(name)}@${DEMO_DOMAIN}`,
        name,
        role: 'telecaller',
        password: DEMO_PASSWORD,
        teamId: team.id,
        phone: `+91 9${String(r.int(100000000, 999999999))}`,
        languages: [...languages],
      });
      telecallerIds.push({ id: u.id, languages, teamId: team.id });
    }
  }

  const total = opts.leads ?? 2400;
  // Where each lead came from, drawn apart from the rest so the demo's leads stay what they were.
  const sources = rng((opts.seed ?? 20260225) + 1);
  const phones = new Set<string>();
  const prepared: PreparedLead[] = [];
  const DAY = 86_400_000;
  while (prepared.length < total) {
    const place = r.pick(CITIES);
    const devanagari = place.languages[0] === 'hi' && r.next() < 0.35;
    const [first, last] = devanagari ? r.pick(NAMES_DEVANAGARI) : [r.pick(FIRST_NAMES_LATIN), r.pick(LAST_NAMES_LATIN)];
    const landline = r.next() < 0.05;
    const raw = landline
      ? `0${place.std}${String(r.int(20000000, 29999999)).slice(0, 10 - place.std.length)}`
      : `${r.pick(['9', '8', '7', '6'])}${String(r.int(0, 999999999)).padStart(9, '0')}`;
    const phone = normalizePhone(raw);
    if (!phone.ok || phones.has(phone.e164)) continue;
    phones.add(phone.e164);

    const status = r.weighted(STATUS_WEIGHTS);
    const createdAt = new Date(now.getTime() - r.int(1, 120) * DAY - r.int(0, DAY / 1000) * 1000);
    const language = r.next() < 0.8 ? r.pick(place.languages) : 'en';
    // Most leads have an owner, usually one who speaks their language.
    const speakers = telecallerIds.filter((tc) => tc.languages.includes(language));
    const owner = r.next() < 0.85 ? (speakers.length > 0 && r.next() < 0.7 ? r.pick(speakers) : r.pick(telecallerIds)) : undefined;
    const history: PreparedLead['history'] = [{ type: 'created', actorId: null, data: { source: 'demo' }, createdAt }];
    let t = createdAt.getTime();
    if (owner) {
      t += r.int(1, 6) * 3_600_000;
      history.push({ type: 'assignment', actorId: admin.id, data: { from: null, to: owner.id }, createdAt: new Date(t) });
    }
    let lastContactedAt: Date | null = null;
    if (status !== 'new') {
      const steps: LeadStatus[] = status === 'contacted' ? ['contacted'] : ['contacted', status];
      let from: LeadStatus = 'new';
      for (const to of steps) {
        t = Math.min(now.getTime() - 60_000, t + r.int(1, 72) * 3_600_000);
        const at = new Date(t);
        history.push({ type: 'status_change', actorId: owner?.id ?? admin.id, data: { from, to }, createdAt: at });
        const notes = NOTES[to];
        if (notes && r.next() < 0.8) history.push({ type: 'note', actorId: owner?.id ?? admin.id, body: r.pick(notes), createdAt: new Date(t + 30_000) });
        lastContactedAt = at;
        from = to;
      }
    }
    const tags = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(TAGS)))];
    const hasEmail = !devanagari && r.next() < 0.6;
    prepared.push({
      name: `${first} ${last}`,
      phone: phone.e164,
      email: hasEmail ? `${slug(`${first}.${last}`)}${r.int(1, 999)}@${r.pick(['example.com', 'example.org', 'example.net'])}` : null,
      status,
      score: r.next() < 0.7 ? r.int(5, 98) : null,
      language,
      city: place.city,
      ownerId: owner?.id ?? null,
      tags,
      metadata: { state: place.state, program: r.pick(PROGRAMS), ...(r.next() < 0.4 ? { class: String(r.int(6, 12)) } : {}) },
      createdAt,
      updatedAt: new Date(Math.max(createdAt.getTime(), t)),
      lastContactedAt,
      source: { source: sources.weighted(DEMO_SOURCES), externalId: `demo-${prepared.length + 1}` },
      history,
    });
  }
  const ids = await deps.leads.insertPrepared(adminActor, prepared);

  const campaignPlan = [
    { name: 'Second Chance enrolment 2026', description: 'Women and girls who left school: re-enrolment for the Class 10 batch.', share: 0.35, cost: 185_000 },
    { name: 'Read India volunteers', description: 'Recruit reading volunteers for the winter camps.', share: 0.25, cost: 60_000 },
    { name: 'Donor Circle renewals', description: 'Thank and renew individual donors for the year.', share: 0.1, cost: null },
  ];
  const campaignIds: string[] = [];
  const campaignOf = new Map<string, string>();
  for (const c of campaignPlan) {
    const campaign = await deps.campaigns.create(adminActor, { name: c.name, description: c.description, cost: c.cost });
    campaignIds.push(campaign.id);
    const members = ids.filter(() => r.next() < c.share);
    for (const m of members) if (!campaignOf.has(m)) campaignOf.set(m, campaign.id);
    for (let i = 0; i < members.length; i += 5000) await deps.campaigns.addLeads(adminActor, campaign.id, members.slice(i, i + 5000));
  }
  if (deps.callHistory) await deps.callHistory.insertPast(pastCalls(r, prepared, ids, campaignOf, now));
  if (deps.demoHistory) {
    const past = pastCompliance(rng((opts.seed ?? 20260225) + 2), prepared, ids, telecallerIds, campaignIds, now);
    await deps.demoHistory.consents(past.consents);
    await deps.demoHistory.refusals(past.refusals);
  }
  await deps.knowledge?.seedDemo(adminActor, { campaignId: campaignIds[0] });
  // Every demo call is scored from the start.
  await deps.qa?.createScorecard(adminActor, STARTER_SCORECARD);
  logger.info({ leads: ids.length }, 'demo data loaded');
  return { status: 'seeded', leads: ids.length, accounts };
}

/** What a status change came from: the disposition of the call that made it. */
const DISPOSITION_OF: Partial<Record<LeadStatus, string>> = {
  interested: 'interested',
  callback: 'callback',
  not_interested: 'not_interested',
  converted: 'converted',
  invalid: 'wrong_number',
  lost: 'not_interested',
};
/** Unanswered attempts before a lead picks up, by hour of the day in India: lunch and late afternoon are worst. */
const MISSES_BY_HOUR: Record<number, number> = { 10: 1.2, 11: 1, 12: 1.4, 13: 2.6, 14: 2.4, 15: 1.6, 16: 1.3, 17: 1, 18: 0.8, 19: 0.9 };
const IST_MS = 5.5 * 3_600_000;

/** Moves an instant into calling hours (10:00-19:59 India) on its day, before today (today's figures start at nought). */
function inCallingHours(at: number, hour: number, now: number): Date {
  const dayOf = (ms: number) => Math.floor((ms + IST_MS) / 86_400_000) * 86_400_000 - IST_MS;
  const day = Math.min(dayOf(at), dayOf(now) - 86_400_000);
  return new Date(day + hour * 3_600_000 + (at % 3_600_000));
}

/**
 * The calls behind each demo lead's history: each status change came from an answered call of
 * its owner (with its disposition), often after unanswered attempts, more of them at the hours
 * people rarely pick up; leads still new had a few unanswered tries; a few lines of the
 * enrolment drive were answered with nobody free (abandoned).
 */
function pastCalls(r: ReturnType<typeof rng>, prepared: PreparedLead[], ids: string[], campaignOf: Map<string, string>, nowDate: Date): PastCall[] {
  const now = nowDate.getTime();
  const out: PastCall[] = [];
  prepared.forEach((lead, i) => {
    const leadId = ids[i];
    if (!leadId || !lead.ownerId) return;
    const campaignId = campaignOf.get(leadId) ?? null;
    const miss = (before: number) => {
      const hour = r.int(10, 19);
      const attempts = Math.floor((MISSES_BY_HOUR[hour] ?? 1) * r.next() * 1.5);
      for (let a = 0; a < attempts; a++) {
        const at = inCallingHours(before - (a + 1) * r.int(2, 30) * 3_600_000, hour, now);
        if (at.getTime() <= (lead.createdAt?.getTime() ?? 0)) continue;
        out.push({
          leadId,
          agentId: lead.ownerId ?? null,
          campaignId,
          status: r.next() < 0.8 ? 'no_answer' : 'busy',
          startedAt: at,
          talkSeconds: null,
          disposition: null,
          wrapSeconds: null,
        });
      }
    };
    const changes = lead.history.filter((h) => h.type === 'status_change');
    if (changes.length === 0) {
      if (r.next() < 0.5) miss(now - r.int(1, 20) * 86_400_000);
      return;
    }
    for (const h of changes) {
      const to = (h.data as { to?: LeadStatus } | undefined)?.to;
      const at = inCallingHours(h.createdAt.getTime() - r.int(2, 20) * 60_000, r.int(10, 19), now);
      miss(at.getTime());
      out.push({
        leadId,
        agentId: lead.ownerId ?? null,
        campaignId,
        status: 'completed',
        startedAt: at,
        talkSeconds: r.int(45, 420),
        disposition: (to && DISPOSITION_OF[to]) ?? 'interested',
        wrapSeconds: r.int(8, 75),
      });
    }
    if (campaignId && r.next() < 0.04) {
      out.push({
        leadId,
        agentId: null,
        campaignId,
        status: 'abandoned',
        startedAt: inCallingHours(now - r.int(1, 30) * 86_400_000, r.int(10, 19), now),
        talkSeconds: 2,
        disposition: null,
        wrapSeconds: null,
      });
    }
  });
  return out;
}

/**
 * The compliance side of the past weeks: recording consent given on a share of the answered
 * leads and some of it withdrawn later, calls withdrawn by a few, and each day's dials refused by
 * the DND registry, calling hours and the attempts cap.
 */
function pastCompliance(
  r: ReturnType<typeof rng>,
  prepared: PreparedLead[],
  ids: string[],
  telecallers: { id: string; teamId: string }[],
  campaignIds: string[],
  nowDate: Date,
): { consents: PastConsent[]; refusals: PastRefusal[] } {
  const now = nowDate.getTime();
  const DAY = 86_400_000;
  const consents: PastConsent[] = [];
  prepared.forEach((lead, i) => {
    const leadId = ids[i];
    const answered = lead.history.find((h) => h.type === 'status_change');
    if (!leadId || !answered || r.next() > 0.3) return;
    const given = answered.createdAt.getTime();
    consents.push({ leadId, purpose: 'recording', granted: true, channel: 'call', createdAt: new Date(given) });
    const later = (ms: number) => new Date(Math.min(now - 60_000, ms + r.int(1, 10) * DAY));
    if (r.next() < 0.08) consents.push({ leadId, purpose: 'recording', granted: false, channel: r.pick(['call', 'email', 'sms']), createdAt: later(given) });
    if (r.next() < 0.05) consents.push({ leadId, purpose: 'calls', granted: false, channel: r.pick(['call', 'whatsapp', 'email']), createdAt: later(given) });
  });
  const refusals: PastRefusal[] = [];
  const startOfToday = Math.floor((now + IST_MS) / DAY) * DAY - IST_MS;
  for (let d = 30; d >= 1; d--) {
    const day = startOfToday - d * DAY;
    const counts: [string, number][] = [
      ['dnd', r.int(2, 9)],
      ['calling_hours', r.int(0, 4)],
      ['attempt_limit', r.int(0, 3)],
      ['consent_required', r.int(0, 1)],
    ];
    for (const [reason, n] of counts) {
      for (let k = 0; k < n; k++) {
        const who = r.next() < 0.6 ? r.pick(telecallers) : null;
        refusals.push({
          id: randomUUID(),
          at: new Date(day + r.int(10, 19) * 3_600_000 + r.int(0, 3_599) * 1000),
          reason,
          agentId: who?.id ?? null,
          teamId: who?.teamId ?? null,
          campaignId: who ? null : (campaignIds[r.int(0, campaignIds.length - 1)] ?? null),
          source: r.weighted(DEMO_SOURCES),
        });
      }
    }
  }
  return { consents, refusals };
}
