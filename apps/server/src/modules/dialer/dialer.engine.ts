/**
 * The pacer: one pacing loop per running campaign, under a lease so that one node paces it. Each
 * tick it reads the campaign's agents and lines, decides how many lines to dial (dialer.pacing),
 * leases that many due leads from the queue and places the calls through the call engine, whose
 * gates run before any dial. Answered lead-first calls go to a free agent of the campaign; with
 * none free within `answerWaitMs` the call is abandoned (the lead hears the safe-harbour message).
 * Every ended call moves its lead on by the campaign's retry rules (dialer.outcomes).
 */
import { type Call, type DialMode, isTerminalStatus, type Presence } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Leases } from '../../platform/jobs/leases.js';
import type { Logger } from '../../platform/logging.js';
import { isFree, type PresenceService } from '../agents/index.js';
import type { CallsService, CampaignCalls, CampaignLine } from '../calls/index.js';
import type { CampaignsService } from '../campaigns/index.js';
import type { BusyAgent } from './dialer.forecast.js';
import type { MeasuresService } from './dialer.measure.js';
import { outcomeOf, refusalOf } from './dialer.outcomes.js';
import { decide, type PacingDecision } from './dialer.pacing.js';
import type { Timers } from './dialer.timers.js';

type CampaignRow = NonNullable<Awaited<ReturnType<CampaignsService['row']>>>;

export type DialerOptions = {
  tickMs: number;
  /** How long an answered lead may wait for an agent before the call is abandoned. */
  answerWaitMs: number;
  /** The safe-harbour message, by language. */
  abandonMessage: { en: string; hi: string };
};

export type DialerDeps = {
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  timers: Timers;
  leases: Leases;
  /** Who holds queue leases from this node. */
  nodeId: string;
  campaigns: Pick<CampaignsService, 'running' | 'row' | 'queue'>;
  calls: Pick<CallsService, 'placeCall' | 'bridge' | 'abandon' | 'systemOutcome' | 'timeOutWrapUp' | 'hangup' | 'dispose'>;
  campaignCalls: Pick<CampaignCalls, 'lines' | 'byIds'>;
  presence: Pick<PresenceService, 'inCampaign' | 'wrappingUpInCampaigns' | 'change'>;
  measures: MeasuresService;
  options: DialerOptions;
};

export type PacingState = PacingDecision & { answerRate: number; at: number };

export function createDialer(deps: DialerDeps) {
  const { clock, logger, options } = deps;
  const leaseMs = Math.max(5_000, 5 * options.tickMs);
  /** Campaigns this node paces now. */
  const led = new Map<string, CampaignRow>();
  const chains = new Map<string, Promise<void>>();
  const pacing = new Map<string, PacingState>();
  /** Answered calls with a timer set to look for an agent again. */
  const waiting = new Map<string, () => void>();
  let pending = 0;
  let idleWaiters: (() => void)[] = [];
  let stopTick: (() => void) | null = null;
  let running = false;
  let ticks = 0;
  const unsubscribe: (() => void)[] = [];

  /** Runs `fn` after everything queued for the campaign: one thing at a time per campaign on this node. */
  function serial(campaignId: string, fn: () => Promise<void>): Promise<void> {
    pending++;
    const prev = chains.get(campaignId) ?? Promise.resolve();
    const next = prev
      .then(fn)
      .catch((err: unknown) => logger.error({ err, campaignId }, 'dialer step failed'))
      .finally(() => {
        pending--;
        if (chains.get(campaignId) === next) chains.delete(campaignId);
        if (pending === 0) {
          const w = idleWaiters;
          idleWaiters = [];
          for (const r of w) r();
        }
      });
    chains.set(campaignId, next);
    return next;
  }

  const longestFirst = (a: Presence, b: Presence) => a.since.localeCompare(b.since) || a.userId.localeCompare(b.userId);
  const free = (agents: Presence[]) => agents.filter(isFree).sort(longestFirst);
  /** Free agents on their way out: they wait only for the lines out that count on them. */
  const leaving = (agents: Presence[]) => agents.filter((a) => a.state === 'available' && !a.callId && a.next).sort(longestFirst);
  const unrouted = (lines: CampaignLine[]) => lines.filter((l) => l.leadFirst && !l.agentId).length;

  /** Agents on their way out go as soon as the agents who stay can take every line out. */
  async function letGo(campaignId: string, agents?: Presence[], lines?: CampaignLine[]) {
    const all = agents ?? (await deps.presence.inCampaign(campaignId));
    const going = leaving(all);
    if (going.length === 0) return false;
    let room = free(all).length + going.length - unrouted(lines ?? (await deps.campaignCalls.lines(campaignId)));
    let moved = false;
    for (const a of going) {
      if (room-- <= 0) break;
      const { changed } = await deps.presence.change(a.userId, (now) =>
        now.state === 'available' && !now.callId && now.next
          ? { state: now.next.state, reason: now.next.reason, campaignId: now.next.campaignId, next: null }
          : null,
      );
      moved ||= changed;
    }
    return moved;
  }

  /** An answered lead-first call: to a free agent, or after the wait, abandoned. */
  async function route(c: CampaignRow, line: Pick<CampaignLine, 'id' | 'answeredAt' | 'answeredBy'>) {
    if (line.answeredBy === 'machine') {
      await deps.calls.hangup(SYSTEM_ACTOR, line.id).catch((err: unknown) => logger.warn({ err, callId: line.id }, 'could not hang up on a machine'));
      await deps.calls.systemOutcome(line.id, 'answering_machine');
      return;
    }
    const agents = await deps.presence.inCampaign(c.id);
    // Those who stay first; one on the way out still takes a lead who answered rather than leave them to the message.
    for (const agent of [...free(agents), ...leaving(agents)]) {
      try {
        await deps.calls.bridge(SYSTEM_ACTOR, line.id, agent.userId);
        waiting.get(line.id)?.();
        waiting.delete(line.id);
        return;
      } catch (err) {
        // Not bridgeable any more (the lead hung up), or this agent was taken: try the next, or stop.
        if (err instanceof AppError && err.code === 'CALL_NOT_BRIDGEABLE') return;
        if (err instanceof AppError && (err.code === 'DIAL_BLOCKED' || err.code === 'PROVIDER_FAILED')) continue;
        throw err;
      }
    }
    const waited = clock.now().getTime() - (line.answeredAt?.getTime() ?? clock.now().getTime());
    if (waited >= options.answerWaitMs) {
      waiting.get(line.id)?.();
      waiting.delete(line.id);
      await deps.calls.abandon(line.id, { text: options.abandonMessage.en, language: 'en' });
      deps.measures.invalidate(c.id);
      return;
    }
    if (!waiting.has(line.id)) {
      waiting.set(
        line.id,
        deps.timers.after(options.answerWaitMs - waited, () => {
          waiting.delete(line.id);
          void serial(c.id, async () => {
            const [now] = await deps.campaignCalls.byIds([line.id]);
            if (now && now.status === 'in_progress' && !now.agentId)
              await route(c, { id: now.id, answeredAt: now.answeredAt ? new Date(now.answeredAt) : null, answeredBy: now.answeredBy });
          });
        }),
      );
    }
  }

  /** Moves the lead of an ended call on; an agentless machine or an unbridged person is recorded first. */
  async function settle(ended: Call) {
    let call = ended;
    if (!call.agentId && call.answeredAt && call.status === 'completed') {
      if (call.answeredBy === 'machine') await deps.calls.systemOutcome(call.id, 'answering_machine');
      else call = (await deps.calls.abandon(call.id, { text: options.abandonMessage.en, language: 'en' })) ?? call;
    }
    // A campaign call nobody answered needs no wrap-up: the agent is ready for the next one at once.
    if (call.agentId && call.wrapUpPending && !call.answeredAt && !call.disposition) {
      await deps.calls.dispose(SYSTEM_ACTOR, call.id, { disposition: 'not_connected' }).catch((err: unknown) => {
        if (!(err instanceof AppError && err.code === 'CALL_ALREADY_DISPOSED')) throw err;
      });
    }
    await deps.campaigns.queue.settleCall(call.id, outcomeOf(call));
  }

  async function dial(c: CampaignRow, decision: PacingDecision, agents: Presence[]) {
    const progressive = c.dialMode === 'progressive';
    const reserved = progressive ? free(agents) : [];
    const n = progressive ? Math.min(decision.lines, reserved.length) : decision.lines;
    if (n <= 0) return;
    const members = await deps.campaigns.queue.lease(c.id, n, deps.nodeId, { leaseMs: 60_000, rest: c.dialMode === 'predictive' });
    for (const [i, m] of members.entries()) {
      const agentId = progressive ? (reserved[i]?.userId ?? null) : null;
      try {
        const call = await deps.calls.placeCall(SYSTEM_ACTOR, {
          leadId: m.leadId,
          campaignId: c.id,
          agentId,
          mode: progressive ? 'agent_first' : 'lead_first',
          detectMachine: !progressive,
          reservedInCampaign: progressive,
        });
        await deps.campaigns.queue.attach(c.id, m.leadId, call.id);
      } catch (err) {
        const refusal = refusalOf(err, clock.now());
        if (!refusal) logger.warn({ err, campaignId: c.id, leadId: m.leadId }, 'dial failed');
        await deps.campaigns.queue.settleLead(c.id, m.leadId, refusal ?? { kind: 'retry', outcome: 'failed' });
      }
    }
  }

  async function tick(c: CampaignRow) {
    const now = clock.now();
    const rare = ticks % 10 === 0;
    if (rare) await deps.campaigns.queue.releaseExpired(c.id);
    let agents = await deps.presence.inCampaign(c.id);
    let open = await deps.campaignCalls.lines(c.id);
    let moved = false;
    if (c.wrapUpSeconds > 0) {
      for (const a of agents) {
        if (a.state !== 'wrap_up' || !a.callId || now.getTime() - new Date(a.since).getTime() < c.wrapUpSeconds * 1000) continue;
        await deps.calls.timeOutWrapUp(a.callId).catch((err: unknown) => logger.warn({ err, callId: a.callId }, 'wrap-up time-out not saved'));
        moved = true;
      }
    }
    for (const l of open) {
      if (!l.leadFirst || l.status !== 'in_progress' || l.agentId) continue;
      await route(c, l);
      moved = true;
    }
    // Now and then: attempts whose end this node did not hear (a restart, a lost event) are settled.
    if (rare) {
      const inFlight = await deps.campaigns.queue.inFlightCalls(c.id);
      for (const call of await deps.campaignCalls.byIds(inFlight.map((f) => f.callId))) if (isTerminalStatus(call.status)) await settle(call);
    }
    if (await letGo(c.id, moved ? undefined : agents, moved ? undefined : open)) moved = true;
    if (c.status !== 'running') return;
    if (moved) {
      agents = await deps.presence.inCampaign(c.id);
      open = await deps.campaignCalls.lines(c.id);
    }
    const after = agents;
    const m = await deps.measures.of(c);
    // An agent who asked to leave after their call is not coming free for this campaign.
    const busy: BusyAgent[] = after.flatMap((a) =>
      (a.state === 'on_call' || a.state === 'wrap_up' || a.state === 'ringing') && !a.next
        ? [{ state: a.state, elapsedSeconds: (now.getTime() - new Date(a.since).getTime()) / 1000 }]
        : [],
    );
    const decision = decide({
      mode: c.dialMode as DialMode,
      ratio: c.ratio,
      maxAbandonRate: c.maxAbandonRate,
      free: free(after).length,
      busy,
      ringing: open.filter((l) => l.leadFirst && l.status !== 'in_progress').length,
      waiting: open.filter((l) => l.leadFirst && l.status === 'in_progress' && !l.agentId).length,
      answerRate: m.answerRate,
      ringToAnswer: m.ringToAnswer,
      rings: m.rings,
      unanswered: m.unanswered,
      ringingAges: open.filter((l) => l.leadFirst && l.status !== 'in_progress').map((l) => (now.getTime() - l.createdAt.getTime()) / 1000),
      answerWaitSeconds: options.answerWaitMs / 1000,
      talk: m.talk,
      wrapUpSeconds: m.wrapUpSeconds,
      wraps: m.wraps,
      today: m.today,
      rolling30: m.rolling30,
    });
    pacing.set(c.id, { ...decision, answerRate: m.answerRate.estimate, at: now.getTime() });
    await dial(c, decision, after);
  }

  /**
   * Agents whose campaign's wrap-up timer ran out are made ready again (their call closed as
   * timed out), whatever became of the campaign since; one node at a time does it.
   */
  async function timeOutWrapUps() {
    if (!(await deps.leases.acquire('dialer:wrap-ups', 10 * leaseMs))) return;
    const now = clock.now().getTime();
    const rows = new Map<string, CampaignRow | undefined>();
    for (const a of await deps.presence.wrappingUpInCampaigns()) {
      if (!a.campaignId || !a.callId) continue;
      if (!rows.has(a.campaignId)) rows.set(a.campaignId, await deps.campaigns.row(a.campaignId));
      const c = rows.get(a.campaignId);
      // Campaigns paced here are timed by their tick; this catches the rest (stopped, paced by a node that died).
      if (!c || led.has(c.id) || c.wrapUpSeconds <= 0 || now - new Date(a.since).getTime() < c.wrapUpSeconds * 1000) continue;
      await deps.calls.timeOutWrapUp(a.callId).catch((err: unknown) => logger.warn({ err, callId: a.callId }, 'wrap-up time-out not saved'));
    }
  }

  let active: { at: number; rows: CampaignRow[] } = { at: 0, rows: [] };

  /**
   * One pass over the running campaigns: take or renew each one's lease (every other pass: a lease
   * lasts five), and tick the ones held, with their settings as they are now.
   */
  async function pass() {
    ticks++;
    if (ticks % 10 === 1) await timeOutWrapUps();
    // Read every pass: a campaign stopped or paused must not dial a moment longer.
    active = { at: clock.now().getTime(), rows: await deps.campaigns.running() };
    const seen = new Set<string>();
    for (const c of active.rows) {
      seen.add(c.id);
      if (led.has(c.id) && ticks % 2 === 0) led.set(c.id, c);
      else if (await deps.leases.acquire(`dialer:${c.id}`, leaseMs)) led.set(c.id, c);
      else {
        led.delete(c.id);
        continue;
      }
      void serial(c.id, () => tick(c));
    }
    for (const id of [...led.keys()]) {
      if (seen.has(id)) continue;
      led.delete(id);
      pacing.delete(id);
      await deps.leases.release(`dialer:${id}`);
    }
  }

  /** Reacts at once to what the ticks would see late: an answer, an end, an agent coming free. */
  function listen() {
    unsubscribe.push(
      deps.bus.subscribe('call.updated', ({ call }) => {
        if (!call.campaignId) return;
        const c = led.get(call.campaignId);
        if (isTerminalStatus(call.status)) {
          // Any node may settle (idempotent under the row's lock); the pacing node also frees its waits,
          // and paces at once: a line that ended unanswered is replaced now, not at the next tick.
          waiting.get(call.id)?.();
          waiting.delete(call.id);
          const campaignId = call.campaignId;
          void serial(campaignId, async () => {
            await settle(call);
            if (c) await tick(c);
            else await letGo(campaignId);
          });
        } else if (c && call.status === 'in_progress' && !call.agentId) {
          void serial(c.id, () => route(c, { id: call.id, answeredAt: call.answeredAt ? new Date(call.answeredAt) : null, answeredBy: call.answeredBy }));
        }
      }),
      deps.bus.subscribe('agent.presence', ({ presence }) => {
        const c = presence.campaignId ? led.get(presence.campaignId) : undefined;
        if (c && presence.state === 'available') void serial(c.id, () => tick(c));
      }),
    );
  }

  function schedule() {
    stopTick = deps.timers.after(options.tickMs, () => {
      if (!running) return;
      // Through the same queue as the rest, so settled() also waits for a pass under way.
      void serial('pass', pass).finally(() => {
        if (running) schedule();
      });
    });
  }

  return {
    start() {
      if (running) return;
      running = true;
      listen();
      schedule();
    },
    async stop() {
      running = false;
      stopTick?.();
      for (const u of unsubscribe.splice(0)) u();
      for (const cancel of waiting.values()) cancel();
      waiting.clear();
      await Promise.allSettled([...chains.values()]);
      for (const id of led.keys()) await deps.leases.release(`dialer:${id}`).catch(() => undefined);
      led.clear();
    },
    /** One pass now (tests, the benchmark). */
    pass,
    /** Resolves when nothing is queued for any campaign on this node. */
    settled(): Promise<void> {
      if (pending === 0) return Promise.resolve();
      return new Promise((r) => idleWaiters.push(r));
    },
    /** Whether anything is queued or running for a campaign on this node now. */
    busy: () => pending > 0,
    /** What the pacer decided last for a campaign it paces here (null elsewhere). */
    pacingOf: (campaignId: string): PacingState | null => pacing.get(campaignId) ?? null,
    leads: (campaignId: string) => led.has(campaignId),
  };
}

export type Dialer = ReturnType<typeof createDialer>;
