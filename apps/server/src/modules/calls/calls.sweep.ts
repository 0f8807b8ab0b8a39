/**
 * Live calls that nothing will move on by itself, settled through the one ingestion path like any
 * provider event: calls whose server node is gone (calls.nodes); calls still live long after they
 * started, which the provider is asked about (Exotel Call Details); and ones nobody can tell about,
 * given up as failed. Scheduled every SWEEP_EVERY_MS.
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

export type SweepOptions = { reconcileAfterMs: number; abandonAfterMs: number };

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
  return async function sweepStale(over: Partial<SweepOptions> = {}): Promise<SweepResult> {
    const opts = { ...deps.defaults, ...over };
    const interrupted = await deps.nodes.endOrphans();
    const now = clock.now();
    let reconciled = 0;
    let failed = 0;
    if (provider.reconcile) {
      for (const row of await repo.liveCallsStartedBefore(db, new Date(now.getTime() - opts.reconcileAfterMs), provider.name)) {
        if (!row.providerCallId) continue;
        try {
          for (const event of await provider.reconcile({ callId: row.id, providerCallId: row.providerCallId })) {
            if ((await deps.ingest(event)).applied) reconciled++;
          }
        } catch (err) {
          deps.logger.warn({ err, callId: row.id }, 'reconciliation failed; will retry');
        }
      }
    }
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
