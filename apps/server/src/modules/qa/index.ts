// QA: scorecards admins write, every analysed call scored against its campaign's one, managers'
// reviews and overrides, telecallers' disputes, and calibration. Owns qa_scorecards, call_scores, qa_disputes.
import type { Registrar } from '../../platform/modules.js';
import type { LeadDataHolders } from '../leads/index.js';
import { qaHolder } from './qa.holder.js';
import type { QaService } from './qa.service.js';

export { STARTER_SCORECARD } from './qa.defaults.js';
export { qaPolicy } from './qa.policy.js';
export { qaRoutes } from './qa.routes.js';
export { createQaService, LOW_SCORE, type QaService, qaScoreDaysFromScores } from './qa.service.js';

/** Each saved analysis is scored (again, when the recording's analysis follows the transcript's). */
export function register(r: Registrar, s: { qa: QaService; leads: { holders: LeadDataHolders } }) {
  s.leads.holders.add(qaHolder);
  r.on('call.analysed', 'qa.score', async (events) => {
    for (const e of events) await s.qa.scoreCall(e.callId);
  });
}
