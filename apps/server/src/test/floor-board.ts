/** A floor board as a client keeps it from floorChanged patches, for tests of the live floor. */
import { expect } from 'vitest';

type Patch<A, C, T, D> = { seq: number; full: boolean; agents: A[]; removedAgentIds: string[]; liveCalls: C[]; endedCallIds: string[]; totals: T; today: D };

export type Board<A, C, T, D> = { agents: Map<string, A>; calls: Map<string, C>; totals: T | null; today: D | null; seq: number };

export const emptyBoard = <A, C, T, D>(): Board<A, C, T, D> => ({ agents: new Map(), calls: new Map(), totals: null, today: null, seq: -1 });

/** Applies a patch: a whole view starts over; any other must follow the last one by number. */
export function applyPatch<A extends { user: { id: string } }, C extends { id: string }, T, D>(
  board: Board<A, C, T, D>,
  p: Patch<A, C, T, D>,
): Board<A, C, T, D> {
  if (p.full) {
    board.agents.clear();
    board.calls.clear();
  } else expect(p.seq).toBe(board.seq + 1);
  board.seq = p.seq;
  for (const a of p.agents) board.agents.set(a.user.id, a);
  for (const id of p.removedAgentIds) board.agents.delete(id);
  for (const c of p.liveCalls) board.calls.set(c.id, c);
  for (const id of p.endedCallIds) board.calls.delete(id);
  board.totals = p.totals;
  board.today = p.today;
  return board;
}
