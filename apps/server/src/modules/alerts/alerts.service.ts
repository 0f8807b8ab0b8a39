/**
 * Floor alerts: a call connected for too long, a telecaller idle or on break for too long, a
 * callback left overdue, a team's connect rate dropping. `evaluate()` runs every second under the
 * scheduler's lease (one node at a time): it raises an alert for each condition it sees for the
 * first time, and marks cleared the ones whose condition is gone. Managers acknowledge them.
 * Every change goes out on the bus as `alert.changed`.
 */
import type { Alert, AlertKind, AlertListQuery, User } from '@telehub/shared';
import { and, desc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { AnalyticsService } from '../analytics/index.js';
import type { LeadDataHolder, LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { AlertErrors } from './alerts.errors.js';
import { alerts } from './alerts.tables.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    'alert.changed': { alert: Alert };
  }
}

export type AlertThresholds = {
  /** Seconds connected before a call is long. */
  longCallSeconds: number;
  idleSeconds: number;
  breakSeconds: number;
  callbackOverdueSeconds: number;
  /** A team's last-hour connect rate below this share of its 7-day rate is a drop; 0 turns it off. */
  connectDropRatio: number;
  /** Calls a team needs in the last hour (and in the 7 days before) before a drop is judged. */
  connectMinCalls: number;
};

export type AlertsDeps = {
  db: Db;
  clock: Clock;
  bus: EventBus;
  logger: Logger;
  /** Read at each evaluation: thresholds may change in Settings. */
  thresholds: () => AlertThresholds;
  /** What the checks look at (calls, presence, callbacks) and the calls and connects per agent and period. */
  analytics: {
    signals: AnalyticsService['signals'];
    performance: Pick<AnalyticsService['performance'], 'byPeriod'>;
    /** A team filter: one the actor watches, or FORBIDDEN, as the floor's views answer. */
    watchedTeam: AnalyticsService['watchedTeam'];
  };
  users: Pick<UsersService, 'list' | 'listTeams'>;
  leads: Pick<LeadsService, 'calls'>;
  audit: { record(actor: Actor, entry: { action: string; entityType: string; entityId: string; details?: Record<string, unknown> }): Promise<void> };
};

type Candidate = {
  key: string;
  kind: AlertKind;
  severity: 'warning' | 'critical';
  agentId: string | null;
  teamId: string | null;
  callId: string | null;
  leadId: string | null;
  value: number;
  threshold: number;
  since: Date;
};

type Row = typeof alerts.$inferSelect;

const HOUR_MS = 3_600_000;
/** The connect-rate check reads an hour and a week of calls: once a minute is plenty. */
const CONNECT_CHECK_EVERY_MS = 60_000;
const LIST_LIMIT = 200;
/** How long a subscriber's list of watched people and teams is trusted. */
const SCOPE_TTL_MS = 60_000;

const minutes = (s: number) => `${Math.round(s / 60)} min`;
const percent = (r: number) => `${Math.round(r * 100)}%`;

function messageOf(a: Pick<Alert, 'kind' | 'value' | 'threshold' | 'agentName' | 'teamName' | 'leadName'>): string {
  const who = a.agentName ?? 'An agent';
  switch (a.kind) {
    case 'long_call':
      return `${who} has been on a call with ${a.leadName ?? 'a lead'} for ${minutes(a.value)} (limit ${minutes(a.threshold)})`;
    case 'idle_too_long':
      return `${who} has been available without a call for ${minutes(a.value)} (limit ${minutes(a.threshold)})`;
    case 'break_too_long':
      return `${who} has been on break for ${minutes(a.value)} (limit ${minutes(a.threshold)})`;
    case 'callback_overdue':
      return `${who}'s callback to ${a.leadName ?? 'a lead'} is ${minutes(a.value)} overdue`;
    case 'missed_call_overdue':
      return `${a.agentName ?? a.teamName ?? 'A team'} has not called back ${a.leadName ?? 'a caller'}, whose call was missed, ${minutes(a.value)} after the callback was due`;
    case 'connect_rate_drop':
      return `${a.teamName ?? 'A team'}'s connect rate in the last hour is ${percent(a.value)}, below ${percent(a.threshold)}`;
  }
}

export function createAlertsService(deps: AlertsDeps) {
  const { db, clock, bus } = deps;
  /** The thresholds of the evaluation under way (read afresh by each). */
  let th = deps.thresholds();
  let lastConnectCheck = 0;

  /** Rows as the API shows them, names filled in with one read per kind. */
  async function present(rows: Row[]): Promise<Alert[]> {
    if (rows.length === 0) return [];
    const [users, teams, leads] = await Promise.all([
      deps.users.list(SYSTEM_ACTOR),
      deps.users.listTeams(SYSTEM_ACTOR),
      deps.leads.calls.briefs([...new Set(rows.flatMap((r) => (r.leadId ? [r.leadId] : [])))]),
    ]);
    const userName = new Map(users.map((u) => [u.id, u.name]));
    const teamName = new Map(teams.map((t) => [t.id, t.name]));
    return rows.map((r) => {
      const base = {
        id: r.id,
        kind: r.kind as AlertKind,
        severity: r.severity as Alert['severity'],
        agentId: r.agentId,
        agentName: r.agentId ? (userName.get(r.agentId) ?? null) : null,
        teamId: r.teamId,
        teamName: r.teamId ? (teamName.get(r.teamId) ?? null) : null,
        callId: r.callId,
        leadId: r.leadId,
        leadName: r.leadId ? (leads.get(r.leadId)?.name ?? null) : null,
        value: r.value,
        threshold: r.threshold,
        since: r.since.toISOString(),
        raisedAt: r.raisedAt.toISOString(),
        acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
        acknowledgedBy: r.acknowledgedBy,
        resolvedAt: r.resolvedAt?.toISOString() ?? null,
      };
      return { ...base, message: messageOf(base) };
    });
  }

  async function publish(rows: Row[]) {
    for (const alert of await present(rows)) await bus.publish('alert.changed', { alert });
  }

  /** Calls and connects of each team's agents in the last hour and in the 7 days before it. */
  async function connectDrops(now: Date, agents: User[]): Promise<Candidate[]> {
    const byTeam = new Map<string, string[]>();
    for (const a of agents) if (a.teamId) byTeam.set(a.teamId, [...(byTeam.get(a.teamId) ?? []), a.id]);
    if (byTeam.size === 0) return [];
    const hourStart = new Date(now.getTime() - HOUR_MS);
    const [hour, week] = await deps.analytics.performance.byPeriod(
      agents.map((a) => a.id),
      [
        { from: hourStart, to: now },
        { from: new Date(hourStart.getTime() - 7 * 24 * HOUR_MS), to: hourStart },
      ],
    );
    const sum = (m: Map<string, { calls: number; connects: number }> | undefined, ids: string[]) =>
      ids.reduce((acc, id) => ({ calls: acc.calls + (m?.get(id)?.calls ?? 0), connects: acc.connects + (m?.get(id)?.connects ?? 0) }), {
        calls: 0,
        connects: 0,
      });
    const open = await db
      .select({ key: alerts.key, teamId: alerts.teamId })
      .from(alerts)
      .where(and(eq(alerts.kind, 'connect_rate_drop'), isNull(alerts.resolvedAt)));
    const out: Candidate[] = [];
    for (const [teamId, ids] of byTeam) {
      const h = sum(hour, ids);
      const w = sum(week, ids);
      if (h.calls < th.connectMinCalls || w.calls < th.connectMinCalls || w.connects === 0) continue;
      const rate = h.connects / h.calls;
      const limit = (th.connectDropRatio * w.connects) / w.calls;
      if (rate >= limit) continue;
      // One alert per drop: while it is not cleared, the same key; a later drop gets a new one.
      const key = open.find((o) => o.teamId === teamId)?.key ?? `connect_rate_drop:${teamId}:${now.getTime()}`;
      out.push({
        key,
        kind: 'connect_rate_drop',
        severity: 'critical',
        agentId: null,
        teamId,
        callId: null,
        leadId: null,
        value: rate,
        threshold: limit,
        since: hourStart,
      });
    }
    return out;
  }

  /** Alerts name the lead of a long call: they follow a merge; an erased person's alerts forget the lead. */
  const dataHolder: LeadDataHolder = {
    name: 'alerts',
    tables: ['alerts'],
    async move(tx, fromId, toId) {
      return (await tx.update(alerts).set({ leadId: toId }).where(eq(alerts.leadId, fromId)).returning({ id: alerts.id })).map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(alerts).set({ leadId: fromId }).where(inArray(alerts.id, ids));
    },
    async export(lead) {
      const rows = await db.select().from(alerts).where(eq(alerts.leadId, lead.id)).orderBy(desc(alerts.raisedAt));
      return rows.map((r) => ({ kind: r.kind, raisedAt: r.raisedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null }));
    },
    async erase(tx, lead) {
      await tx.update(alerts).set({ leadId: null }).where(eq(alerts.leadId, lead.id));
    },
  };

  return {
    dataHolder,
    /**
     * One look at the floor: raises what is new, clears what is over. Returns the alerts raised
     * and cleared. Safe to run on several nodes at once (the key makes a raise happen once), but
     * meant to run under the scheduler's lease. `at` looks at the floor as of another instant
     * (tests asking what an hour on would raise, without moving the clock the rest of the server
     * reads).
     */
    async evaluate(at?: Date): Promise<{ raised: number; cleared: number }> {
      th = deps.thresholds();
      const now = at ?? clock.now();
      const ago = (s: number) => new Date(now.getTime() - s * 1000);
      const secondsSince = (d: Date) => Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000));
      const everyone = await deps.users.list(SYSTEM_ACTOR);
      const telecallers = everyone.filter((u) => u.active && u.role === 'telecaller');
      const teamOf = new Map(everyone.map((u) => [u.id, u.teamId]));
      const isTelecaller = new Set(telecallers.map((u) => u.id));

      const [long, idle, onBreak, overdue] = await Promise.all([
        deps.analytics.signals.longCalls(ago(th.longCallSeconds)),
        deps.analytics.signals.inStateSince('available', ago(th.idleSeconds)),
        deps.analytics.signals.inStateSince('break', ago(th.breakSeconds)),
        deps.analytics.signals.overdueCallbacks(ago(th.callbackOverdueSeconds)),
      ]);
      const agent = (id: string | null) => ({ agentId: id, teamId: id ? (teamOf.get(id) ?? null) : null });
      const candidates: Candidate[] = [
        ...long.map((c): Candidate => {
          const value = secondsSince(c.answeredAt);
          const severity = value >= 2 * th.longCallSeconds ? 'critical' : 'warning';
          return {
            key: `long_call:${c.callId}`,
            kind: 'long_call',
            severity,
            ...agent(c.agentId),
            callId: c.callId,
            leadId: c.leadId,
            value,
            threshold: th.longCallSeconds,
            since: c.answeredAt,
          };
        }),
        ...idle
          .filter((p) => isTelecaller.has(p.userId))
          .map(
            (p): Candidate => ({
              key: `idle_too_long:${p.userId}:${p.since.getTime()}`,
              kind: 'idle_too_long',
              severity: 'warning',
              ...agent(p.userId),
              callId: null,
              leadId: null,
              value: secondsSince(p.since),
              threshold: th.idleSeconds,
              since: p.since,
            }),
          ),
        ...onBreak
          .filter((p) => isTelecaller.has(p.userId))
          .map(
            (p): Candidate => ({
              key: `break_too_long:${p.userId}:${p.since.getTime()}`,
              kind: 'break_too_long',
              severity: 'warning',
              ...agent(p.userId),
              callId: null,
              leadId: null,
              value: secondsSince(p.since),
              threshold: th.breakSeconds,
              since: p.since,
            }),
          ),
        ...overdue.map(
          (c): Candidate => ({
            key: `callback_overdue:${c.id}`,
            kind: c.source === 'missed_call' ? 'missed_call_overdue' : 'callback_overdue',
            severity: 'warning',
            // A missed caller still in the team's queue: the team's alert.
            ...(c.agentId ? agent(c.agentId) : { agentId: null, teamId: c.teamId }),
            callId: null,
            leadId: c.leadId,
            value: secondsSince(c.dueAt),
            threshold: th.callbackOverdueSeconds,
            since: c.dueAt,
          }),
        ),
      ];
      const kinds: AlertKind[] = ['long_call', 'idle_too_long', 'break_too_long', 'callback_overdue', 'missed_call_overdue'];
      if (th.connectDropRatio > 0 && now.getTime() - lastConnectCheck >= CONNECT_CHECK_EVERY_MS) {
        lastConnectCheck = now.getTime();
        candidates.push(...(await connectDrops(now, telecallers)));
        kinds.push('connect_rate_drop');
      }

      const raised =
        candidates.length === 0
          ? []
          : await db
              .insert(alerts)
              .values(candidates.map((c) => ({ ...c, raisedAt: now })))
              .onConflictDoNothing({ target: alerts.key })
              .returning();
      const keys = candidates.map((c) => c.key);
      const cleared = await db
        .update(alerts)
        .set({ resolvedAt: now })
        .where(and(isNull(alerts.resolvedAt), inArray(alerts.kind, kinds), keys.length ? notInArray(alerts.key, keys) : undefined))
        .returning();
      await publish([...raised, ...cleared]);
      if (raised.length > 0) deps.logger.info({ alerts: raised.map((r) => r.key) }, 'floor alerts raised');
      return { raised: raised.length, cleared: cleared.length };
    },

    /** Alerts the actor watches: open ones (neither acknowledged nor cleared), or the latest 200 of all; of one team they watch. */
    async list(actor: Actor, query: AlertListQuery): Promise<Alert[]> {
      await deps.analytics.watchedTeam(actor, query.teamId);
      const visible = await scopeOf(actor);
      const open = query.status === 'open' ? and(isNull(alerts.acknowledgedAt), isNull(alerts.resolvedAt)) : undefined;
      const rows = await db
        .select()
        .from(alerts)
        .where(and(open, query.teamId ? eq(alerts.teamId, query.teamId) : undefined, visible.where))
        .orderBy(desc(alerts.raisedAt), desc(alerts.id))
        .limit(LIST_LIMIT);
      return present(rows);
    },

    async acknowledge(actor: Actor, id: string): Promise<Alert> {
      const visible = await scopeOf(actor);
      const [found] = await db
        .select()
        .from(alerts)
        .where(and(eq(alerts.id, id), visible.where))
        .limit(1);
      if (!found) throw AlertErrors.ALERT_NOT_FOUND();
      if (found.acknowledgedAt) return (await present([found]))[0] as Alert;
      const [row] = await db
        .update(alerts)
        .set({ acknowledgedAt: clock.now(), acknowledgedBy: actor.id })
        .where(and(eq(alerts.id, id), isNull(alerts.acknowledgedAt)))
        .returning();
      // Someone else acknowledged it in between: answer what is stored now.
      const current = row ?? (await db.select().from(alerts).where(eq(alerts.id, id)).limit(1))[0] ?? found;
      if (row) {
        await deps.audit.record(actor, { action: 'alert.acknowledge', entityType: 'alert', entityId: id, details: { kind: row.kind, key: row.key } });
        await publish([row]);
      }
      return (await present([current]))[0] as Alert;
    },

    /**
     * Whether the actor watches an alert (subscriptions filter the bus with it). A manager's teams
     * change rarely: the scope is read again in the background once it is a minute old.
     */
    async watcher(actor: Actor): Promise<(a: Alert) => boolean> {
      let v = await scopeOf(actor);
      let at = Date.now();
      let refreshing = false;
      return (a) => {
        if (!refreshing && Date.now() - at > SCOPE_TTL_MS) {
          refreshing = true;
          scopeOf(actor)
            .then((next) => {
              v = next;
              at = Date.now();
            })
            .catch((err: unknown) => deps.logger.warn({ err }, 'alert scope not refreshed'))
            .finally(() => {
              refreshing = false;
            });
        }
        return v.sees(a);
      };
    },
  };

  /** Admins see every alert; managers those about the people and teams they see. */
  async function scopeOf(actor: Actor) {
    if (actor.role === 'admin') return { where: undefined, sees: (_a: Pick<Alert, 'agentId' | 'teamId'>) => true };
    if (actor.role !== 'manager') return { where: sql`false`, sees: () => false };
    const users = await deps.users.list(actor);
    const userIds = users.map((u) => u.id);
    const teamIds = [...new Set(users.flatMap((u) => (u.teamId ? [u.teamId] : [])))];
    const byAgent = userIds.length ? inArray(alerts.agentId, userIds) : sql`false`;
    const byTeam = teamIds.length ? and(isNull(alerts.agentId), inArray(alerts.teamId, teamIds)) : sql`false`;
    const u = new Set(userIds);
    const t = new Set(teamIds);
    return {
      where: sql`(${byAgent} or ${byTeam})`,
      sees: (a: Pick<Alert, 'agentId' | 'teamId'>) => (a.agentId ? u.has(a.agentId) : a.teamId !== null && t.has(a.teamId)),
    };
  }
}

export type AlertsService = ReturnType<typeof createAlertsService>;
