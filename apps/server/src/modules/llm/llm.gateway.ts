/**
 * The language-model gateway the assist engine asks for a suggestion. Everything that makes a
 * vendor safe to call during a live call lives here, the same for every provider:
 * - personal details masked out of every prompt before it leaves (llm.mask.ts);
 * - a hard time-out: the caller has its answer (`timeout`) at the deadline, and the request is aborted;
 * - a cache keyed by the masked prompt, and identical requests in flight shared, so the same
 *   question in the same context costs once;
 * - token budgets per phone call and per day, held in the database across nodes: each request
 *   reserves its worst case (estimated prompt + max tokens) first and settles with the vendor's
 *   count after;
 * - no retries, and a pause for as long as the vendor asks after a 429, so a struggling vendor is
 *   not hammered;
 * - outcomes, tokens, estimated spend and latency in /metrics.
 */
import { createHash } from 'node:crypto';
import { Registry } from 'prom-client';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import { wallClock } from '../../platform/time.js';
import { type ChatMessage, type LlmProvider, LlmProviderError } from '../../providers/llm/index.js';
import { TtlLru } from './llm.cache.js';
import { maskPii } from './llm.mask.js';
import { createLlmMetrics, type LlmOutcome } from './llm.metrics.js';
import { buildMessages, estimatePromptTokens, estimateTextTokens, type PromptInput, tidyAnswer } from './llm.prompts.js';
import { callUsage, type DayUsage, dayUsage, pruneCallUsage, type Reservation, reserveTokens, type Spend, settleTokens } from './llm.repo.js';

export type SuggestInput = PromptInput & {
  /** The phone call the suggestion is for (its budget); null outside a call, where only the per-request limit applies. */
  callId: string | null;
};

export type SuggestFailure = 'not_configured' | 'timeout' | 'call_budget' | 'day_budget' | 'error';

export type SuggestResult = { ok: true; text: string; cached: boolean; tokens: number; ms: number } | { ok: false; reason: SuggestFailure; ms: number };

export type LlmLimits = {
  timeoutMs: number;
  maxTokens: number;
  callTokenBudget: number;
  dayTokenBudget: number;
  /** Price of 1,000 tokens, for the estimated spend; unset: not estimated. */
  costPer1kTokens?: number;
};

/** The limits as configured (LLM_*). */
export function llmLimits(llm: Config['llm']): LlmLimits {
  return {
    timeoutMs: llm.LLM_TIMEOUT_MS,
    maxTokens: llm.LLM_MAX_TOKENS,
    callTokenBudget: llm.LLM_CALL_TOKEN_BUDGET,
    dayTokenBudget: llm.LLM_DAY_TOKEN_BUDGET,
    costPer1kTokens: llm.LLM_COST_PER_1K_TOKENS,
  };
}

export type LlmGatewayDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Null when no language model is configured: every suggestion is then `not_configured`. */
  provider: LlmProvider | null;
  limits: LlmLimits;
  /** Where the budget's day begins and ends (IANA zone). */
  timeZone: string;
  /** The app's metrics registry (/metrics); a private one when not given (the CLI). */
  registry?: Registry;
  cache?: { max: number; ttlMs: number };
};

export type LlmGateway = {
  /** Whether a language model is configured at all. */
  readonly configured: boolean;
  suggest(input: SuggestInput): Promise<SuggestResult>;
  /** Today's usage across every node (the budget's day). */
  usageToday(): Promise<DayUsage>;
  usageOfCall(callId: string): Promise<{ tokens: number; reserved: number; requests: number }>;
  /** Forgets the usage of calls untouched for two days; returns how many. */
  prune(): Promise<number>;
  /** Waits for usage still being settled (requests answered or abandoned a moment ago). */
  close(): Promise<void>;
};

/** Low: the agent wants the obvious good answer, said well, not a creative one. */
const TEMPERATURE = 0.4;
/** How long to hold off after a 429 that does not say; and the longest a Retry-After is obeyed. */
const DEFAULT_PAUSE_MS = 2_000;
const MAX_PAUSE_MS = 60_000;
const SETTLE_ATTEMPTS = 3;
/** Long past any call's end; the day's table keeps the spend. */
const CALL_USAGE_KEPT_MS = 2 * 86_400_000;

type Attempt = { kind: 'ok'; text: string; tokens: number } | { kind: 'timeout' | 'error' | 'call_budget' | 'day_budget' };

export function createLlmGateway(deps: LlmGatewayDeps): LlmGateway {
  const { db, clock, logger, provider, limits } = deps;
  const metrics = createLlmMetrics(deps.registry ?? new Registry());
  const cache = new TtlLru<string>(deps.cache?.max ?? 500, deps.cache?.ttlMs ?? 10 * 60_000);
  const inflight = new Map<string, Promise<Attempt>>();
  const settling = new Set<Promise<unknown>>();
  const budgets = { call: limits.callTokenBudget, day: limits.dayTokenBudget };
  let pausedUntil = 0;

  const dayOf = (d: Date) => {
    const w = wallClock(d.getTime(), deps.timeZone);
    return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
  };

  /**
   * Usage is settled after the caller has its answer (close() waits for it), tried a few times:
   * a settlement lost would leave its reservation held, and its tokens uncounted, for the day.
   */
  function settle(r: Reservation, spend: Spend) {
    metrics.tokens.inc({ kind: 'prompt' }, spend.promptTokens);
    metrics.tokens.inc({ kind: 'completion' }, spend.completionTokens);
    metrics.cost.inc(spend.cost);
    const attempt = async () => {
      for (let i = 1; ; i++) {
        try {
          return await settleTokens(db, r, spend);
        } catch (err) {
          if (i >= SETTLE_ATTEMPTS) throw err;
          await new Promise((resolve) => setTimeout(resolve, 100 * 4 ** (i - 1)));
        }
      }
    };
    const p = attempt()
      .catch((err: unknown) => logger.error({ err, reservation: r, spend }, 'language-model usage could not be settled'))
      .finally(() => settling.delete(p));
    settling.add(p);
  }

  const spendOf = (promptTokens: number, completionTokens: number, sent: boolean): Spend => {
    const tokens = promptTokens + completionTokens;
    return { tokens, promptTokens, completionTokens, sent, cost: limits.costPer1kTokens ? (tokens / 1000) * limits.costPer1kTokens : 0 };
  };

  async function send(p: LlmProvider, messages: ChatMessage[], key: string, r: Reservation, signal: AbortSignal): Promise<Attempt> {
    let verdict: Awaited<ReturnType<typeof reserveTokens>>;
    try {
      verdict = await reserveTokens(db, r, budgets);
    } catch (err) {
      logger.error({ err }, 'language-model budget could not be checked');
      return { kind: 'error' };
    }
    if (verdict !== 'ok') return { kind: verdict };
    if (signal.aborted) {
      // The deadline passed while the budget was being checked: nothing was sent.
      settle(r, spendOf(0, 0, false));
      return { kind: 'timeout' };
    }
    try {
      const res = await p.complete({ messages, maxTokens: limits.maxTokens, temperature: TEMPERATURE, signal });
      const used = res.usage ?? { promptTokens: r.tokens - limits.maxTokens, completionTokens: estimateTextTokens(res.text) };
      settle(r, spendOf(used.promptTokens, used.completionTokens, true));
      const text = tidyAnswer(res.text, res.truncated);
      if (text === '') return { kind: 'error' };
      cache.set(key, text);
      return { kind: 'ok', text, tokens: used.promptTokens + used.completionTokens };
    } catch (err) {
      if (signal.aborted) {
        // Abandoned at the deadline: the vendor may well finish and bill it, so the worst case is charged.
        settle(r, spendOf(r.tokens - limits.maxTokens, limits.maxTokens, true));
        return { kind: 'timeout' };
      }
      // A refused request is not billed.
      settle(r, spendOf(0, 0, true));
      if (err instanceof LlmProviderError) {
        if (err.status === 429) pausedUntil = Date.now() + Math.min(err.retryAfterMs ?? DEFAULT_PAUSE_MS, MAX_PAUSE_MS);
        logger.warn({ status: err.status, code: err.code, message: err.message }, 'language-model request failed');
      } else {
        logger.error({ err }, 'language-model request failed');
      }
      return { kind: 'error' };
    }
  }

  async function suggest(input: SuggestInput): Promise<SuggestResult> {
    const started = performance.now();
    const end = <R extends SuggestResult>(outcome: LlmOutcome, result: (ms: number) => R): R => {
      const ms = Math.round(performance.now() - started);
      metrics.requests.inc({ outcome });
      metrics.latency.observe({ outcome }, ms / 1000);
      return result(ms);
    };
    const fail = (reason: SuggestFailure) => end(reason, (ms) => ({ ok: false as const, reason, ms }));
    if (!provider) return fail('not_configured');

    const messages = prepare(provider, buildMessages(input));
    const key = createHash('sha256')
      .update(JSON.stringify([provider.name, provider.model, limits.maxTokens, TEMPERATURE, messages]))
      .digest('base64url');
    const hit = cache.get(key);
    if (hit !== undefined) return end('cached', (ms) => ({ ok: true as const, text: hit, cached: true, tokens: 0, ms }));
    if (Date.now() < pausedUntil) return fail('error');

    // The same prompt already asked for this call: share its answer rather than pay for it twice.
    // (Per call, so that one call's spent budget never refuses another's question.)
    const flight = `${input.callId ?? ''}:${key}`;
    const shared = inflight.get(flight);
    const controller = new AbortController();
    const reservation: Reservation = { day: dayOf(clock.now()), callId: input.callId, tokens: estimatePromptTokens(messages) + limits.maxTokens };
    const attempt = shared ?? send(provider, messages, key, reservation, controller.signal);
    if (!shared) {
      inflight.set(flight, attempt);
      void attempt.finally(() => inflight.delete(flight));
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), limits.timeoutMs);
    });
    const first = await Promise.race([attempt, deadline]);
    clearTimeout(timer);
    if (first === 'deadline') {
      controller.abort(new Error(`no suggestion within ${limits.timeoutMs} ms`));
      return fail('timeout');
    }
    if (first.kind !== 'ok') return fail(first.kind);
    const { text, tokens } = first;
    return shared
      ? end('cached', (ms) => ({ ok: true as const, text, cached: true, tokens: 0, ms }))
      : end('ok', (ms) => ({ ok: true as const, text, cached: false, tokens, ms }));
  }

  return {
    configured: provider !== null,
    suggest,
    usageToday: () => dayUsage(db, dayOf(clock.now())),
    usageOfCall: (callId) => callUsage(db, callId),
    prune: () => pruneCallUsage(db, new Date(clock.now().getTime() - CALL_USAGE_KEPT_MS)),
    async close() {
      while (settling.size > 0) await Promise.allSettled([...settling]);
    },
  };
}

/** Masks every message, and folds the system prompt into the user's for a provider without the role. */
function prepare(provider: LlmProvider, messages: ChatMessage[]): ChatMessage[] {
  const masked = messages.map((m) => ({ role: m.role, content: maskPii(m.content) }));
  if (provider.systemRole) return masked;
  const system = masked
    .filter((m) => m.role === 'system')
    .map((m) => m.content)
    .join('\n\n');
  const rest = masked.filter((m) => m.role !== 'system');
  const [first, ...others] = rest;
  if (!first || !system) return rest;
  return [{ role: first.role, content: `${system}\n\n${first.content}` }, ...others];
}
