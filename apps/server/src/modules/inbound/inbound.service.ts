/**
 * Inbound calls: a caller rings one of our numbers and reaches the right telecaller, or is owed a
 * callback that someone will make.
 *
 * A call arrives (`arrive`, from the provider's webhook or the simulator): the caller is found by
 * number among the live leads, or becomes a new lead (source "inbound", the number they rang in its
 * metadata), and the call is recorded as answered by TeleHub's greeting, with no agent yet. Then:
 * - on a provider that holds callers (simulator, Twilio), the call waits in the queue and is offered
 *   to one agent at a time (their presence rings with it, their workspace pops): the lead's owner if
 *   free, then the owner's team, then anyone, the caller's language first and the longest free
 *   first. An agent accepts (the provider joins them to the caller) or turns it down, or lets it
 *   ring `ringSeconds`; then the next is offered it. Nobody for `maxWaitSeconds`: the caller is told
 *   so, and it is missed;
 * - on a provider that rings numbers itself (Exotel), the answer lists the free agents' phones in
 *   that order, and the provider says who answered (`connected`);
 * - outside the team's hours, or with nobody signed in, the caller hears why and it is missed.
 * A missed call (also a caller who hangs up while waiting) is a callback for the owner, or the
 * team's queue when the lead has none, due within the SLA (from the next opening when closed).
 *
 * Each queue pass runs in one transaction over the open calls it locks (SKIP LOCKED) and moves
 * agents under their presence row lock, so two nodes routing at once never give one caller to two
 * agents nor one agent two callers.
 */
import type { Call, InboundCall, InboundHours, InboundQueue, InboundState, InboundStats, MissedReason } from '@telehub/shared';
import { isTerminalStatus } from '@telehub/shared';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import type { InboundHooks, IncomingAnswer, IncomingCall, TelephonyProvider } from '../../providers/telephony/index.js';
import type { AgentsService } from '../agents/index.js';
import type { AuditService } from '../audit/index.js';
import type { CallsService } from '../calls/index.js';
import { type LeadDataHolder, LeadErrors, type LeadsService } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import { InboundErrors } from './inbound.errors.js';
import { isOpen, isValidZone, nextOpening, wallClock } from './inbound.hours.js';
import { type CallerLanguage, callerLanguage, callerText, greeting } from './inbound.messages.js';
import { type FreeAgent, rankAgents } from './inbound.routing.js';
import { inboundCalls } from './inbound.tables.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** An inbound call arrived, was offered, taken or missed: the queue changed. */
    'inbound.updated': { callId: string; state: InboundState };
  }
}

export type InboundOptions = {
  /** How long an agent's workspace rings with a call before it is offered to the next, seconds. */
  ringSeconds: number;
  /** How long a caller waits in the queue with nobody taking the call before it is missed, seconds. */
  maxWaitSeconds: number;
  /** A missed caller's callback falls due this long after the call (after the next opening when closed), minutes. */
  callbackSlaMinutes: number;
  /** The service level counts callers answered within this, seconds. */
  serviceLevelSeconds: number;
  /** Calls are recorded: the greeting says so. */
  record: boolean;
  /** The zone "today" and the hours of the figures are counted in. */
  timeZone: string;
};

export type InboundDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  audit: Pick<AuditService, 'record'>;
  provider: Pick<TelephonyProvider, 'name' | 'inbound'>;
  calls: Pick<CallsService, 'recordInbound' | 'bridge' | 'giveUp' | 'systemOutcome' | 'published' | 'statuses' | 'takenBy' | 'callIdOf'>;
  leads: Pick<LeadsService, 'calls' | 'create'>;
  users: Pick<UsersService, 'floorInfo' | 'byPhone' | 'hoursOf' | 'teamHours' | 'setTeamHours'>;
  agents: Pick<AgentsService, 'presence' | 'callbacks'>;
  /** The campaigns a lead is in (agents working one of them are offered its calls first within a tier). */
  leadCampaigns: (leadId: string) => Promise<string[]>;
  options: InboundOptions;
};

type Row = typeof inboundCalls.$inferSelect;
const OPEN: InboundState[] = ['waiting', 'offered', 'ringing_out'];
/** The most open calls one pass looks at; more wait for the next pass, a second later. */
const PASS_LIMIT = 100;

export function createInboundService(deps: InboundDeps) {
  const { db, clock, options: o } = deps;
  const presence = deps.agents.presence;

  /** The team's hours, or null (always open) for a call without a team. */
  async function hoursFor(teamId: string | null): Promise<InboundHours | null> {
    return teamId ? ((await deps.users.hoursOf([teamId])).get(teamId) ?? null) : null;
  }

  /** Free agents with what routing needs of them, longest free first. */
  async function freeAgents(): Promise<{ agents: FreeAgent[]; signedIn: number; teamOpen: (teamId: string | null) => boolean }> {
    const { free, signedIn } = await presence.free();
    const info = await deps.users.floorInfo(free.map((p) => p.userId));
    const agents = free.flatMap((p) => {
      const u = info.get(p.userId);
      return u?.active ? [{ userId: p.userId, since: p.since, teamId: u.teamId, languages: u.languages, phone: u.phone, campaignId: p.campaignId }] : [];
    });
    const hours = await deps.users.hoursOf([...new Set(agents.flatMap((a) => (a.teamId ? [a.teamId] : [])))]);
    const now = clock.now();
    return { agents, signedIn, teamOpen: (teamId) => !teamId || isOpen(hours.get(teamId) ?? null, now) };
  }

  /** The caller as a lead: found by number, else created (a second node creating it at once finds the first's). */
  async function callerLead(phone: string, line: string) {
    const found = await deps.leads.calls.caller(phone);
    if (found) return { ...found, created: false };
    try {
      const lead = await deps.leads.create(
        SYSTEM_ACTOR,
        { name: `Caller ${phone}`, phone, metadata: { calledLine: line } },
        { source: 'inbound', externalId: null },
      );
      return { id: lead.id, name: lead.name, phone: lead.phone, ownerId: lead.ownerId, language: lead.language, created: true };
    } catch (err) {
      const again = await deps.leads.calls.caller(phone);
      if (again) return { ...again, created: false };
      if (err instanceof Error && 'code' in err && err.code === LeadErrors.LEAD_PHONE_INVALID().code) throw InboundErrors.INBOUND_CALLER_INVALID();
      throw err;
    }
  }

  const answerFor = (row: Row, action: IncomingAnswer['action'], phones: string[]): IncomingAnswer => {
    const language = row.language as CallerLanguage;
    const text = callerText(language);
    const message = action === 'closed' ? (row.missedReason === 'closed' ? text.closed : text.noAgent) : greeting(language, o.record);
    return { callId: row.callId, language, action, message, phones, ringSeconds: o.ringSeconds, record: o.record };
  };

  /**
   * Settles a call as missed in `tx`: frees the agent it rang for, and owes the caller a callback
   * (their owner's, else the team's queue), due within the SLA. Returns whether it was still open.
   */
  /**
   * What settling these calls as missed needs from outside the transaction: their owners and their
   * teams' hours, read before it opens (on the embedded database a read outside an open
   * transaction waits for it to end).
   */
  type MissContext = { owners: Map<string, { id: string; active: boolean }>; hours: Map<string, InboundHours | null> };
  async function missContext(rows: { ownerId: string | null; teamId: string | null }[]): Promise<MissContext> {
    const ownerIds = [...new Set(rows.flatMap((r) => (r.ownerId ? [r.ownerId] : [])))];
    const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
    const [owners, hours] = await Promise.all([
      ownerIds.length > 0 ? deps.users.floorInfo(ownerIds) : Promise.resolve(new Map()),
      teamIds.length > 0 ? deps.users.hoursOf(teamIds) : Promise.resolve(new Map<string, InboundHours | null>()),
    ]);
    return { owners, hours };
  }

  async function miss(tx: Db, row: Row, reason: MissedReason, now: Date, ctx: MissContext): Promise<boolean> {
    if (!OPEN.includes(row.state as InboundState) && row.state !== 'missed') return false;
    if (row.offeredTo) await releaseOffer(tx, row.offeredTo, row.callId);
    const owner = row.ownerId ? ctx.owners.get(row.ownerId) : undefined;
    const from = reason === 'closed' ? (nextOpening(row.teamId ? (ctx.hours.get(row.teamId) ?? null) : null, now) ?? now) : now;
    const { time } = wallClock(row.arrivedAt, o.timeZone);
    const why = { closed: 'outside hours', no_agent: 'nobody was free to answer', caller_left: 'hung up before anyone answered' }[reason];
    await deps.agents.callbacks.addMissed(tx, {
      leadId: row.leadId,
      agentId: owner?.active ? owner.id : null,
      teamId: row.teamId,
      callId: row.callId,
      dueAt: new Date(from.getTime() + o.callbackSlaMinutes * 60_000),
      notes: `Rang ${row.line} at ${time}: ${why}.`,
    });
    await tx
      .update(inboundCalls)
      .set({ state: 'missed', missedReason: reason, settledAt: now, offeredTo: null, offerExpiresAt: null })
      .where(eq(inboundCalls.callId, row.callId));
    return true;
  }

  /** The agent rung for this call goes back to available (only if it still rings them with it). */
  async function releaseOffer(tx: Db, agentId: string, callId: string) {
    await presence.change(agentId, (p) => (p.state === 'ringing' && p.callId === callId ? { state: 'available' } : null), tx);
  }

  /** After a change: the call's outcome for missed calls, and everyone watching told. */
  async function after(changes: { callId: string; state: InboundState; giveUp?: boolean; language?: CallerLanguage }[]) {
    for (const c of changes) {
      if (c.state === 'missed') {
        if (c.giveUp) {
          const text = callerText(c.language ?? 'en');
          await deps.calls.giveUp(c.callId, { text: text.noAgent, language: c.language ?? 'en' });
        }
        await deps.calls.systemOutcome(c.callId, 'missed_call');
      }
      await deps.calls.published(c.callId);
      await deps.bus.publish('inbound.updated', { callId: c.callId, state: c.state });
      // The offer rings out then: the next pass on this node takes it back (the pass every second catches any other).
      if (c.state === 'offered') later(o.ringSeconds * 1000);
    }
  }

  /** One pass over the open calls: settle the ended, take back the offers that rang out, offer the waiting. */
  async function pass(): Promise<void> {
    const [any] = await db.select({ id: inboundCalls.callId }).from(inboundCalls).where(inArray(inboundCalls.state, OPEN)).limit(1);
    if (!any) return;
    const now = clock.now();
    const floor = await freeAgents();
    const taken = new Set<string>();
    // Everything the pass reads of other modules is read before its transaction opens (see missContext).
    const seen: Row[] = await db.select().from(inboundCalls).where(inArray(inboundCalls.state, OPEN)).orderBy(asc(inboundCalls.arrivedAt)).limit(PASS_LIMIT);
    const [statuses, ctx, campaigns] = await Promise.all([
      deps.calls.statuses(seen.map((r) => r.callId)),
      missContext(seen),
      Promise.all(seen.map(async (r) => [r.leadId, await deps.leadCampaigns(r.leadId)] as const)).then((pairs) => new Map(pairs)),
    ]);
    const changes = await db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(inboundCalls)
        .where(inArray(inboundCalls.state, OPEN))
        .orderBy(asc(inboundCalls.arrivedAt))
        .limit(PASS_LIMIT)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return [];
      const out: Parameters<typeof after>[0] = [];
      for (const row of rows) {
        // Arrived since the reads above: the next pass takes it.
        if (!seen.some((r) => r.callId === row.callId)) continue;
        const status = statuses.get(row.callId);
        if (!status || isTerminalStatus(status)) {
          // The caller hung up (or the provider rang every number) with nobody on the call.
          if (await miss(tx, row, row.state === 'ringing_out' ? 'no_agent' : 'caller_left', now, ctx)) out.push({ callId: row.callId, state: 'missed' });
          continue;
        }
        if (row.state === 'ringing_out') continue;
        let current = row;
        if (row.state === 'offered' && row.offerExpiresAt && row.offerExpiresAt <= now) {
          if (row.offeredTo) await releaseOffer(tx, row.offeredTo, row.callId);
          const tried = row.offeredTo ? [...new Set([...row.tried, row.offeredTo])] : row.tried;
          [current = row] = await tx
            .update(inboundCalls)
            .set({ state: 'waiting', offeredTo: null, offerExpiresAt: null, tried })
            .where(eq(inboundCalls.callId, row.callId))
            .returning();
          out.push({ callId: row.callId, state: 'waiting' });
        }
        if (current.state !== 'waiting') continue;
        if (now.getTime() - current.arrivedAt.getTime() >= o.maxWaitSeconds * 1000) {
          await miss(tx, current, 'no_agent', now, ctx);
          out.push({ callId: row.callId, state: 'missed', giveUp: true, language: current.language as CallerLanguage });
          continue;
        }
        const campaignIds = campaigns.get(current.leadId) ?? [];
        const ranked = rankAgents({ ...current, campaignIds }, floor.agents, { exclude: new Set([...current.tried, ...taken]), teamOpen: floor.teamOpen });
        for (const agent of ranked) {
          taken.add(agent.userId);
          const rang = await presence.change(
            agent.userId,
            (p) => (p.state === 'available' && !p.callId && !p.next ? { state: 'ringing', callId: row.callId } : null),
            tx,
          );
          if (!rang.changed) continue;
          await tx
            .update(inboundCalls)
            .set({ state: 'offered', offeredTo: agent.userId, offerExpiresAt: new Date(now.getTime() + o.ringSeconds * 1000) })
            .where(eq(inboundCalls.callId, row.callId));
          out.push({ callId: row.callId, state: 'offered' });
          break;
        }
      }
      return out;
    });
    await after(changes);
  }

  // One pass at a time on this node; a request for another while one runs makes one more after it.
  let running: Promise<void> | null = null;
  let again = false;
  function route(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  }
  const kick = () => {
    route().catch((err: unknown) => deps.logger.error({ err }, 'inbound routing pass failed'));
  };
  // An agent coming free may take a waiting caller at once, not at the next pass; a caller hanging
  // up while waiting is settled at once (the call.ended reaction and the pass every second catch the rest).
  deps.bus.subscribe('agent.presence', ({ presence }) => {
    if (presence.state === 'available' && !presence.callId) kick();
  });
  deps.bus.subscribe('call.updated', ({ call }) => {
    if (call.direction === 'inbound' && !call.agentId && isTerminalStatus(call.status)) kick();
  });
  /** A pass once `ms` have gone by (a timer that does not keep the process up). */
  function later(ms: number) {
    setTimeout(kick, ms + 50).unref();
  }

  async function find(callId: string, tx: Db = db, lock = false): Promise<Row | undefined> {
    const q = tx.select().from(inboundCalls).where(eq(inboundCalls.callId, callId)).limit(1);
    const [row] = lock ? await q.for('update') : await q;
    return row;
  }

  async function byProviderCall(providerCallId: string): Promise<Row | undefined> {
    const callId = await deps.calls.callIdOf(providerCallId);
    return callId ? find(callId) : undefined;
  }

  const hooks: InboundHooks = {
    async arrive(call: IncomingCall): Promise<IncomingAnswer> {
      const now = clock.now();
      const phone = normalizePhone(call.from);
      if (!phone.ok) {
        deps.logger.warn({ from: call.from, providerCallId: call.providerCallId }, 'inbound call from a number that cannot be called back');
        return { callId: '', language: 'en', action: 'closed', message: callerText('en').withheld, phones: [], ringSeconds: o.ringSeconds, record: false };
      }
      const lead = await callerLead(phone.e164, call.to);
      const owner = lead.ownerId ? (await deps.users.floorInfo([lead.ownerId])).get(lead.ownerId) : undefined;
      const teamId = owner?.active ? owner.teamId : null;
      const open = isOpen(await hoursFor(teamId), now);
      const numbers = deps.provider.inbound === 'numbers';
      // Only a provider that rings numbers needs the free agents now; a queue needs to know someone is signed in.
      const floor = numbers ? await freeAgents() : { agents: [], signedIn: (await presence.free()).signedIn, teamOpen: () => true };
      const ranked = numbers
        ? rankAgents({ ownerId: lead.ownerId, teamId, language: lead.language, campaignIds: await deps.leadCampaigns(lead.id) }, floor.agents, {
            exclude: new Set(),
            teamOpen: floor.teamOpen,
          })
        : [];
      const phones = ranked.flatMap((a) => (a.phone ? [a.phone] : []));
      const missed: MissedReason | null = !open ? 'closed' : floor.signedIn === 0 || (numbers && phones.length === 0) ? 'no_agent' : null;
      const state: InboundState = missed ? 'missed' : numbers ? 'ringing_out' : 'waiting';
      const ctx = await missContext([{ ownerId: owner?.active ? owner.id : null, teamId }]);
      const { row, created } = await db.transaction(async (tx) => {
        const recorded = await deps.calls.recordInbound(tx, {
          leadId: lead.id,
          providerCallId: call.providerCallId,
          line: call.to,
          from: call.from,
          record: o.record,
          at: now,
        });
        if (!recorded.created) {
          const existing = await find(recorded.callId, tx);
          if (existing) return { row: existing, created: false };
        }
        const [inserted] = await tx
          .insert(inboundCalls)
          .values({
            callId: recorded.callId,
            leadId: lead.id,
            ownerId: owner?.active ? owner.id : null,
            teamId,
            language: callerLanguage(lead.language),
            newLead: lead.created,
            line: call.to,
            state: missed ? 'waiting' : state,
            arrivedAt: now,
          })
          .onConflictDoNothing()
          .returning();
        const row = inserted ?? (await find(recorded.callId, tx));
        if (!row) throw new Error('inbound call not stored');
        if (missed && inserted) await miss(tx, row, missed, now, ctx);
        await deps.audit.record(SYSTEM_ACTOR, { action: 'call.inbound', entityType: 'call', entityId: row.callId, details: { leadId: lead.id, state } }, tx);
        return { row: { ...row, state: missed && inserted ? 'missed' : row.state, missedReason: missed ?? row.missedReason }, created: Boolean(inserted) };
      });
      if (created) {
        await after([{ callId: row.callId, state: row.state as InboundState }]);
        if (row.state === 'waiting') {
          kick();
          later(o.maxWaitSeconds * 1000);
        }
      }
      const action: IncomingAnswer['action'] = row.state === 'missed' ? 'closed' : row.state === 'ringing_out' ? 'ring' : 'queue';
      return answerFor(row, action, action === 'ring' ? phones : []);
    },

    async waiting(providerCallId: string) {
      const row = await byProviderCall(providerCallId);
      if (!row || (row.state !== 'waiting' && row.state !== 'offered')) return null;
      const [ahead] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(inboundCalls)
        .where(and(inArray(inboundCalls.state, ['waiting', 'offered']), sql`${inboundCalls.arrivedAt} < ${row.arrivedAt}`));
      const position = Number(ahead?.n ?? 0) + 1;
      const language = row.language as CallerLanguage;
      return { callId: row.callId, position, language, message: callerText(language).position(position) };
    },

    async connected(providerCallId: string, agentPhone: string, at: Date) {
      const row = await byProviderCall(providerCallId);
      const agent = await deps.users.byPhone(agentPhone);
      if (!row || !agent) {
        deps.logger.warn({ providerCallId, known: Boolean(row), agentKnown: Boolean(agent) }, 'inbound call connected to a phone TeleHub cannot place');
        return;
      }
      const changed = await db.transaction(async (tx) => {
        const current = await find(row.callId, tx, true);
        if (!current || current.state === 'connected') return false;
        await deps.calls.takenBy(tx, row.callId, agent.id);
        await tx
          .update(inboundCalls)
          .set({ state: 'connected', agentId: agent.id, settledAt: at, missedReason: null })
          .where(eq(inboundCalls.callId, row.callId));
        return true;
      });
      if (changed) await after([{ callId: row.callId, state: 'connected' }]);
    },
  };

  function present(rows: Row[], briefs: Map<string, { name: string; phone: string }>): InboundCall[] {
    const now = clock.now().getTime();
    return rows.map((r) => ({
      callId: r.callId,
      leadId: r.leadId,
      leadName: briefs.get(r.leadId)?.name ?? '',
      leadPhone: briefs.get(r.leadId)?.phone ?? '',
      ownerId: r.ownerId,
      teamId: r.teamId,
      language: r.language === 'hi' ? 'hi' : 'en',
      line: r.line,
      state: r.state as InboundState,
      offeredTo: r.offeredTo,
      offerExpiresAt: r.offerExpiresAt?.toISOString() ?? null,
      known: !r.newLead,
      arrivedAt: r.arrivedAt.toISOString(),
      waitedSeconds: Math.max(0, Math.round(((r.settledAt?.getTime() ?? now) - r.arrivedAt.getTime()) / 1000)),
      agentId: r.agentId,
      missedReason: (r.missedReason as MissedReason | null) ?? null,
    }));
  }

  /** Staff see the callers of their teams, and callers whose lead has no team. */
  const inScope = (actor: Actor, teams: Set<string> | null) => (r: Row) => actor.role === 'admin' || teams === null || r.teamId === null || teams.has(r.teamId);

  async function teamsOf(actor: Actor): Promise<Set<string> | null> {
    if (actor.role === 'admin') return null;
    return new Set((await deps.users.teamHours(actor)).map((t) => t.id));
  }

  const startOfToday = (now: Date) => {
    // Midnight in the zone: the wall clock's hours and minutes back from now.
    const { time } = wallClock(now, o.timeZone);
    const [h, m] = time.split(':').map(Number);
    return new Date(Math.floor(now.getTime() / 60_000) * 60_000 - ((h ?? 0) * 60 + (m ?? 0)) * 60_000);
  };

  return {
    hooks,
    route,
    kick,

    /** Settles the inbound calls among these that ended while still waiting or ringing out (the call.ended reaction). */
    async ended(callIds: string[]): Promise<void> {
      if (callIds.length === 0) return;
      const open = await db
        .select({ callId: inboundCalls.callId })
        .from(inboundCalls)
        .where(and(inArray(inboundCalls.callId, callIds), inArray(inboundCalls.state, OPEN)));
      if (open.length > 0) await route();
    },

    /** The agent takes the call their workspace rings with: the provider joins them to the caller. */
    async accept(actor: Actor, callId: string): Promise<Call> {
      await db.transaction(async (tx) => {
        const row = await find(callId, tx, true);
        if (!row) throw InboundErrors.INBOUND_CALL_NOT_FOUND();
        if (row.state !== 'offered' || row.offeredTo !== actor.id) throw InboundErrors.INBOUND_NOT_OFFERED();
        await tx.update(inboundCalls).set({ state: 'connected', agentId: actor.id, settledAt: clock.now() }).where(eq(inboundCalls.callId, callId));
      });
      try {
        const call = await deps.calls.bridge(actor, callId, actor.id);
        await deps.bus.publish('inbound.updated', { callId, state: 'connected' });
        return call;
      } catch (err) {
        // The caller hung up meanwhile, or the provider could not reach the agent: back in the queue without them.
        await db.transaction(async (tx) => {
          const row = await find(callId, tx, true);
          if (row?.state !== 'connected' || row.agentId !== actor.id) return;
          await tx
            .update(inboundCalls)
            .set({ state: 'waiting', agentId: null, settledAt: null, offeredTo: null, offerExpiresAt: null, tried: [...new Set([...row.tried, actor.id])] })
            .where(eq(inboundCalls.callId, callId));
          await releaseOffer(tx, actor.id, callId);
        });
        kick();
        throw err;
      }
    },

    /** The agent turns the call down: it is offered to the next. */
    async reject(actor: Actor, callId: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = await find(callId, tx, true);
        if (!row) throw InboundErrors.INBOUND_CALL_NOT_FOUND();
        if (row.state !== 'offered' || row.offeredTo !== actor.id) throw InboundErrors.INBOUND_NOT_OFFERED();
        await tx
          .update(inboundCalls)
          .set({ state: 'waiting', offeredTo: null, offerExpiresAt: null, tried: [...new Set([...row.tried, actor.id])] })
          .where(eq(inboundCalls.callId, callId));
        await releaseOffer(tx, actor.id, callId);
        await deps.audit.record(actor, { action: 'call.inbound_reject', entityType: 'call', entityId: callId }, tx);
      });
      await deps.bus.publish('inbound.updated', { callId, state: 'waiting' });
      await route();
    },

    /** The call offered to this agent now, if any (the workspace's pop after a reload). */
    async offeredTo(agentId: string): Promise<InboundCall | null> {
      const [row] = await db
        .select()
        .from(inboundCalls)
        .where(and(eq(inboundCalls.state, 'offered'), eq(inboundCalls.offeredTo, agentId)))
        .limit(1);
      if (!row) return null;
      const [item] = present([row], await deps.leads.calls.briefs([row.leadId]));
      return item ?? null;
    },

    /** The callers waiting now, and the last settled ones, in the actor's teams. */
    async queue(actor: Actor): Promise<InboundQueue> {
      const teams = await teamsOf(actor);
      const rows = (
        await db
          .select()
          .from(inboundCalls)
          .where(gte(inboundCalls.arrivedAt, new Date(clock.now().getTime() - 86_400_000)))
          .orderBy(sql`${inboundCalls.arrivedAt} desc`)
          .limit(500)
      ).filter(inScope(actor, teams));
      const open = rows.filter((r) => r.state === 'waiting' || r.state === 'offered' || r.state === 'ringing_out');
      const shown = [...open, ...rows.filter((r) => !open.includes(r)).slice(0, 20)];
      const items = present(shown, await deps.leads.calls.briefs(shown.map((r) => r.leadId)));
      const waitingItems = items.filter((i) => i.state === 'waiting' || i.state === 'offered' || i.state === 'ringing_out');
      return { items, waiting: waitingItems.length, longestWaitSeconds: Math.max(0, ...waitingItems.map((i) => i.waitedSeconds)) };
    },

    /** Today's inbound figures and per hour, in the actor's teams. */
    async stats(actor: Actor): Promise<InboundStats> {
      const now = clock.now();
      const since = startOfToday(now);
      const teams = await teamsOf(actor);
      const rows = (await db.select().from(inboundCalls).where(gte(inboundCalls.arrivedAt, since)).orderBy(asc(inboundCalls.arrivedAt))).filter(
        inScope(actor, teams),
      );
      const target = o.serviceLevelSeconds * 1000;
      const figures = (rs: Row[]) => {
        const answered = rs.filter((r) => r.state === 'connected');
        const missed = rs.filter((r) => r.state === 'missed');
        const closed = missed.filter((r) => r.missedReason === 'closed').length;
        const within = answered.filter((r) => r.settledAt && r.settledAt.getTime() - r.arrivedAt.getTime() <= target).length;
        // Callers still waiting within the target may yet be answered in time: not counted until then.
        const undecided = rs.filter((r) => OPEN.includes(r.state as InboundState) && now.getTime() - r.arrivedAt.getTime() <= target).length;
        const inHours = rs.length - closed - undecided;
        return {
          calls: rs.length,
          answered: answered.length,
          answeredWithinTarget: within,
          missed: missed.length,
          closed,
          serviceLevel: inHours > 0 ? within / inHours : null,
          missedRate: rs.length > 0 ? missed.length / rs.length : null,
        };
      };
      const byHour = new Map<number, Row[]>();
      for (const r of rows) {
        const h = since.getTime() + Math.floor((r.arrivedAt.getTime() - since.getTime()) / 3_600_000) * 3_600_000;
        byHour.set(h, [...(byHour.get(h) ?? []), r]);
      }
      const open = rows.filter((r) => r.state === 'waiting' || r.state === 'offered' || r.state === 'ringing_out');
      const overdue = (await deps.agents.callbacks.overdue(now)).filter(
        (c) => c.source === 'missed_call' && (teams === null || c.teamId === null || teams.has(c.teamId)),
      );
      return {
        targetSeconds: o.serviceLevelSeconds,
        today: figures(rows),
        hours: [...byHour.entries()].map(([h, rs]) => ({ hour: new Date(h).toISOString(), ...figures(rs) })),
        waiting: open.length,
        longestWaitSeconds: Math.max(0, ...open.map((r) => Math.round((now.getTime() - r.arrivedAt.getTime()) / 1000))),
        callbacksOverdue: overdue.length,
      };
    },

    /** Missed callers waiting in the team's queue (no owner to call them): the agent's team, or the teams staff lead. */
    async teamCallbacks(actor: Actor) {
      const teams =
        actor.role === 'telecaller'
          ? actor.teamId
            ? [actor.teamId]
            : []
          : [...((await teamsOf(actor)) ?? (await deps.users.teamHours(actor)).map((t) => t.id))];
      return deps.agents.callbacks.teamQueue(teams);
    },

    /** An agent takes a missed caller from their team's queue: the callback is theirs from now. */
    async claim(actor: Actor, callbackId: string) {
      const row = await deps.agents.callbacks.find(callbackId);
      const teams = actor.role === 'telecaller' ? new Set(actor.teamId ? [actor.teamId] : []) : await teamsOf(actor);
      const inTeam = row?.teamId ? teams === null || teams.has(row.teamId) : true;
      if (!row || row.status !== 'pending' || row.source !== 'missed_call' || !inTeam) throw InboundErrors.CALLBACK_NOT_IN_TEAM();
      if (!(await deps.agents.callbacks.claim(callbackId, actor.id))) throw InboundErrors.CALLBACK_TAKEN();
      await deps.audit.record(actor, { action: 'callback.claim', entityType: 'callback', entityId: callbackId });
      const [item] = await deps.agents.callbacks.present([{ ...row, agentId: actor.id }]);
      if (!item) throw InboundErrors.CALLBACK_NOT_IN_TEAM();
      return item;
    },

    /** The teams the actor leads (all for admins) with their hours and whether they are open now. */
    async hours(actor: Actor) {
      const now = clock.now();
      return (await deps.users.teamHours(actor)).map((t) => ({ teamId: t.id, teamName: t.name, hours: t.hours, openNow: isOpen(t.hours, now) }));
    },

    async setHours(actor: Actor, teamId: string, hours: InboundHours | null) {
      const team = (await deps.users.teamHours(actor)).find((t) => t.id === teamId);
      if (!team) throw InboundErrors.INBOUND_TEAM_FORBIDDEN();
      if (actor.role !== 'admin' && team.managerId !== actor.id) throw InboundErrors.INBOUND_TEAM_FORBIDDEN();
      if (hours && !isValidZone(hours.timezone))
        throw InboundErrors.INBOUND_HOURS_INVALID(`timezone: "${hours.timezone}" is not a time zone (e.g. Asia/Kolkata)`);
      await deps.users.setTeamHours(actor, teamId, hours);
      const now = clock.now();
      return { teamId, teamName: team.name, hours, openNow: isOpen(hours, now) };
    },

    /** Inbound calls are lead data: they follow a merge and leave with an erased person. */
    dataHolder: {
      name: 'inbound_calls',
      tables: ['inbound_calls'],
      async move(tx, fromId, toId) {
        return (await tx.update(inboundCalls).set({ leadId: toId }).where(eq(inboundCalls.leadId, fromId)).returning({ id: inboundCalls.callId })).map(
          (r) => r.id,
        );
      },
      async restore(tx, undo, fromId) {
        const ids = undo as string[];
        if (ids.length > 0) await tx.update(inboundCalls).set({ leadId: fromId }).where(inArray(inboundCalls.callId, ids));
      },
      async export(lead) {
        const rows = await db.select().from(inboundCalls).where(eq(inboundCalls.leadId, lead.id)).orderBy(asc(inboundCalls.arrivedAt));
        return rows.map((r) => ({ arrivedAt: r.arrivedAt.toISOString(), line: r.line, state: r.state, missedReason: r.missedReason }));
      },
      async erase(tx, lead) {
        await tx.delete(inboundCalls).where(eq(inboundCalls.leadId, lead.id));
      },
    } satisfies LeadDataHolder,
  };
}

export type InboundService = ReturnType<typeof createInboundService>;

/** Whether an inbound call of this lead rings for this agent now: they may open the lead meanwhile (the leads module asks). */
export function createInboundEngagement(deps: { db: Db }) {
  return async (agentId: string, leadId: string): Promise<boolean> => {
    const [row] = await deps.db
      .select({ id: inboundCalls.callId })
      .from(inboundCalls)
      .where(and(eq(inboundCalls.state, 'offered'), eq(inboundCalls.offeredTo, agentId), eq(inboundCalls.leadId, leadId)))
      .limit(1);
    return Boolean(row);
  };
}
