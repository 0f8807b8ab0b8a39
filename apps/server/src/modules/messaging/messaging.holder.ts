/**
 * Messages are lead data. A merge moves them to the surviving lead; an access request lists
 * them; an erasure deletes them (what was said and to which number or address is the person's).
 */
import { eq } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { LeadDataHolder } from '../leads/index.js';
import * as repo from './messaging.repo.js';
import { messages } from './messaging.tables.js';

export function createMessagesHolder(db: Db): LeadDataHolder {
  return {
    name: 'messages',
    tables: ['messages'],
    async move(tx, fromId, toId) {
      const moved = await tx.update(messages).set({ leadId: toId }).where(eq(messages.leadId, fromId)).returning({ id: messages.id });
      return moved.map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as string[];
      if (ids.length > 0) await tx.update(messages).set({ leadId: fromId }).where(idIn(messages.id, ids));
    },
    async export(lead) {
      return (await repo.listForLead(db, lead.id, 100_000)).map((r) => ({ ...repo.toMessageDto(r), address: r.address }));
    },
    async erase(tx, lead) {
      await tx.delete(messages).where(eq(messages.leadId, lead.id));
    },
  };
}
