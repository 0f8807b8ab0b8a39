// Coaching: skills per telecaller from scored calls against the team's, items suggested or
// assigned with example calls, measured again after the next calls. Owns coaching_items.
import type { Registrar } from '../../platform/modules.js';
import type { CoachingService } from './coaching.service.js';

export { coachingPolicy } from './coaching.policy.js';
export { coachingRoutes } from './coaching.routes.js';
export { type CoachingService, createCoachingService } from './coaching.service.js';

/** Suggestions every few hours; items measured again as the calls come in. */
export function register(r: Registrar, s: { coaching: CoachingService }) {
  r.schedule({ name: 'coaching.suggest', everyMs: 6 * 60 * 60_000, run: () => s.coaching.suggest() });
  r.schedule({ name: 'coaching.remeasure', everyMs: 5 * 60_000, run: () => s.coaching.remeasure() });
}
