/**
 * The reports: the conversion funnel, campaign performance, telecallers, when to call, compliance
 * and sources, read from the rollups under the reader's scope (managers their teams, admins all, a
 * telecaller only their own telecaller report), each drilling down to the leads or calls behind
 * its numbers.
 */
import {
  type CampaignsReport,
  type ComplianceReport,
  type ConsentLeadsQuery,
  DIAL_BLOCK_REASONS,
  FUNNEL_STAGES,
  type FunnelLeadsQuery,
  type FunnelReport,
  type HoursReport,
  type ReportCallPage,
  type ReportCallsQuery,
  type ReportFilters,
  type ReportKind,
  type ReportLeadPage,
  type SourcesReport,
  type TelecallerMeasures,
  type TelecallersReport,
} from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { CommonErrors } from '../../platform/errors.js';
import type { LeadFacts } from '../leads/index.js';
import { ReportErrors } from './reports.errors.js';
import { CALL_MEASURES } from './reports.facts.js';
import type { IntakeReader } from './reports.intake.js';
import { type CallSums, type createReportReader, daysBetween, instantsOf, type LeadSums, type Scope } from './reports.read.js';

export type ReportsDeps = {
  clock: Clock;
  timeZone: string;
  reader: ReturnType<typeof createReportReader>;
  users: {
    list(actor: Actor): Promise<{ id: string; name: string; role: string; teamId: string | null; active: boolean }[]>;
    listTeams(actor: Actor): Promise<{ id: string; name: string }[]>;
    namesByIds(ids: string[]): Promise<Map<string, string>>;
  };
  campaigns: { list(): Promise<{ id: string; name: string; teamIds: string[]; cost?: number | null | undefined; maxAbandonRate?: number | undefined }[]> };
  intake: IntakeReader;
  presence: {
    secondsByStateOnDays(
      userIds: string[],
      period: { fromDay: string; toDay: string; start: Date; until: Date },
    ): Promise<{ userId: string; state: string; seconds: number }[]>;
  };
  qa: { averageScoresOnDays(agentIds: string[], fromDay: string, toDay: string): Promise<Map<string, { score: number; calls: number }>> };
  leadFacts: Pick<LeadFacts, 'briefs'>;
  callBriefs: (ids: string[]) => Promise<
    Map<
      string,
      {
        id: string;
        leadId: string;
        agentId: string | null;
        campaignId: string | null;
        startedAt: Date;
        status: string;
        talkSeconds: number;
        disposition: string | null;
      }
    >
  >;
};

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 4) : null);

/** Rates from the sums, as every report shows them. */
export function callMeasures(s: CallSums) {
  return {
    dials: s.dials,
    connects: s.connects,
    connectRate: ratio(s.connects, s.dials),
    talkSeconds: s.talkSeconds,
    averageHandleSeconds: s.handled > 0 ? round(s.handleSeconds / s.handled, 1) : null,
    conversions: s.conversions,
    conversionRate: ratio(s.conversions, s.connects),
    abandons: s.abandons,
    abandonRate: ratio(s.abandons, s.connects + s.abandons),
  };
}

function funnelCounts(s: LeadSums) {
  return { created: s.created, contacted: s.contacted, interested: s.interested, converted: s.converted, conversionRate: ratio(s.converted, s.created) };
}

/** The call measures of `rows` added up. */
function sumOf(rows: CallSums[]): CallSums {
  const out = Object.fromEntries(CALL_MEASURES.map((m) => [m, 0])) as CallSums;
  for (const r of rows) for (const m of CALL_MEASURES) out[m] += r[m];
  return out;
}

/** The middle value (mean of the two middle ones); null when there is none. */
export function median(values: (number | null)[]): number | null {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** Hours (0-23) with the best connect rate over at least `min` dials, best first. */
export function bestHours(rows: { hour: number; dials: number; connects: number }[], take: number): number[] {
  const total = rows.reduce((n, r) => n + r.dials, 0);
  const min = Math.max(5, Math.ceil(total * 0.02));
  return rows
    .filter((r) => r.dials >= min)
    .sort((a, b) => b.connects / b.dials - a.connects / a.dials || b.dials - a.dials)
    .slice(0, take)
    .map((r) => r.hour);
}

export function createReportsService(deps: ReportsDeps) {
  const { reader, clock, timeZone } = deps;

  /** The scope of a report for this reader: their teams, or for a telecaller, themselves. */
  async function scopeOf(actor: Actor, kind: ReportKind, f: ReportFilters): Promise<Scope> {
    const scope: Scope = { from: f.from, to: f.to, teamId: f.teamId, campaignId: f.campaignId, source: f.source, agentId: f.agentId };
    if (actor.role === 'telecaller') {
      if (kind !== 'telecallers') throw CommonErrors.FORBIDDEN('A telecaller sees their own telecaller report only');
      if (f.agentId && f.agentId !== actor.id) throw CommonErrors.FORBIDDEN('A telecaller sees their own telecaller report only');
      return { ...scope, agentId: actor.id, teamId: undefined };
    }
    if (actor.role === 'admin') return scope;
    const teams = (await deps.users.listTeams(actor)).map((t) => t.id);
    if (f.teamId && !teams.includes(f.teamId)) throw ReportErrors.REPORT_TEAM_NOT_YOURS();
    if (f.agentId) {
      const mine = await deps.users.list(actor);
      if (!mine.some((u) => u.id === f.agentId)) throw ReportErrors.REPORT_AGENT_NOT_YOURS();
    }
    return { ...scope, teamIds: teams };
  }

  const head = (f: ReportFilters) => ({ from: f.from, to: f.to, timeZone, generatedAt: clock.now().toISOString() });

  async function campaignNames(): Promise<Map<string, { name: string; cost: number | null; cap: number | null }>> {
    return new Map((await deps.campaigns.list()).map((c) => [c.id, { name: c.name, cost: c.cost ?? null, cap: c.maxAbandonRate ?? null }]));
  }

  /** Leads as the drill-down lists show them, in the order of `ids`. */
  async function leadRows(ids: string[]): Promise<ReportLeadPage['items']> {
    const briefs = await deps.leadFacts.briefs(ids);
    const owners = await deps.users.namesByIds([...briefs.values()].flatMap((b) => (b.ownerId ? [b.ownerId] : [])));
    return ids.flatMap((id) => {
      const b = briefs.get(id);
      return b
        ? [
            {
              id,
              name: b.name,
              status: b.status,
              source: b.source,
              createdAt: b.createdAt.toISOString(),
              ownerName: b.ownerId ? (owners.get(b.ownerId) ?? null) : null,
            },
          ]
        : [];
    });
  }

  const periodOf = (f: ReportFilters) => ({ ...instantsOf(f.from, f.to, timeZone), timeZone });

  return {
    scopeOf,

    async funnel(actor: Actor, f: ReportFilters): Promise<FunnelReport> {
      const s = await scopeOf(actor, 'funnel', f);
      const [totals, bySource, byCampaign, names] = await Promise.all([
        reader.leadTotals(s),
        reader.leadsBySource(s),
        reader.leadsByCampaign(s),
        campaignNames(),
      ]);
      const reached: Record<(typeof FUNNEL_STAGES)[number], number> = {
        created: totals.created,
        contacted: totals.contacted,
        interested: totals.interested,
        converted: totals.converted,
      };
      const seconds: Record<string, number> = { contacted: totals.contactedSeconds, interested: totals.interestedSeconds, converted: totals.convertedSeconds };
      return {
        kind: 'funnel',
        ...head(f),
        stages: FUNNEL_STAGES.map((stage, i) => {
          const prev = i > 0 ? reached[FUNNEL_STAGES[i - 1] as keyof typeof reached] : null;
          const leads = reached[stage];
          const secs = seconds[stage];
          return {
            stage,
            leads,
            fromPrevious: prev === null ? null : ratio(leads, prev),
            fromStart: ratio(leads, totals.created),
            averageHoursFromPrevious: secs !== undefined && leads > 0 ? round(secs / leads / 3600, 1) : null,
          };
        }),
        exits: [
          { status: 'not_interested', leads: totals.notInterested },
          { status: 'lost', leads: totals.lost },
          { status: 'invalid', leads: totals.invalid },
        ],
        bySource: bySource
          .map((r) => ({ source: String(r.source ?? 'unknown'), ...funnelCounts(r) }))
          .filter((r) => r.created > 0)
          .sort((a, b) => b.created - a.created),
        byCampaign: byCampaign
          .map((r) => {
            const id = (r.campaignId as string | null) ?? null;
            return { campaignId: id, name: id ? (names.get(id)?.name ?? null) : null, ...funnelCounts(r) };
          })
          .filter((r) => r.created > 0)
          .sort((a, b) => b.created - a.created),
      };
    },

    async campaigns(actor: Actor, f: ReportFilters): Promise<CampaignsReport> {
      const s = await scopeOf(actor, 'campaigns', f);
      const [rows, totals, byDay, hours, names] = await Promise.all([
        reader.byCampaign(s),
        reader.callTotals(s),
        reader.byDay(s),
        reader.byCampaignHour(s),
        campaignNames(),
      ]);
      const hoursOf = new Map<string, { hour: number; dials: number; connects: number }[]>();
      for (const h of hours) {
        const key = (h.campaignId as string | null) ?? 'none';
        hoursOf.set(key, [...(hoursOf.get(key) ?? []), { hour: Number(h.hour), dials: h.dials, connects: h.connects }]);
      }
      const perDay = new Map(byDay.map((d) => [d.day, d]));
      return {
        kind: 'campaigns',
        ...head(f),
        items: rows
          .filter((r) => r.dials > 0)
          .map((r) => {
            const id = (r.campaignId as string | null) ?? null;
            const named = id ? names.get(id) : undefined;
            const cost = named?.cost ?? null;
            return {
              campaignId: id,
              name: named?.name ?? null,
              ...callMeasures(r),
              cost,
              costPerConversion: cost !== null && r.conversions > 0 ? round(cost / r.conversions, 2) : null,
              bestHours: bestHours(hoursOf.get(id ?? 'none') ?? [], 3),
            };
          })
          .sort((a, b) => b.dials - a.dials),
        totals: callMeasures(totals),
        byDay: daysBetween(f.from, f.to).map((day) => {
          const d = perDay.get(day);
          return { day, dials: d?.dials ?? 0, connects: d?.connects ?? 0, conversions: d?.conversions ?? 0, talkSeconds: d?.talkSeconds ?? 0 };
        }),
      };
    },

    async telecallers(actor: Actor, f: ReportFilters): Promise<TelecallersReport> {
      const s = await scopeOf(actor, 'telecallers', f);
      const { start, end } = instantsOf(f.from, f.to, timeZone);
      const until = end < clock.now() ? end : clock.now();
      const [daily, people, teams] = await Promise.all([
        reader.byAgentDay(s),
        actor.role === 'telecaller' ? Promise.resolve([]) : deps.users.list(actor),
        actor.role === 'telecaller' ? Promise.resolve([]) : deps.users.listTeams(actor),
      ]);
      // Each telecaller's period summed from their days (one read of the rollup, not two).
      const daysOf = new Map<string, CallSums[]>();
      for (const d of daily) {
        const list = daysOf.get(d.agentId as string);
        if (list) list.push(d);
        else daysOf.set(d.agentId as string, [d]);
      }
      // Everyone in scope who telephones, with or without calls, and anyone who made calls.
      const ids = new Set(daysOf.keys());
      for (const p of people) {
        const inFilter = (!s.teamId || p.teamId === s.teamId) && (!s.agentId || p.id === s.agentId) && !s.campaignId && !s.source;
        if (p.role === 'telecaller' && p.active && inFilter) ids.add(p.id);
      }
      if (actor.role === 'telecaller') ids.add(actor.id);
      const agentIds = [...ids];
      const [names, presence, scores] = await Promise.all([
        deps.users.namesByIds(agentIds),
        deps.presence.secondsByStateOnDays(agentIds, { fromDay: f.from, toDay: f.to, start, until }),
        deps.qa.averageScoresOnDays(agentIds, f.from, f.to),
      ]);
      const loggedIn = new Map<string, number>();
      for (const p of presence) if (p.state !== 'offline') loggedIn.set(p.userId, (loggedIn.get(p.userId) ?? 0) + p.seconds);
      const teamOf = new Map(people.map((p) => [p.id, p.teamId]));
      const teamNames = new Map(teams.map((t) => [t.id, t.name]));
      const sums = new Map([...daysOf].map(([id, d]) => [id, sumOf(d)]));
      const days = daysBetween(f.from, f.to);
      const trendOf = new Map<string, Map<string, CallSums>>();
      for (const d of daily) {
        const m = trendOf.get(d.agentId as string) ?? new Map<string, CallSums>();
        m.set(d.day, d);
        trendOf.set(d.agentId as string, m);
      }
      const items = agentIds
        .map((id) => {
          const sum = sums.get(id) ?? sumOf([]);
          const logged = loggedIn.get(id) ?? 0;
          const teamId = teamOf.get(id) ?? (actor.role === 'telecaller' ? actor.teamId : null);
          return {
            agentId: id,
            name: names.get(id) ?? '',
            teamId,
            teamName: teamId ? (teamNames.get(teamId) ?? null) : null,
            ...callMeasures(sum),
            averageWrapSeconds: sum.handled > 0 ? round(sum.wrapSeconds / sum.handled, 1) : null,
            loggedInSeconds: logged,
            occupancy: logged > 0 ? Math.min(1, round((sum.talkSeconds + sum.wrapSeconds) / logged, 4)) : null,
            qaScore: scores.get(id)?.score ?? null,
            trend: days.map((day) => {
              const d = trendOf.get(id)?.get(day);
              return { day, dials: d?.dials ?? 0, connects: d?.connects ?? 0, conversions: d?.conversions ?? 0, talkSeconds: d?.talkSeconds ?? 0 };
            }),
          };
        })
        .sort((a, b) => b.conversions - a.conversions || b.connects - a.connects || a.name.localeCompare(b.name));
      const med = (pick: (i: (typeof items)[number]) => number | null) => median(items.map(pick));
      const median_: TelecallerMeasures = {
        dials: Math.round(med((i) => i.dials) ?? 0),
        connects: Math.round(med((i) => i.connects) ?? 0),
        connectRate: med((i) => i.connectRate),
        talkSeconds: Math.round(med((i) => i.talkSeconds) ?? 0),
        averageHandleSeconds: med((i) => i.averageHandleSeconds),
        conversions: Math.round(med((i) => i.conversions) ?? 0),
        conversionRate: med((i) => i.conversionRate),
        abandons: Math.round(med((i) => i.abandons) ?? 0),
        abandonRate: med((i) => i.abandonRate),
        averageWrapSeconds: med((i) => i.averageWrapSeconds),
        loggedInSeconds: Math.round(med((i) => i.loggedInSeconds) ?? 0),
        occupancy: med((i) => i.occupancy),
        qaScore: med((i) => i.qaScore),
      };
      return { kind: 'telecallers', ...head(f), items, median: median_ };
    },

    async hours(actor: Actor, f: ReportFilters): Promise<HoursReport> {
      const s = await scopeOf(actor, 'hours', f);
      const rows = await reader.byWeekHour(s);
      const cells = rows
        .map((r) => ({ weekday: Number(r.weekday), hour: Number(r.hour), dials: r.dials, connects: r.connects, connectRate: ratio(r.connects, r.dials) }))
        .filter((c) => c.dials > 0)
        .sort((a, b) => a.weekday - b.weekday || a.hour - b.hour);
      const byHour = Array.from({ length: 24 }, (_, hour) => {
        const at = cells.filter((c) => c.hour === hour);
        const dials = at.reduce((n, c) => n + c.dials, 0);
        const connects = at.reduce((n, c) => n + c.connects, 0);
        return { hour, dials, connects, connectRate: ratio(connects, dials) };
      }).filter((h) => h.dials > 0);
      const min = Math.max(5, Math.ceil(cells.reduce((n, c) => n + c.dials, 0) * 0.005));
      const best = cells
        .filter((c) => c.dials >= min)
        .sort((a, b) => (b.connectRate ?? 0) - (a.connectRate ?? 0) || b.dials - a.dials)
        .slice(0, 5);
      return { kind: 'hours', ...head(f), cells, byHour, best };
    },

    async compliance(actor: Actor, f: ReportFilters): Promise<ComplianceReport> {
      const s = await scopeOf(actor, 'compliance', f);
      // One read of the calls by campaign and day: the campaigns, the days and the totals are its sums.
      const [refusals, byCampaignDay, consents, names] = await Promise.all([
        reader.refusals(s),
        reader.byCampaignDay(s),
        deps.intake.consents(s, periodOf(f)),
        campaignNames(),
      ]);
      const days = daysBetween(f.from, f.to);
      const refusedOn = new Map(refusals.byDay.map((d) => [d.day, d.refusals]));
      const refusedBy = new Map(refusals.byReason.map((r) => [r.reason, r.refusals]));
      const daysOf = new Map<string, (typeof byCampaignDay)[number][]>();
      const onDay = new Map<string, (typeof byCampaignDay)[number][]>();
      for (const d of byCampaignDay) {
        const key = (d.campaignId as string | null) ?? 'none';
        daysOf.set(key, daysOf.get(key) ?? []);
        daysOf.get(key)?.push(d);
        onDay.set(d.day, onDay.get(d.day) ?? []);
        onDay.get(d.day)?.push(d);
      }
      const byCampaign = [...daysOf.entries()].map(([key, rows]) => ({ campaignId: key === 'none' ? null : key, ...sumOf(rows) }));
      const totals = sumOf(byCampaignDay);
      const abandonRate = (a: { connects: number; abandons: number }) => ratio(a.abandons, a.connects + a.abandons);
      const consentOn = new Map(consents.byDay.map((d) => [d.day, d]));
      return {
        kind: 'compliance',
        ...head(f),
        refusals: {
          total: DIAL_BLOCK_REASONS.reduce((n, reason) => n + (refusedBy.get(reason) ?? 0), 0),
          byReason: DIAL_BLOCK_REASONS.flatMap((reason) => (refusedBy.get(reason) ? [{ reason, refusals: refusedBy.get(reason) ?? 0 }] : [])).sort(
            (a, b) => b.refusals - a.refusals,
          ),
          byDay: days.map((day) => ({ day, refusals: refusedOn.get(day) ?? 0 })),
        },
        abandons: {
          items: byCampaign
            .filter((r) => r.connects + r.abandons > 0)
            .map((r) => {
              const id = r.campaignId;
              const named = id ? names.get(id) : undefined;
              const cap = named?.cap ?? null;
              const rate = abandonRate(r);
              const daily = (daysOf.get(id ?? 'none') ?? []).map((d) => ({ day: d.day, rate: abandonRate(d) ?? 0 }));
              const worst = daily.reduce<{ day: string; rate: number } | null>((w, d) => (!w || d.rate > w.rate ? d : w), null);
              return {
                campaignId: id,
                name: named?.name ?? null,
                connects: r.connects,
                abandons: r.abandons,
                abandonRate: rate,
                cap,
                overCap: cap !== null && rate !== null && rate > cap,
                daysOverCap: cap === null ? 0 : daily.filter((d) => d.rate > cap).length,
                worstDay: worst && worst.rate > 0 ? worst.day : null,
                worstRate: worst && worst.rate > 0 ? worst.rate : null,
              };
            })
            .sort((a, b) => Number(b.overCap) - Number(a.overCap) || (b.abandonRate ?? 0) - (a.abandonRate ?? 0)),
          byDay: days.map((day) => {
            const d = sumOf(onDay.get(day) ?? []);
            return { day, connects: d.connects, abandons: d.abandons, abandonRate: abandonRate(d) };
          }),
        },
        recordings: {
          connects: totals.connects,
          recorded: totals.recorded,
          noticed: totals.noticed,
          withoutNotice: Math.max(0, totals.recorded - totals.noticed),
          recordedRate: ratio(totals.recorded, totals.connects),
          noticeRate: ratio(totals.noticed, totals.recorded),
        },
        consents: {
          grants: consents.byPurpose.reduce((n, c) => n + c.grants, 0),
          withdrawals: consents.byPurpose.reduce((n, c) => n + c.withdrawals, 0),
          byPurpose: consents.byPurpose.map((c) => ({ purpose: c.purpose, grants: c.grants, withdrawals: c.withdrawals })),
          byDay: days.map((day) => ({ day, grants: consentOn.get(day)?.grants ?? 0, withdrawals: consentOn.get(day)?.withdrawals ?? 0 })),
        },
      };
    },

    async sources(actor: Actor, f: ReportFilters): Promise<SourcesReport> {
      const s = await scopeOf(actor, 'sources', f);
      const p = periodOf(f);
      const [leads, intake, merges, reasons, files] = await Promise.all([
        reader.leadsBySource(s),
        deps.intake.intake(p),
        deps.intake.merges(s, p),
        deps.intake.rejectReasons(p, 10),
        deps.intake.imports(p, 50),
      ]);
      const mergedOn = new Map(merges.byDay.map((d) => [d.day, d.merges]));
      const bySource = new Map<string, SourcesReport['items'][number]>();
      const row = (source: string) => {
        const r = bySource.get(source) ?? {
          source,
          created: 0,
          contacted: 0,
          converted: 0,
          conversionRate: null,
          received: 0,
          matched: 0,
          rejected: 0,
          rejectRate: null,
        };
        bySource.set(source, r);
        return r;
      };
      for (const l of leads) {
        const r = row(String(l.source ?? 'unknown'));
        r.created += l.created;
        r.contacted += l.contacted;
        r.converted += l.converted;
      }
      // Files and connectors are the organisation's, not any one team's or campaign's: their intake
      // is left out of a report narrowed to a team, telecaller or campaign.
      const wholeIntake = !s.teamId && !s.agentId && !s.campaignId;
      for (const i of wholeIntake ? intake : []) {
        if (s.source && i.source !== s.source) continue;
        const r = row(i.source);
        r.received += Number(i.received);
        r.matched += Number(i.matched);
        r.rejected += Number(i.rejected);
      }
      const items = [...bySource.values()]
        .map((r) => ({ ...r, conversionRate: ratio(r.converted, r.created), rejectRate: ratio(r.rejected, r.received) }))
        .filter((r) => r.created > 0 || r.received > 0)
        .sort((a, b) => b.created - a.created || b.received - a.received || a.source.localeCompare(b.source));
      return {
        kind: 'sources',
        ...head(f),
        intakeShown: wholeIntake,
        items,
        merges: { total: merges.total, undone: merges.undone, byDay: daysBetween(f.from, f.to).map((day) => ({ day, merges: mergedOn.get(day) ?? 0 })) },
        rejectReasons: wholeIntake ? reasons.map((r) => ({ reason: r.reason, rows: Number(r.rows) })) : [],
        imports: (wholeIntake ? files : [])
          .filter((i) => !s.source || i.source === s.source)
          .map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), total: Number(i.total) })),
      };
    },

    /** The leads behind a funnel stage (or exit), a page at a time. */
    async funnelLeads(actor: Actor, q: FunnelLeadsQuery): Promise<ReportLeadPage> {
      const { stage, page, pageSize, ...f } = q;
      const s = await scopeOf(actor, 'funnel', f);
      const { ids, total } = await reader.funnelLeads(s, stage, page, pageSize);
      return { items: await leadRows(ids), total, page, pageSize };
    },

    /** The leads behind the compliance report's consent figures, a page at a time. */
    async consentLeads(actor: Actor, q: ConsentLeadsQuery): Promise<ReportLeadPage> {
      const { granted, purpose, page, pageSize, ...f } = q;
      const s = await scopeOf(actor, 'compliance', f);
      const { ids, total } = await deps.intake.consentLeads(s, periodOf(f), { granted, purpose, page, pageSize });
      return { items: await leadRows(ids), total, page, pageSize };
    },

    /** The calls behind a campaign, telecaller or hour number, a page at a time. */
    async calls(actor: Actor, q: ReportCallsQuery): Promise<ReportCallPage> {
      const s = await scopeOf(actor, actor.role === 'telecaller' ? 'telecallers' : 'campaigns', q);
      const { ids, total } = await reader.calls(s, q, q.page, q.pageSize);
      const calls = await deps.callBriefs(ids);
      const rows = ids.flatMap((id) => {
        const c = calls.get(id);
        return c ? [c] : [];
      });
      const [leads, names, campaigns] = await Promise.all([
        deps.leadFacts.briefs(rows.map((c) => c.leadId)),
        deps.users.namesByIds(rows.flatMap((c) => (c.agentId ? [c.agentId] : []))),
        campaignNames(),
      ]);
      const items = rows.map((c) => ({
        id: c.id,
        leadId: c.leadId,
        leadName: leads.get(c.leadId)?.name ?? '',
        agentName: c.agentId ? (names.get(c.agentId) ?? null) : null,
        campaignName: c.campaignId ? (campaigns.get(c.campaignId)?.name ?? null) : null,
        startedAt: c.startedAt.toISOString(),
        status: c.status,
        talkSeconds: c.talkSeconds,
        disposition: c.disposition,
      }));
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
