/**
 * A discrete-event world for the dialer: the real services (pacer, queue, gates, call engine,
 * presence) on a real database, run on a simulated clock. Only what lies outside TeleHub is
 * simulated: the leads' phones (ring time, answer, no answer, failure, talk time) as a telephony
 * provider, and the telecallers (they save a disposition after the wrap-up time; in manual mode
 * they also take time to look up and dial each number). Used by the pacing tests and by
 * `npm run bench:dialer`.
 */
import { randomUUID } from 'node:crypto';
import type { DialMode } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import type { Timers } from '../modules/dialer/dialer.timers.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import { rowsOf } from '../platform/db/client.js';
import { createLogger } from '../platform/logging.js';
import { seededRandom as rng } from '../platform/random.js';
import type { DialRequest, EventSink, ProviderEvent, TelephonyProvider } from '../providers/telephony/index.js';
import { createServices, type Services } from '../services.js';
import { createTestDatabase } from './db.js';

export type WorldOptions = {
  agents: number;
  /** manual: the agents dial each lead by hand (a preview campaign with a dialling delay). */
  mode: DialMode | 'manual';
  ratio?: number;
  hours: number;
  /** The share of dials a person answers at this many ms into the shift. */
  answerRate: (atMs: number) => number;
  /** Of the dials nobody answers: the share that ring out (the rest fail). Default 50 / (50 + 20). */
  noAnswerShare?: number;
  ringSeconds?: [number, number];
  talkMeanSeconds?: number;
  wrapUpSeconds?: number;
  /** manual: seconds to find the next lead and dial it by hand. */
  manualDialSeconds?: number;
  /** Agents who leave the floor (go offline) at this many ms into the shift. */
  leave?: { atMs: number; agents: number };
  maxAbandonRate?: number;
  leads?: number;
  seed?: number;
};

export type WorldResult = {
  mode: string;
  agents: number;
  hours: number;
  dials: number;
  answered: number;
  abandoned: number;
  abandonRate: number;
  talkMinutesPerAgentHour: number;
  occupancy: number;
  dialsPerAgentHour: number;
  simulatedEvents: number;
  wallSeconds: number;
};

/** The event queue on the simulated clock. */
function createSimClock(startMs: number) {
  let now = startMs;
  let seq = 0;
  const heap: { at: number; seq: number; fn: () => void; live: boolean }[] = [];
  const up = (i: number) => {
    for (let j = i; j > 0; ) {
      const p = (j - 1) >> 1;
      const a = heap[j];
      const b = heap[p];
      if (!a || !b || b.at < a.at || (b.at === a.at && b.seq < a.seq)) break;
      heap[j] = b;
      heap[p] = a;
      j = p;
    }
  };
  const down = (i: number) => {
    for (let j = i; ; ) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      const less = (x: number, y: number) => {
        const a = heap[x];
        const b = heap[y];
        return a !== undefined && b !== undefined && (a.at < b.at || (a.at === b.at && a.seq < b.seq));
      };
      if (l < heap.length && less(l, m)) m = l;
      if (r < heap.length && less(r, m)) m = r;
      if (m === j) break;
      const t = heap[j];
      heap[j] = heap[m] as (typeof heap)[number];
      heap[m] = t as (typeof heap)[number];
      j = m;
    }
  };
  return {
    now: () => now,
    clock: { now: () => new Date(now) },
    at(atMs: number, fn: () => void) {
      const e = { at: Math.max(atMs, now), seq: seq++, fn, live: true };
      heap.push(e);
      up(heap.length - 1);
      return () => {
        e.live = false;
      };
    },
    /** The next live event, with the clock moved to it; undefined past `until`. */
    next(until: number) {
      while (heap.length > 0) {
        const top = heap[0] as (typeof heap)[number];
        if (top.at > until) return undefined;
        const last = heap.pop() as (typeof heap)[number];
        if (heap.length > 0) {
          heap[0] = last;
          down(0);
        }
        if (!top.live) continue;
        now = top.at;
        return top.fn;
      }
      return undefined;
    },
  };
}

/** Log-normal talk time with this mean and a coefficient of variation of about 0.66. */
function talkSeconds(random: () => number, mean: number) {
  const sigma = 0.6;
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  const z = Math.sqrt(-2 * Math.log(Math.max(1e-12, random()))) * Math.cos(2 * Math.PI * random());
  return Math.max(5, Math.exp(mu + sigma * z));
}

export async function runWorld(o: WorldOptions): Promise<WorldResult> {
  const started = performance.now();
  // One stream of draws per purpose (common random numbers): the n-th dial rings and is answered,
  // and the n-th conversation lasts, the same whatever the mode, so modes and pacers are compared
  // on the same luck rather than on whichever draws their different call orders happened to get.
  const seed = o.seed ?? 7;
  const dialLuck = rng(seed);
  const talkLuck = rng(seed + 1);
  const agentLuck = rng(seed + 2);
  const ring = o.ringSeconds ?? [5, 20];
  const wrapUp = o.wrapUpSeconds ?? 20;
  const talkMean = o.talkMeanSeconds ?? 180;
  const noAnswerShare = o.noAnswerShare ?? 50 / 70;
  // 10:00 India time today: the whole shift inside the calling hours.
  const today = new Date();
  const shiftStart = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), 4, 30);
  const sim = createSimClock(shiftStart);
  const end = shiftStart + o.hours * 3_600_000;
  const pending = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    const q = p.catch((err: unknown) => {
      if (process.env.WORLD_DEBUG) console.error('world step failed', err);
    });
    pending.add(q);
    void q.finally(() => pending.delete(q));
  };
  let events = 0;
  const timers: Timers = { after: (ms, fn) => sim.at(sim.now() + ms, fn) };

  // The leads' phones.
  let sink: EventSink = async () => undefined;
  type Line = { req: DialRequest; providerCallId: string; answered: boolean; bridged: boolean; ended: boolean; cancel: (() => void)[]; seq: number };
  const lines = new Map<string, Line>();
  const emit = (l: Line, e: Partial<ProviderEvent> & { status: ProviderEvent['status'] }) => {
    l.seq++;
    const event: ProviderEvent = {
      provider: 'simulator',
      providerEventId: `${l.providerCallId}:${l.seq}`,
      providerCallId: l.providerCallId,
      callId: l.req.callId,
      kind: 'status',
      occurredAt: new Date(sim.now()),
      raw: { status: e.status },
      ...e,
    };
    track(sink(event));
  };
  const finish = (l: Line, status: 'completed' | 'no_answer' | 'failed' | 'canceled', hangupBy: 'lead' | 'agent' | 'system', raw?: Record<string, unknown>) => {
    if (l.ended) return;
    l.ended = true;
    for (const c of l.cancel) c();
    lines.delete(l.providerCallId);
    emit(l, { status, hangupBy, ...(raw ? { raw: { status, ...raw } } : {}) });
  };
  const converse = (l: Line) => {
    l.cancel.push(sim.at(sim.now() + talkSeconds(talkLuck, talkMean) * 1000, () => finish(l, 'completed', 'lead')));
  };
  const provider: TelephonyProvider = {
    name: 'simulator',
    supervision: [],
    dialModes: ['agent_first', 'lead_first'],
    machineDetection: false,
    async dial(req) {
      const l: Line = { req, providerCallId: `W${randomUUID()}`, answered: false, bridged: false, ended: false, cancel: [], seq: 0 };
      lines.set(l.providerCallId, l);
      const ringMs = (ring[0] + dialLuck() * (ring[1] - ring[0])) * 1000;
      const r = dialLuck();
      const p = o.answerRate(sim.now() - shiftStart);
      l.cancel.push(
        sim.at(sim.now() + ringMs, () => {
          if (r < p) {
            l.answered = true;
            emit(l, { status: 'in_progress' });
            if (req.mode === 'agent_first') converse(l);
            // Nobody comes: the lead gives up after half a minute.
            else l.cancel.push(sim.at(sim.now() + 30_000, () => finish(l, 'completed', 'lead')));
          } else finish(l, (r - p) / (1 - p) < noAnswerShare ? 'no_answer' : 'failed', 'system');
        }),
      );
      return { providerCallId: l.providerCallId };
    },
    async bridge(call) {
      const l = lines.get(call.providerCallId);
      if (!l || !l.answered || l.bridged) return;
      l.bridged = true;
      for (const c of l.cancel.splice(0)) c();
      converse(l);
    },
    async abandon(call) {
      const l = lines.get(call.providerCallId);
      if (!l) return;
      for (const c of l.cancel.splice(0)) c();
      l.cancel.push(sim.at(sim.now() + 5_000, () => finish(l, 'completed', 'system', { abandonMessagePlayed: true })));
    },
    async hangup(call) {
      const l = lines.get(call.providerCallId);
      if (l) finish(l, l.answered ? 'completed' : 'canceled', l.bridged ? 'agent' : 'system');
    },
    async fetchRecording() {
      throw new Error('the world records nothing');
    },
  };

  const database = await createTestDatabase();
  const logger = createLogger({ level: process.env.WORLD_LOG ?? 'silent' });
  const config = loadConfig({
    LOG_LEVEL: 'silent',
    TELEHUB_DEMO: '0',
    TELEHUB_DATA_DIR: `/tmp/telehub-world-${process.pid}`,
    TELEHUB_RECORD_CALLS: '0',
    TELEHUB_MAX_ATTEMPTS_PER_DAY: '20',
    TELEHUB_CALLING_HOURS: '00:00-24:00',
  });
  const s: Services = await createServices({
    config,
    database: database.database,
    logger,
    clock: sim.clock,
    timers,
    telephony: async (ingest) => {
      sink = ingest;
      return provider;
    },
  });
  const db = database.database.db;

  // The floor: a team of agents, a campaign over a pool of leads.
  const team = await s.users.createTeam(SYSTEM_ACTOR, { name: 'Floor' });
  const agents: { id: string; role: 'telecaller'; teamId: string }[] = [];
  for (let i = 0; i < o.agents; i++) {
    const u = await s.users.create(SYSTEM_ACTOR, {
      email: `agent${i}@world.example`,
      name: `Agent ${i}`,
      role: 'telecaller',
      password: 'world-password-1',
      teamId: team.id,
    });
    agents.push({ id: u.id, role: 'telecaller', teamId: team.id });
  }
  const leadCount = o.leads ?? Math.max(2000, Math.round(o.agents * o.hours * 120));
  await db.execute(sql`
    insert into leads (name, phone) select 'World lead ' || g, '+9190' || lpad(g::text, 8, '0') from generate_series(1, ${leadCount}) g`);
  const manual = o.mode === 'manual';
  const campaign = await s.campaigns.create(SYSTEM_ACTOR, {
    name: `World ${o.mode}`,
    dialMode: o.mode === 'manual' ? 'preview' : o.mode,
    ratio: o.ratio ?? 2,
    maxAbandonRate: o.maxAbandonRate ?? 0.03,
    teamIds: [team.id],
    // The agents save their disposition themselves, after wrapUp seconds.
    wrapUpSeconds: 0,
  });
  await db.execute(sql`insert into campaign_members (campaign_id, lead_id) select ${campaign.id}, id from leads`);
  await s.campaigns.transition(SYSTEM_ACTOR, campaign.id, 'start');

  // The telecallers: wrap up after wrapUp seconds; in manual mode, dial the next lead by hand.
  const manualDial = (o.manualDialSeconds ?? 15) * 1000;
  const offline = new Set<string>();
  const dialNext = (agent: (typeof agents)[number]) =>
    sim.at(sim.now() + manualDial, () =>
      track(
        (async () => {
          if (offline.has(agent.id)) return;
          const held = await s.dialer.next(agent, campaign.id);
          if (held.leadId) await s.dialer.dial(agent, campaign.id, held.leadId);
        })(),
      ),
    );
  const byId = new Map(agents.map((a) => [a.id, a]));
  s.bus.subscribe('agent.presence', ({ presence }) => {
    const agent = byId.get(presence.userId);
    if (!agent) return;
    if (presence.state === 'wrap_up' && presence.callId) {
      const callId = presence.callId;
      sim.at(sim.now() + wrapUp * 1000, () =>
        track(s.calls.dispose(agent, callId, { disposition: agentLuck() < 0.3 ? 'interested' : 'not_interested' }).catch(() => undefined)),
      );
    } else if (manual && presence.state === 'available' && !offline.has(agent.id)) dialNext(agent);
  });
  for (const a of agents) await s.agents.workspace.setPresence(a, { state: 'available', campaignId: campaign.id });
  if (o.leave) {
    const leaving = agents.slice(0, o.leave.agents);
    // At the time, each asks to leave after the call they are on (or the lines dialled for them), as the workspace does.
    sim.at(shiftStart + o.leave.atMs, () => {
      for (const a of leaving) {
        offline.add(a.id);
        track(s.agents.workspace.setPresence(a, { state: 'offline', afterCall: true }));
      }
    });
  }

  s.dialer.engine.start();
  // Before the clock moves on, everything the last event set off must have finished: provider
  // events ingested, the pacer's reactions run, the agents' actions done. Two quiet turns in a row.
  const quiet = async () => {
    let calm = 0;
    while (calm < 2) {
      await new Promise((r) => setImmediate(r));
      if (pending.size > 0) {
        calm = 0;
        await Promise.all([...pending]);
      } else if (s.dialer.engine.busy()) {
        calm = 0;
        await s.dialer.engine.settled();
      } else calm++;
    }
  };
  for (;;) {
    const fn = sim.next(end);
    if (!fn) break;
    events++;
    fn();
    await quiet();
  }
  await s.dialer.engine.stop();

  // What the shift amounted to, read from the calls the engine recorded.
  const [row] = rowsOf<{ dials: number; answered: number; abandoned: number; talk: number; wrap: number }>(
    await db.execute(sql`
      select count(*)::int as dials,
        count(*) filter (where answered_at is not null)::int as answered,
        count(*) filter (where status = 'abandoned')::int as abandoned,
        coalesce(sum(extract(epoch from (least(coalesce(ended_at, ${new Date(end)}), ${new Date(end)}) - answered_at))) filter (where agent_id is not null and answered_at is not null), 0)::float as talk,
        coalesce(sum(extract(epoch from (least(coalesce(disposition_at, ${new Date(end)}), ${new Date(end)}) - ended_at))) filter (where agent_id is not null and answered_at is not null and ended_at is not null), 0)::float as wrap
      from calls where campaign_id = ${campaign.id}`),
  );
  if (process.env.WORLD_TRACE) {
    const ab = rowsOf<{ m: number; waited: number }>(
      await db.execute(
        sql`select round(extract(epoch from (created_at - ${new Date(shiftStart)})))::int as m, round(extract(epoch from (answered_at - ${new Date(shiftStart)})))::float as waited from calls where campaign_id = ${campaign.id} and status = 'abandoned' order by 1`,
      ),
    );
    console.error('abandons (dialled s / answered s)', ab.map((r) => `${r.m}/${r.waited}`).join(' '));
    const br = rowsOf<{ m: number; a: number }>(
      await db.execute(
        sql`select round(extract(epoch from (created_at - ${new Date(shiftStart)})))::int as m, round(extract(epoch from (answered_at - ${new Date(shiftStart)})))::int as a from calls where campaign_id = ${campaign.id} and agent_id is not null and created_at < ${new Date(shiftStart + 40_000)} order by 2`,
      ),
    );
    console.error('bridged in the first 40 s (dialled/answered)', br.map((r) => `${r.m}/${r.a}`).join(' '));
    // Each agent's idle gaps: from saving a call to the next one's answer.
    const gaps = rowsOf<{ g: number }>(
      await db.execute(sql`
        select extract(epoch from (answered_at - lag(disposition_at) over (partition by agent_id order by answered_at)))::float as g
        from calls where campaign_id = ${campaign.id} and agent_id is not null and answered_at is not null`),
    )
      .map((r) => r.g)
      .filter((g) => g !== null && Number.isFinite(g))
      .sort((a, b) => a - b);
    const q = (x: number) => gaps[Math.floor(x * (gaps.length - 1))]?.toFixed(1);
    const mean = gaps.reduce((a, b) => a + b, 0) / Math.max(1, gaps.length);
    console.error(`idle gaps: n=${gaps.length} mean=${mean.toFixed(1)} p10=${q(0.1)} p25=${q(0.25)} p50=${q(0.5)} p75=${q(0.75)} p90=${q(0.9)} p99=${q(0.99)}`);
  }
  await database.drop();
  const agentHours = o.agents * o.hours;
  const dials = Number(row?.dials ?? 0);
  const answered = Number(row?.answered ?? 0);
  const abandoned = Number(row?.abandoned ?? 0);
  const talk = Number(row?.talk ?? 0);
  return {
    mode: o.mode === 'power' ? `power ${o.ratio ?? 2}` : o.mode,
    agents: o.agents,
    hours: o.hours,
    dials,
    answered,
    abandoned,
    abandonRate: answered > 0 ? abandoned / answered : 0,
    talkMinutesPerAgentHour: talk / 60 / agentHours,
    occupancy: (talk + Number(row?.wrap ?? 0)) / (agentHours * 3600),
    dialsPerAgentHour: dials / agentHours,
    simulatedEvents: events,
    wallSeconds: (performance.now() - started) / 1000,
  };
}
