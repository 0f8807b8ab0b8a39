/**
 * Agent presence: offline, available, ringing, on_call, wrap_up, break. Calls move it (dial,
 * answer, end, disposition) and agents set available, break and offline themselves. Each change
 * closes the previous log row, so reports can sum time per state.
 */
import type { Presence as PresenceDto, PresenceNext, PresenceState } from '@telehub/shared';
import { and, asc, eq, gte, isNull, lt, or, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import { type Db, idIn, rowsOf } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import { agentPresence, agentPresenceDays, agentPresenceLog } from './agents.tables.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    'agent.presence': { presence: PresenceDto };
  }
}

type Row = typeof agentPresence.$inferSelect;

/** More than any floor has at once; the oldest come first, so the longest-standing are never cut. */
const MAX_SIGNAL_ROWS = 500;

/** The states in which a call holds the agent. */
export const ON_A_CALL: readonly PresenceState[] = ['ringing', 'on_call', 'wrap_up'];

/** Free for the next call: available, with no call, and not on the way out (no next move asked for). */
export const isFree = (p: PresenceDto) => p.state === 'available' && !p.callId && !p.next;

const toDto = (r: Row): PresenceDto => ({
  userId: r.userId,
  state: r.state as PresenceState,
  reason: r.reason,
  since: r.since.toISOString(),
  callId: r.callId,
  campaignId: r.campaignId,
  next: r.next ?? null,
});

const offline = (userId: string): PresenceDto => ({
  userId,
  state: 'offline',
  reason: null,
  since: new Date(0).toISOString(),
  callId: null,
  campaignId: null,
  next: null,
});

const sameNext = (a: PresenceNext | null, b: PresenceNext | null) =>
  a === b || (a !== null && b !== null && a.state === b.state && a.reason === b.reason && a.campaignId === b.campaignId);

/**
 * agent_presence_days summed afresh from the closed log rows, split at midnight in `zone`: what
 * migration 0026 filled the table with and its trigger keeps (tests and the reports benchmark
 * compare or build with it).
 */
export function presenceDaysFromLog(zone: string) {
  const z = sql.raw(`'${zone.replace(/'/g, "''")}'`);
  return sql`select d::date as day, l.user_id, l.state,
      sum(extract(epoch from least(l.ended_at, (d + interval '1 day') at time zone ${z}) - greatest(l.started_at, d at time zone ${z})))::float8 as seconds
    from ${agentPresenceLog} l
    cross join lateral generate_series(date_trunc('day', l.started_at at time zone ${z}), date_trunc('day', l.ended_at at time zone ${z}), interval '1 day') as d
    where l.ended_at is not null and l.ended_at > l.started_at
    group by 1, 2, 3`;
}

export function createPresence(deps: { db: Db; clock: Clock; bus: EventBus }) {
  const { db, clock, bus } = deps;

  /** The agent's presence; `lock` holds their row to the end of `tx`, so moves of one agent never cross. */
  async function get(userId: string, tx: Db = db, lock = false): Promise<PresenceDto> {
    const query = tx.select().from(agentPresence).where(eq(agentPresence.userId, userId)).limit(1);
    const [row] = lock ? await query.for('update') : await query;
    return row ? toDto(row) : offline(userId);
  }

  /** Seconds per state and agent in each of several periods, in one statement; `bucket` is the period's index. */
  async function secondsByStateInPeriods(
    userIds: string[],
    periods: { from: Date; to: Date }[],
  ): Promise<{ bucket: number; userId: string; state: PresenceState; seconds: number }[]> {
    const open = periods.flatMap((p, i) => (p.to > p.from ? [{ i, f: p.from.toISOString(), t: p.to.toISOString() }] : []));
    if (userIds.length === 0 || open.length === 0) return [];
    const rows = await db.execute(sql`
      select b.i as "bucket", l.user_id as "userId", l.state,
        sum(extract(epoch from (least(coalesce(l.ended_at, b.t), b.t) - greatest(l.started_at, b.f))))::int as seconds
      from jsonb_to_recordset(${JSON.stringify(open)}::jsonb) as b(i int, f timestamptz, t timestamptz)
      join ${agentPresenceLog} l on l.started_at < b.t and (l.ended_at is null or l.ended_at > b.f)
      where l.user_id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))
      group by b.i, l.user_id, l.state`);
    return rowsOf<{ bucket: number; userId: string; state: PresenceState; seconds: number }>(rows).map((r) => ({
      ...r,
      bucket: Number(r.bucket),
      seconds: Number(r.seconds),
    }));
  }

  /**
   * Moves the agent to `state`; nothing happens when they are already there for the same reason,
   * call, campaign and next move. `campaignId` undefined keeps the agent's campaign; going offline
   * leaves it. The agent's next move (`opts.next`, asked for while on a call) is kept through the
   * call's states and taken instead of `available` when the call is done; any other move drops it.
   */
  async function set(
    userId: string,
    target: PresenceState,
    opts: { reason?: string | null; callId?: string | null; campaignId?: string | null; next?: PresenceNext | null } = {},
    tx: Db = db,
  ): Promise<PresenceDto> {
    const current = await get(userId, tx);
    // The call is done and the agent asked to go elsewhere then: there, not back to available.
    const then = target === 'available' && ON_A_CALL.includes(current.state) && current.next && opts.next === undefined ? current.next : null;
    const state = then ? then.state : target;
    const reason = state === 'break' ? ((then ? then.reason : opts.reason) ?? null) : null;
    const callId = ON_A_CALL.includes(state) ? (opts.callId ?? null) : null;
    const campaignId = state === 'offline' ? null : then ? then.campaignId : opts.campaignId !== undefined ? opts.campaignId : current.campaignId;
    const next = opts.next !== undefined ? opts.next : ON_A_CALL.includes(state) ? current.next : null;
    if (current.state === state && current.reason === reason && current.callId === callId && current.campaignId === campaignId) {
      if (sameNext(current.next, next)) return current;
      // Only the next move changes: the state and its time run on.
      await tx.update(agentPresence).set({ next }).where(eq(agentPresence.userId, userId));
      const presence: PresenceDto = { ...current, next };
      await bus.publish('agent.presence', { presence });
      return presence;
    }
    const now = clock.now();
    // One statement: the presence row, the log's open row closed and the new one opened (the
    // closing update sees the log as it was before the statement, so it never closes the new row).
    const at = now.toISOString();
    await tx.execute(sql`
      with moved as (
        insert into ${agentPresence} (user_id, state, reason, call_id, campaign_id, since, next)
        values (${userId}, ${state}, ${reason}, ${callId}, ${campaignId}, ${at}::timestamptz, ${next === null ? null : JSON.stringify(next)}::jsonb)
        on conflict (user_id) do update set state = excluded.state, reason = excluded.reason, call_id = excluded.call_id,
          campaign_id = excluded.campaign_id, since = excluded.since, next = excluded.next
      ), closed as (
        update ${agentPresenceLog} set ended_at = ${at}::timestamptz where user_id = ${userId} and ended_at is null
      )
      insert into ${agentPresenceLog} (user_id, state, reason, call_id, campaign_id, started_at)
      values (${userId}, ${state}, ${reason}, ${callId}, ${campaignId}, ${at}::timestamptz)`);
    const presence: PresenceDto = { userId, state, reason, callId, campaignId, since: now.toISOString(), next };
    await bus.publish('agent.presence', { presence });
    return presence;
  }

  return {
    get,
    secondsByStateInPeriods,

    async list(userIds: string[]): Promise<PresenceDto[]> {
      if (userIds.length === 0) return [];
      const rows = await db.select().from(agentPresence).where(idIn(agentPresence.userId, userIds));
      const byId = new Map(rows.map((r) => [r.userId, toDto(r)]));
      return userIds.map((id) => byId.get(id) ?? offline(id));
    },

    set,

    /**
     * Moves the agent as `decide` says, from their presence read under a lock: an agent leaving a
     * campaign and the dialer handing them a call cannot both win. `decide` returns the move, or
     * null to leave them as they are (then their presence is returned as it stands).
     */
    async change(
      userId: string,
      decide: (
        current: PresenceDto,
      ) => { state: PresenceState; reason?: string | null; callId?: string | null; campaignId?: string | null; next?: PresenceNext | null } | null,
      tx?: Db,
    ): Promise<{ presence: PresenceDto; changed: boolean }> {
      const run = async (t: Db) => {
        const current = await get(userId, t, true);
        const next = decide(current);
        if (!next) return { presence: current, changed: false };
        return { presence: await set(userId, next.state, next, t), changed: true };
      };
      return tx ? run(tx) : db.transaction(run);
    },

    /** Agents free for a call now (available, on none, no move asked for), longest free first; and how many are signed in at all. */
    async free(): Promise<{ free: PresenceDto[]; signedIn: number }> {
      const rows = await db
        .select()
        .from(agentPresence)
        .where(sql`${agentPresence.state} <> 'offline'`)
        .orderBy(asc(agentPresence.since))
        .limit(MAX_SIGNAL_ROWS);
      const all = rows.map(toDto);
      return { free: all.filter(isFree), signedIn: all.length };
    },

    /** Agents in wrap-up of a call while in a campaign (whose wrap-up timer may have run out). */
    async wrappingUpInCampaigns(): Promise<PresenceDto[]> {
      return (
        await db
          .select()
          .from(agentPresence)
          .where(and(eq(agentPresence.state, 'wrap_up'), sql`${agentPresence.campaignId} is not null`))
          .limit(MAX_SIGNAL_ROWS)
      ).map(toDto);
    },
    /** The agents working a campaign now, and their states. */
    async inCampaign(campaignId: string): Promise<PresenceDto[]> {
      return (await db.select().from(agentPresence).where(eq(agentPresence.campaignId, campaignId))).map(toDto);
    },
    /** Seconds agents spent in a campaign (signed in, any state) in each of consecutive buckets of `bucketMs` from `from` to `to`. */
    async campaignSeconds(campaignId: string, from: Date, to: Date, bucketMs: number): Promise<number[]> {
      const n = Math.max(1, Math.ceil((to.getTime() - from.getTime()) / bucketMs));
      const rows = rowsOf<{ i: number; s: number }>(
        await db.execute(sql`
          with b as (select i, ${from}::timestamptz + (i * ${bucketMs}) * interval '1 millisecond' as f,
                            least(${from}::timestamptz + ((i + 1) * ${bucketMs}) * interval '1 millisecond', ${to}::timestamptz) as t
                     from generate_series(0, ${n - 1}) i)
          select b.i, coalesce(sum(extract(epoch from (least(coalesce(l.ended_at, b.t), b.t) - greatest(l.started_at, b.f)))), 0)::float as s
          from b join ${agentPresenceLog} l on l.campaign_id = ${campaignId} and l.state <> 'offline' and l.started_at < b.t and (l.ended_at is null or l.ended_at > b.f)
          group by b.i`),
      );
      const out = new Array<number>(n).fill(0);
      for (const r of rows) out[Number(r.i)] = Math.max(0, Math.round(Number(r.s)));
      return out;
    },
    /** The agent's states that overlap [from, to), oldest first. */
    async history(userId: string, from: Date, to: Date) {
      const rows = await db
        .select()
        .from(agentPresenceLog)
        .where(
          and(
            eq(agentPresenceLog.userId, userId),
            lt(agentPresenceLog.startedAt, to),
            or(isNull(agentPresenceLog.endedAt), gte(agentPresenceLog.endedAt, from)),
          ),
        )
        .orderBy(asc(agentPresenceLog.startedAt), asc(agentPresenceLog.id))
        .limit(5000);
      return rows.map((r) => ({
        state: r.state as PresenceState,
        reason: r.reason,
        startedAt: r.startedAt.toISOString(),
        endedAt: r.endedAt?.toISOString() ?? null,
      }));
    },

    /** Agents in `state` since before `before`, longest first (the floor's alerts). */
    async inStateSince(state: PresenceState, before: Date): Promise<{ userId: string; since: Date; reason: string | null }[]> {
      return db
        .select({ userId: agentPresence.userId, since: agentPresence.since, reason: agentPresence.reason })
        .from(agentPresence)
        .where(and(eq(agentPresence.state, state), lt(agentPresence.since, before)))
        .orderBy(asc(agentPresence.since))
        .limit(MAX_SIGNAL_ROWS);
    },

    /**
     * Seconds per state for these agents over whole days (in the organisation's zone) up to
     * `until`: the closed time from agent_presence_days, which a trigger keeps as each log row
     * closes (so a year is a few hundred rows per agent, not every state change), and the time of
     * each agent's open row between `start` (the first day's midnight) and `until`.
     */
    async secondsByStateOnDays(
      userIds: string[],
      period: { fromDay: string; toDay: string; start: Date; until: Date },
    ): Promise<{ userId: string; state: PresenceState; seconds: number }[]> {
      if (userIds.length === 0 || period.until <= period.start) return [];
      const ids = sql`(select value::uuid from jsonb_array_elements_text(${JSON.stringify(userIds)}::jsonb))`;
      const start = period.start.toISOString();
      const until = period.until.toISOString();
      const rows = await db.execute(sql`
        select "userId", state, round(sum(seconds))::int as seconds from (
          select d.user_id as "userId", d.state, d.seconds from ${agentPresenceDays} d
          where d.user_id in ${ids} and d.day >= ${period.fromDay}::date and d.day <= ${period.toDay}::date
          union all
          select l.user_id, l.state, extract(epoch from ${until}::timestamptz - greatest(l.started_at, ${start}::timestamptz))
          from ${agentPresenceLog} l
          where l.ended_at is null and l.user_id in ${ids} and l.started_at < ${until}::timestamptz
        ) s group by "userId", state`);
      return rowsOf<{ userId: string; state: PresenceState; seconds: number }>(rows).map((r) => ({ ...r, seconds: Number(r.seconds) }));
    },
  };
}

export type PresenceService = ReturnType<typeof createPresence>;
