/**
 * Simulated callers for demos and tests, on the simulator only: at the configured rate, a lead
 * dialled in the last two days rings back (most do), or a number TeleHub has never seen rings.
 */
import type { Clock } from '../../platform/context.js';
import { seededRandom } from '../../platform/random.js';

export type CallerPicker = {
  /** Leads dialled since `since`, most recent first, with their phones. */
  recentLeads(since: Date, limit: number): Promise<{ phone: string }[]>;
  ring(from: string): Promise<unknown>;
};

/** Picks the next caller's number: a recently dialled lead four times in five, else a new Indian mobile number. */
export function createSimulatedCallers(deps: CallerPicker & { clock: Clock; seed?: number }) {
  const random = seededRandom(deps.seed ?? Date.now() % 2 ** 31);
  return {
    async ringOnce(): Promise<string> {
      const recent = await deps.recentLeads(new Date(deps.clock.now().getTime() - 2 * 86_400_000), 50);
      const known = recent[Math.floor(random() * recent.length)];
      const from = known && random() < 0.8 ? known.phone : `+919${String(Math.floor(random() * 1e9)).padStart(9, '0')}`;
      await deps.ring(from);
      return from;
    },
  };
}
