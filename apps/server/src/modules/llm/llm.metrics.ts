/** The gateway's figures in /metrics: outcomes, tokens, estimated spend and latency, per node (Prometheus sums the nodes). */
import { Counter, Histogram, type Registry } from 'prom-client';

export const LLM_OUTCOMES = ['ok', 'cached', 'timeout', 'error', 'call_budget', 'day_budget', 'not_configured'] as const;
export type LlmOutcome = (typeof LLM_OUTCOMES)[number];

export type LlmMetrics = {
  requests: Counter<'outcome'>;
  tokens: Counter<'kind'>;
  cost: Counter;
  latency: Histogram<'outcome'>;
};

export function createLlmMetrics(registry: Registry): LlmMetrics {
  const registers = [registry];
  const requests = new Counter({
    name: 'telehub_llm_requests_total',
    help: 'Suggestions asked of the language model, by outcome (ok, cached, timeout, error, call_budget, day_budget, not_configured)',
    labelNames: ['outcome'] as const,
    registers,
  });
  // Every outcome shows from the start, so a rate over it is defined before the first request.
  for (const outcome of LLM_OUTCOMES) requests.inc({ outcome }, 0);
  const tokens = new Counter({
    name: 'telehub_llm_tokens_total',
    help: 'Tokens charged to the budgets, by kind (prompt, completion): as the vendor counted them, estimated where it did not say or the request was abandoned at the time-out',
    labelNames: ['kind'] as const,
    registers,
  });
  for (const kind of ['prompt', 'completion']) tokens.inc({ kind }, 0);
  const cost = new Counter({
    name: 'telehub_llm_cost_estimated_total',
    help: 'Estimated language-model spend, in the currency of LLM_COST_PER_1K_TOKENS (stays 0 without a price)',
    registers,
  });
  const latency = new Histogram({
    name: 'telehub_llm_request_duration_seconds',
    help: 'Time from asking for a suggestion to having it (or giving up), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.05, 0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 5],
    registers,
  });
  return { requests, tokens, cost, latency };
}
