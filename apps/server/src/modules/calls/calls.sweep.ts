/**
 * Live calls that nothing will move on by itself, settled through the one ingestion path like any
 * provider event. In order: calls whose server node is gone (calls.nodes); vendor calls whose next
 * event is overdue, which the provider is asked about (Twilio's Calls API, Exotel's Call Details)
 * at most once a minute each; and, last, calls still live long past the longest they could last,
 * which nobody could tell about, given up as failed. Scheduled every SWEEP_EVERY_MS.
 */
import type { Call } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { TelephonyProvider } from '../../providers/telephony/index.js';
import type { Ingest } from './calls.ingest.js';
import type { CallNodes } from './calls.nodes.js';
import * as repo from './calls.repo.js';

/** How often the sweep runs: with NODE_GONE_AFTER_MS, a call of a node gone ends within a minute. */
export const SWEEP_EVERY_MS = 15_000;
/** How late a provider's event may be before the provider is asked. */
export const LATE_EVENT_GRACE_MS = 60_000;
/** The provider is asked about one call at most this often. */
const ASK_EVERY_MS = 60_000;

export type SweepOptions = {
  /** A call not yet answered is asked about once this long after it was placed (every leg's ring time, and the grace). */
  unansweredAfterMs: number;
  /** An answered call is asked about once this long after the answer (the call limit, and the grace). */
  answeredAfterMs: number;
  /** Any live call this old is asked about (EXOTEL_RECONCILE_AFTER on Exotel); null for none. */
  reconcileAfterMs: number | null;
  /** A live call this old that nobody could tell about is failed. */
  abandonAfterMs: number;
};

export type SweepResult = { interrupted: number; reconciled: number; failed: number };

export function createSweep(deps: {
  db: Db;
  clock: Clock;
  logger: Logger;
  provider: TelephonyProvider;
  ingest: Ingest;
  nodes: Pick<CallNodes, 'endOrphans'>;
  defaults: SweepOptions;
}) {
  const { db, clock, provider } = deps;
  const lastAsked = new Map<string, number>();

  /** Asks the provider about its calls whose next event is overdue; how many changed. */
  async function askProvider(opts: SweepOptions): Promise<number> {
    if (!provider.reconcile) return 0;
    const now = clock.now().getTime();
    const rows = await repo.overdueCalls(db, provider.name, {
      unansweredBefore: new Date(now - opts.unansweredAfterMs),
      answeredBefore: new Date(now - opts.answeredAfterMs),
      anyBefore: opts.reconcileAfterMs === null ? null : new Date(now - opts.reconcileAfterMs),
    });
    const overdue = new Set(rows.map((r) => r.id));
    for (const id of lastAsked.keys()) if (!overdue.has(id)) lastAsked.delete(id);
    let changed = 0;
    for (const row of rows) {
      const asked = lastAsked.get(row.id);
      if (!row.providerCallId || (asked !== undefined && now - asked < ASK_EVERY_MS)) continue;
      lastAsked.set(row.id, now);
      try {
        const mode = (row.metadata as { mode?: string }).mode === 'lead_first' ? 'lead_first' : 'agent_first';
        const answered = row.status === 'in_progress' || row.answeredAt !== null;
        for (const event of await provider.reconcile({ callId: row.id, providerCallId: row.providerCallId, mode, answered })) {
          if ((await deps.ingest(event)).applied) changed++;
        }
      } catch (err) {
        deps.logger.warn({ err, callId: row.id }, 'could not ask the provider about an overdue call; will retry');
      }
    }
    return changed;
  }

  return async function sweepStale(over: Partial<SweepOptions> = {}): Promise<SweepResult> {
    const opts = { ...deps.defaults, ...over };
    const interrupted = await deps.nodes.endOrphans();
    const reconciled = await askProvider(opts);
    const now = clock.now();
    let failed = 0;
    for (const row of await repo.liveCallsStartedBefore(db, new Date(now.getTime() - opts.abandonAfterMs))) {
      const r = await deps.ingest({
        provider: row.provider as Call['provider'],
        providerEventId: `stale:${row.id}`,
        providerCallId: row.providerCallId,
        callId: row.id,
        kind: 'status',
        status: 'failed',
        occurredAt: now,
        hangupBy: 'system',
        raw: { reason: 'no final event from the provider', sweptAt: now.toISOString() },
      });
      if (r.applied) failed++;
    }
    if (reconciled + failed > 0) deps.logger.info({ reconciled, failed }, 'stale calls swept');
    return { interrupted, reconciled, failed };
  };
}
