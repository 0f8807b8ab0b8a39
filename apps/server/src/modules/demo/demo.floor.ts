/**
 * The demo floor: virtual telecallers work the demo leads through the simulator, so the command
 * center is alive on first start. Each tick reads every virtual agent's state from the database
 * and takes the next step (start the shift, dial the next lead, take a caller ringing in, wrap up,
 * take or end a break),
 * so it survives restarts and runs on whichever node holds the scheduler lease. It uses the same
 * services as a person would, so the compliance gates apply: outside calling hours the virtual
 * agents wait.
 */
import type { Call, CallStatus, Presence } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logging.js';

export type FloorAgent = { id: string; teamId: string | null };

export type FloorDeps = {
  clock: Clock;
  logger: Logger;
  agents: () => Promise<FloorAgent[]>;
  presence: { get(userId: string): Promise<Presence>; set(userId: string, state: 'available' | 'break', opts?: { reason?: string | null }): Promise<Presence> };
  next: (actor: Actor) => Promise<{ lead: { id: string } | null }>;
  start: (actor: Actor, body: { leadId: string }) => Promise<Call>;
  status: (actor: Actor, callId: string) => Promise<{ status: CallStatus; answeredAt: string | null }>;
  dispose: (actor: Actor, callId: string, body: { disposition: string; notes?: string; callbackAt?: string }) => Promise<unknown>;
  /** Inbound: the call ringing for the agent (their workspace would pop), and taking it. */
  offer?: (agentId: string) => Promise<{ callId: string } | null>;
  accept?: (actor: Actor, callId: string) => Promise<unknown>;
  random?: () => number;
  /** Seconds of wrap-up, break length, the chance of a break after a call, and seconds a caller rings before the agent picks up. */
  pace?: { wrapUpSeconds: number; breakSeconds: number; breakChance: number; answerSeconds?: number };
};

const OUTCOMES: [string, number][] = [
  ['interested', 30],
  ['callback', 25],
  ['not_interested', 28],
  ['converted', 10],
  ['wrong_number', 7],
];
const NOTES: Record<string, string[]> = {
  interested: ['Wants the fee structure on WhatsApp', 'Asked about the hostel', 'Will visit the campus on Saturday'],
  callback: ['Call back after 6 pm', 'Father decides; call tomorrow', 'Busy at work, call on Sunday'],
  not_interested: ['Joined another course', 'Fees too high for now', 'Not looking this year'],
  converted: ['Paid the registration fee', 'Enrolled for the January batch'],
  wrong_number: ['Number belongs to someone else'],
};
const BREAKS = ['tea', 'lunch', 'training'];

export function createDemoFloor(deps: FloorDeps) {
  const random = deps.random ?? Math.random;
  const pace = deps.pace ?? { wrapUpSeconds: 8, breakSeconds: 90, breakChance: 0.05 };
  /** Agents whose dial was refused (calling hours, nobody left to call) rest until then. */
  const restingUntil = new Map<string, number>();

  const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;
  function outcome(): string {
    const total = OUTCOMES.reduce((s, [, w]) => s + w, 0);
    let r = random() * total;
    for (const [code, w] of OUTCOMES) {
      r -= w;
      if (r <= 0) return code;
    }
    return 'interested';
  }

  async function step(agent: FloorAgent, now: number): Promise<string> {
    const actor: Actor = { id: agent.id, role: 'telecaller', teamId: agent.teamId };
    const p = await deps.presence.get(agent.id);
    const inState = (now - Date.parse(p.since)) / 1000;
    switch (p.state) {
      case 'offline':
        await deps.presence.set(agent.id, 'available');
        return 'shift started';
      case 'break':
        if (inState < pace.breakSeconds) return 'on break';
        await deps.presence.set(agent.id, 'available');
        return 'back from break';
      case 'ringing': {
        // A caller ringing in: picked up after a couple of rings, as a person would.
        if (!deps.offer || !deps.accept || inState < (pace.answerSeconds ?? 2)) return 'on a call';
        const offer = await deps.offer(agent.id);
        if (!offer) return 'on a call';
        await deps.accept(actor, offer.callId);
        return 'took an inbound call';
      }
      case 'on_call':
        return 'on a call';
      case 'wrap_up': {
        if (inState < pace.wrapUpSeconds || !p.callId) return 'wrapping up';
        const call = await deps.status(actor, p.callId);
        const code = call.answeredAt ? outcome() : 'no_answer';
        const callbackAt = code === 'callback' ? new Date(now + (18 + Math.floor(random() * 30)) * 3600_000).toISOString() : undefined;
        await deps.dispose(actor, p.callId, { disposition: code, notes: NOTES[code] ? pick(NOTES[code]) : undefined, callbackAt });
        if (random() < pace.breakChance) await deps.presence.set(agent.id, 'break', { reason: pick(BREAKS) });
        return `saved ${code}`;
      }
      case 'available': {
        if ((restingUntil.get(agent.id) ?? 0) > now) return 'resting';
        const next = await deps.next(actor);
        if (!next.lead) {
          restingUntil.set(agent.id, now + 5 * 60_000);
          return 'queue empty';
        }
        try {
          await deps.start(actor, { leadId: next.lead.id });
          return 'dialed';
        } catch (err) {
          if (err instanceof AppError && err.code === 'DIAL_BLOCKED') {
            restingUntil.set(agent.id, now + 60_000);
            return `blocked: ${String(err.extra?.reason ?? err.message)}`;
          }
          throw err;
        }
      }
    }
  }

  return {
    /** One step for every virtual agent; a failure of one does not stop the others. */
    async tick(): Promise<Record<string, string>> {
      const now = deps.clock.now().getTime();
      const out: Record<string, string> = {};
      for (const agent of await deps.agents()) {
        try {
          out[agent.id] = await step(agent, now);
        } catch (err) {
          deps.logger.warn({ err, agentId: agent.id }, 'demo floor step failed');
          out[agent.id] = 'error';
        }
      }
      return out;
    },
  };
}
