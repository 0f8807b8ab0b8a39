/**
 * The work a user holds that someone must take over when they leave (open leads, callbacks).
 * The modules owning that work register a step here, so the users module moves it inside the
 * deactivation's transaction without knowing their tables.
 */
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';

export type HandOverTarget = {
  actor: Actor;
  fromId: string;
  /** The colleague who takes over; null: the unassigned pool (unowned leads, the team's queue). */
  toId: string | null;
  /** The departing user's team, whose queue takes what goes to the pool. */
  teamId: string | null;
};

export type HandOverStep = {
  /** Names the step; its counts are keyed by kind (openLeads, callbacks). */
  name: string;
  /** What `userId` holds now, by kind (read through `db`, which may be the caller's transaction). */
  count(db: Db, userId: string): Promise<Record<string, number>>;
  /** Moves it inside `tx`; returns how much moved, by kind. */
  move(tx: Db, v: HandOverTarget): Promise<Record<string, number>>;
};

export function createHandOvers() {
  const steps: HandOverStep[] = [];
  const merge = (parts: Record<string, number>[]) => {
    const out: Record<string, number> = {};
    for (const p of parts) for (const [k, n] of Object.entries(p)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  // One step after the other: inside a transaction they share its one connection.
  return {
    add(step: HandOverStep) {
      if (steps.some((s) => s.name === step.name)) throw new Error(`A hand-over step named ${step.name} is already registered`);
      steps.push(step);
    },
    async count(db: Db, userId: string): Promise<Record<string, number>> {
      const parts: Record<string, number>[] = [];
      for (const s of steps) parts.push(await s.count(db, userId));
      return merge(parts);
    },
    async move(tx: Db, v: HandOverTarget): Promise<Record<string, number>> {
      const parts: Record<string, number>[] = [];
      for (const s of steps) parts.push(await s.move(tx, v));
      return merge(parts);
    },
  };
}

export type HandOvers = ReturnType<typeof createHandOvers>;
