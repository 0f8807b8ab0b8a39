/**
 * Token budgets in the database, so that every node draws on the same day's and call's budget:
 * a request reserves its worst case in one transaction (refused when it would pass a budget),
 * then settles with what it really used. The conditional upserts lock the row they change, so
 * concurrent reservations on any number of nodes never overshoot together.
 */
import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { llmCallUsage, llmUsage } from './llm.tables.js';

export type Reservation = { day: string; callId: string | null; tokens: number };
export type Budgets = { call: number; day: number };
/** What a settled request used: tokens charged to the budgets, their split, its estimated cost. */
export type Spend = { tokens: number; promptTokens: number; completionTokens: number; cost: number; sent: boolean };

class Refused extends Error {
  constructor(readonly reason: 'call_budget' | 'day_budget') {
    super(reason);
  }
}

/** Holds `r.tokens` against the call's and the day's budgets, or says which one it would pass. */
export async function reserveTokens(db: Db, r: Reservation, budgets: Budgets): Promise<'ok' | 'call_budget' | 'day_budget'> {
  if (r.tokens > budgets.call) return 'call_budget';
  if (r.tokens > budgets.day) return 'day_budget';
  try {
    await db.transaction(async (tx) => {
      if (r.callId !== null) {
        const call = await tx
          .insert(llmCallUsage)
          .values({ callId: r.callId, reserved: r.tokens })
          .onConflictDoUpdate({
            target: llmCallUsage.callId,
            set: { reserved: sql`${llmCallUsage.reserved} + excluded.reserved`, updatedAt: sql`now()` },
            setWhere: sql`${llmCallUsage.tokens} + ${llmCallUsage.reserved} + excluded.reserved <= ${budgets.call}`,
          })
          .returning({ callId: llmCallUsage.callId });
        if (call.length === 0) throw new Refused('call_budget');
      }
      const day = await tx
        .insert(llmUsage)
        .values({ day: r.day, reserved: r.tokens })
        .onConflictDoUpdate({
          target: llmUsage.day,
          set: { reserved: sql`${llmUsage.reserved} + excluded.reserved`, updatedAt: sql`now()` },
          setWhere: sql`${llmUsage.tokens} + ${llmUsage.reserved} + excluded.reserved <= ${budgets.day}`,
        })
        .returning({ day: llmUsage.day });
      if (day.length === 0) throw new Refused('day_budget');
    });
  } catch (err) {
    if (err instanceof Refused) return err.reason;
    throw err;
  }
  return 'ok';
}

/**
 * Gives the reservation back and charges what the request really used. Rows are locked in the
 * order reserveTokens locks them (the call's, then the day's), so the two never deadlock.
 */
export async function settleTokens(db: Db, r: Reservation, spend: Spend): Promise<void> {
  const sent = spend.sent ? 1 : 0;
  await db.transaction(async (tx) => {
    if (r.callId !== null) {
      await tx
        .update(llmCallUsage)
        .set({
          reserved: sql`greatest(${llmCallUsage.reserved} - ${r.tokens}, 0)`,
          tokens: sql`${llmCallUsage.tokens} + ${spend.tokens}`,
          requests: sql`${llmCallUsage.requests} + ${sent}`,
          updatedAt: sql`now()`,
        })
        .where(eq(llmCallUsage.callId, r.callId));
    }
    await tx
      .update(llmUsage)
      .set({
        reserved: sql`greatest(${llmUsage.reserved} - ${r.tokens}, 0)`,
        tokens: sql`${llmUsage.tokens} + ${spend.tokens}`,
        promptTokens: sql`${llmUsage.promptTokens} + ${spend.promptTokens}`,
        completionTokens: sql`${llmUsage.completionTokens} + ${spend.completionTokens}`,
        requests: sql`${llmUsage.requests} + ${sent}`,
        cost: sql`${llmUsage.cost} + ${spend.cost}`,
        updatedAt: sql`now()`,
      })
      .where(eq(llmUsage.day, r.day));
  });
}

export type DayUsage = { day: string; tokens: number; reserved: number; promptTokens: number; completionTokens: number; requests: number; cost: number };

export async function dayUsage(db: Db, day: string): Promise<DayUsage> {
  const [row] = await db.select().from(llmUsage).where(eq(llmUsage.day, day));
  return {
    day,
    tokens: Number(row?.tokens ?? 0),
    reserved: Number(row?.reserved ?? 0),
    promptTokens: Number(row?.promptTokens ?? 0),
    completionTokens: Number(row?.completionTokens ?? 0),
    requests: row?.requests ?? 0,
    cost: row?.cost ?? 0,
  };
}

export async function callUsage(db: Db, callId: string): Promise<{ tokens: number; reserved: number; requests: number }> {
  const [row] = await db.select().from(llmCallUsage).where(eq(llmCallUsage.callId, callId));
  return { tokens: Number(row?.tokens ?? 0), reserved: Number(row?.reserved ?? 0), requests: row?.requests ?? 0 };
}

/** Forgets per-call usage untouched since `before` (the calls are long over). */
export async function pruneCallUsage(db: Db, before: Date): Promise<number> {
  const rows = await db.delete(llmCallUsage).where(lt(llmCallUsage.updatedAt, before)).returning({ callId: llmCallUsage.callId });
  return rows.length;
}
