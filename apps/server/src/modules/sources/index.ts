// Sources: the connectors that bring leads in from outside (the Laravel CRM's API, its MySQL
// database, its event queue) and write call outcomes back to the CRM; owns the sync tables.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { CallOutcome } from './outbox.js';
import type { SourcesService } from './sources.service.js';

export type { CallOutcome } from './outbox.js';
export { sourcesPolicy } from './sources.policy.js';
export { sourcesRoutes } from './sources.routes.js';
export { createSourcesService, type SourcesService } from './sources.service.js';

/** What the write-back needs to know of a dispositioned call (the calls module answers). */
export type CallOutcomes = { outcomesOf(callIds: string[]): Promise<CallOutcome[]> };

/** Syncs and outbox delivery run on schedules; every dispositioned call is queued for the CRM. */
export function register(r: Registrar, s: { sources: SourcesService; calls: CallOutcomes; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.sources.dataHolder);
  r.job(
    'sources.outbox.deliver',
    async () => {
      await s.sources.deliverOutbox();
    },
    { attempts: 1 },
  );
  for (const task of s.sources.schedules) r.schedule(task);
  r.on('call.disposed', 'sources.crm_write_back', async (events) => {
    for (const outcome of await s.calls.outcomesOf(events.map((e) => e.callId))) await s.sources.enqueueCallOutcome(outcome);
  });
}
