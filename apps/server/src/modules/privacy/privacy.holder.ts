/**
 * The privacy module as a holder of lead data. An access export includes the person's requests,
 * legal holds and processing log (DPDP s.11: what was processed, and how). A merge moves all three
 * to the survivor. An erasure keeps them, for they prove what was asked and done, but blanks what
 * the person wrote, the corrections' values and any access export (a full copy of their data).
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, idIn } from '../../platform/db/client.js';
import type { LeadDataHolder } from '../leads/index.js';
import type { Holds } from './privacy.holds.js';
import type { ProcessingLog } from './privacy.processing.js';
import type { PrivacyRequests } from './privacy.requests.js';
import { privacyRequests, processingLog } from './privacy.tables.js';

type Moved = { requests: string[]; holds: string[]; log: string[] };

export function createPrivacyHolder(deps: {
  requests: Pick<PrivacyRequests, 'ofLead'>;
  holds: Pick<Holds, 'move' | 'restore' | 'ofLead'>;
  processing: Pick<ProcessingLog, 'move' | 'ofLead'>;
}): LeadDataHolder {
  return {
    name: 'privacy',
    tables: ['privacy_requests', 'legal_holds', 'processing_log'],

    async move(tx: Db, fromId, toId): Promise<Moved> {
      const requests = (
        await tx.update(privacyRequests).set({ leadId: toId }).where(eq(privacyRequests.leadId, fromId)).returning({ id: privacyRequests.id })
      ).map((r) => r.id);
      return { requests, holds: await deps.holds.move(tx, fromId, toId), log: await deps.processing.move(tx, fromId, toId) };
    },

    async restore(tx, undo, fromId) {
      const u = undo as Moved;
      if (u.requests.length) await tx.update(privacyRequests).set({ leadId: fromId }).where(idIn(privacyRequests.id, u.requests));
      await deps.holds.restore(tx, u.holds, fromId);
      if (u.log.length) await tx.update(processingLog).set({ leadId: fromId }).where(idIn(processingLog.id, u.log));
    },

    async export(lead) {
      return {
        requests: await deps.requests.ofLead(lead.id),
        legalHolds: await deps.holds.ofLead(lead.id),
        processingLog: await deps.processing.ofLead(lead.id),
      };
    },

    async erase(tx, lead) {
      await tx
        .update(privacyRequests)
        .set({
          details: null,
          input: {},
          export: null,
          result: sql`case when ${privacyRequests.type} = 'correction' then null else ${privacyRequests.result} end`,
        })
        .where(eq(privacyRequests.leadId, lead.id));
    },
  };
}
