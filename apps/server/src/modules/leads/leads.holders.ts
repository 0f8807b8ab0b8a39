/**
 * Lead data holders: every module that keeps data about a lead (calls, callbacks, consents,
 * campaign memberships, write-back messages, alerts, import rejects, and the lead base itself)
 * registers one, so that the lead's data follows it when two leads are merged, can be handed to
 * the person (DPDP access), and can be erased (DPDP erasure). A test fails for any table that
 * refers to a lead without a holder naming it.
 */
import type { Db } from '../../platform/db/client.js';

/** What a holder needs to find a person's data: the lead's id, and the phone and email some keep by value. */
export type LeadRef = { id: string; phone: string; email: string | null };

export type LeadDataHolder = {
  /** Names the holder in merge snapshots and in an export. */
  name: string;
  /** The tables where the holder keeps data about a lead. */
  tables: readonly string[];
  /** Moves everything of `fromId` to `toId` inside `tx` (a merge); returns what `restore` needs. */
  move(tx: Db, fromId: string, toId: string): Promise<unknown>;
  /** Puts back what `move` moved (a merge undone). */
  restore(tx: Db, undo: unknown, fromId: string, toId: string): Promise<void>;
  /** What the holder keeps about the lead, as plain JSON for the person to read. */
  export(lead: LeadRef): Promise<unknown>;
  /**
   * Erases the person's data inside `tx`: deletes it, or blanks what must stay for counts and
   * records (a call happened; its words and number are gone). Work outside the database (files)
   * goes as a domain event in `tx`, so it is retried until it is done.
   */
  erase(tx: Db, lead: LeadRef): Promise<void>;
  /**
   * For a holder of a user's pending work on leads (callbacks): what the user holds, and moving
   * it to `toId` (null: the queue of `teamId`) inside `tx`, when the user leaves.
   */
  handOver?: {
    count(db: Db, userId: string): Promise<number>;
    move(tx: Db, v: { fromId: string; toId: string | null; teamId: string | null }): Promise<number>;
  };
};

export function createLeadDataHolders() {
  const holders: LeadDataHolder[] = [];
  return {
    add(holder: LeadDataHolder) {
      if (holders.some((h) => h.name === holder.name)) throw new Error(`A lead data holder named ${holder.name} is already registered`);
      holders.push(holder);
    },
    all: (): readonly LeadDataHolder[] => holders,
  };
}

export type LeadDataHolders = ReturnType<typeof createLeadDataHolders>;
