/** What the simulator's tests share: a dial request, a sink that collects events, and a seeded random. */

import { seededRandom } from '../../../../platform/random.js';
import type { DialRequest, ProviderEvent } from '../../telephony.port.js';

export const dialRequest = (over: Partial<DialRequest> = {}): DialRequest => ({
  callId: '11111111-1111-4111-8111-111111111111',
  mode: 'agent_first',
  agentPhone: '+919800000001',
  leadPhone: '+919800000002',
  record: true,
  ringTimeoutSeconds: 30,
  timeLimitSeconds: 3600,
  leadLanguage: 'en',
  ...over,
});

/** A sink that keeps every event, and waits for the first one matching a test (10 s at most). */
export function collector() {
  const events: ProviderEvent[] = [];
  const waiters: { test: (e: ProviderEvent) => boolean; resolve: (e: ProviderEvent) => void }[] = [];
  const sink = async (e: ProviderEvent) => {
    events.push(e);
    for (const w of [...waiters]) if (w.test(e)) w.resolve(e);
  };
  const next = (test: (e: ProviderEvent) => boolean) =>
    new Promise<ProviderEvent>((resolve, reject) => {
      const found = events.find(test);
      if (found) return resolve(found);
      waiters.push({ test, resolve });
      setTimeout(() => reject(new Error('event never came')), 10_000);
    });
  return { events, sink, next };
}

export const isTerminal = (e: ProviderEvent) => e.kind === 'status' && ['completed', 'no_answer', 'busy', 'failed', 'canceled'].includes(e.status ?? '');

/** mulberry32: a small seeded generator, so a run's draws are the same every time. */
export const seeded = seededRandom;
