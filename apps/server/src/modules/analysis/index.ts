// Analysis: every finished call read after it ends, from its recording (who spoke when: talk
// ratio, dead air, monologues, interruptions, speaking rate) and its transcript (sentiment,
// objections answered or not, keywords, promises, a summary, the wrap-up it suggests). Owns call_analyses.
import type { Db } from '../../platform/db/client.js';
import type { Registrar } from '../../platform/modules.js';
import type { LeadDataHolders } from '../leads/index.js';
import { createAnalysisHolder } from './analysis.holder.js';
import type { CallSearch } from './analysis.search.js';
import type { AnalysisService } from './analysis.service.js';

export { analysisRoutes } from './analysis.routes.js';
export { type CallSearch, createCallSearch } from './analysis.search.js';
export { type AnalysisService, createAnalysisService } from './analysis.service.js';
export { modelSummarizer } from './analysis.summary.js';

/** Tries per analysis before it is recorded as failed. */
const ATTEMPTS = 5;

/** A conversation is analysed once it ends (its wrap-up form is prefilled from it), and again once its recording has been fetched. */
export function register(r: Registrar, s: { analysis: AnalysisService; search: CallSearch; leads: { holders: LeadDataHolders }; db: Db }) {
  s.leads.holders.add(createAnalysisHolder({ db: s.db }));
  r.job(
    'analysis.run',
    async ({ callId }, ctx) => {
      try {
        await s.analysis.run(callId);
      } catch (err) {
        if (ctx.attempt >= ATTEMPTS) await s.analysis.failed(callId, (err as Error).message);
        throw err;
      }
    },
    { attempts: ATTEMPTS, backoffMs: 5000, concurrency: 1 },
  );
  r.on('call.ended', 'analysis.after_call', async (events) =>
    s.analysis.queue(
      events.filter((e) => e.answered).map((e) => e.callId),
      'ended',
    ),
  );
  r.on('call.recorded', 'analysis.after_recording', async (events) =>
    s.analysis.queue(
      events.map((e) => e.callId),
      'recorded',
    ),
  );
  // Found by what was said once analysed; its outcome follows the wrap-up.
  r.on('call.analysed', 'analysis.search_index', async (events) => {
    for (const e of events) await s.search.index(e.callId);
  });
  r.on('call.disposed', 'analysis.search_outcome', async (events) => {
    for (const e of events) await s.search.index(e.callId);
  });
}
