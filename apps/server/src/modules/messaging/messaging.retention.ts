/**
 * What the retention job (privacy module) removes of messages older than a cut-off, leads under a
 * legal hold excepted: the message rows (what was said, to which number or address), and the
 * preview their timeline entries carry. The entry itself stays: the timeline keeps that a message
 * went or came. Works in batches and returns how many messages it removed.
 */
import { and, lt, notInArray } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { LeadsService } from '../leads/index.js';
import { messages } from './messaging.tables.js';

const BATCH = 500;

export function createMessagesRetention(deps: { db: Db; leads: Pick<LeadsService, 'calls'> }) {
  return async function removeOlderThan(before: Date, exceptLeadIds: string[]): Promise<number> {
    const where = and(lt(messages.createdAt, before), exceptLeadIds.length ? notInArray(messages.leadId, exceptLeadIds) : undefined);
    let total = 0;
    for (;;) {
      const n = await deps.db.transaction(async (tx) => {
        const ids = (await tx.select({ id: messages.id }).from(messages).where(where).limit(BATCH)).map((r) => r.id);
        if (ids.length === 0) return 0;
        await tx.delete(messages).where(idIn(messages.id, ids));
        await deps.leads.calls.forgetMessages(ids, tx);
        return ids.length;
      });
      total += n;
      if (n < BATCH) return total;
    }
  };
}
