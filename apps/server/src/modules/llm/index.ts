// The optional language-model gateway: suggestions for the assist engine, with masking, time-outs,
// a cache, and per-call and per-day token budgets shared by every node.
import type { Registrar } from '../../platform/modules.js';
import type { LlmGateway } from './llm.gateway.js';

export {
  createLlmGateway,
  type LlmGateway,
  type LlmGatewayDeps,
  type LlmLimits,
  llmLimits,
  type SuggestFailure,
  type SuggestInput,
  type SuggestResult,
} from './llm.gateway.js';
export { maskPii } from './llm.mask.js';
export type { SuggestLang, SuggestPurpose, Turn } from './llm.prompts.js';
export type { DayUsage } from './llm.repo.js';

/** Per-call usage is kept a couple of days after the call, then forgotten. */
export function register(r: Registrar, s: { llm: Pick<LlmGateway, 'prune'> }) {
  r.schedule({ name: 'llm.prune', everyMs: 60 * 60_000, run: () => s.llm.prune() });
}
