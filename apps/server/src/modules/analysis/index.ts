// Analysis: every finished call read after it ends, from its recording (who spoke when: talk
// ratio, dead air, monologues, interruptions, speaking rate) and its transcript (sentiment,
// objections answered or not, keywords, promises, a summary, the wrap-up it suggests). Owns call_analyses.
import type { Registrar } from '../../platform/modules.js';
import type { AnalysisService } from './analysis.service.js';

export { analysisRoutes } from './analysis.routes.js';
export { type AnalysisService, createAnalysisService } from './analysis.service.js';
export { modelSummarizer } from './analysis.summary.js';

/** Tries per analysis before it is recorded as failed. */
const ATTEMPTS = 5;

/** A conversation is analysed once it ends (its wrap-up form is prefilled from it), and again once its recording has been fetched. */
export function register(r: Registrar, s: { analysis: AnalysisService }) {
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
}
