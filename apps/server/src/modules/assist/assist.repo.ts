import type { AssistCard } from '@telehub/shared';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { assistCards } from './assist.tables.js';

export async function insertCards(db: Db, cards: AssistCard[]): Promise<void> {
  if (cards.length === 0) return;
  // A call deleted meanwhile (erasure) takes its cards with it: the foreign key refuses, the batch is retried without them.
  await db
    .insert(assistCards)
    .values(cards.map((c) => ({ id: c.id, callId: c.callId, kind: c.kind, key: c.key, card: c, createdAt: new Date(c.createdAt) })))
    .onConflictDoNothing();
}

export async function cardsOfCall(db: Db, callId: string): Promise<AssistCard[]> {
  const rows = await db.select({ card: assistCards.card }).from(assistCards).where(eq(assistCards.callId, callId)).orderBy(asc(assistCards.createdAt));
  return rows.map((r) => r.card);
}
