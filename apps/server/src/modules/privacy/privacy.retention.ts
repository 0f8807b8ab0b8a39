/**
 * Retention policies (DPDP s.8(7), Rule 8): per kind of data, how many days it is kept; the
 * retention job removes what is older, except for leads under a legal hold, and writes a report of
 * each run (cut-offs, counts removed). A kind without a period is kept until the person is erased.
 */
import { desc, eq } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { CallsRetention } from '../calls/index.js';
import type { Holds } from './privacy.holds.js';
import type { ProcessingLog } from './privacy.processing.js';
import { retentionPolicies, retentionRuns } from './privacy.tables.js';

export const RETENTION_KINDS = ['recordings', 'transcripts', 'call_logs', 'messages'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

type RunRow = typeof retentionRuns.$inferSelect;
const toRunDto = (r: RunRow) => ({
  id: r.id,
  trigger: r.trigger,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  cutoffs: r.cutoffs,
  removed: r.removed,
  heldLeads: r.heldLeads,
  error: r.error,
});
export type RetentionRunDto = ReturnType<typeof toRunDto>;

export function createRetention(deps: {
  db: Db;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  audit: Pick<AuditService, 'record'>;
  calls: CallsRetention;
  /** The messaging module's remover: WhatsApp and email messages older than the cut-off. */
  messages: (before: Date, exceptLeadIds: string[]) => Promise<number>;
  holds: Pick<Holds, 'heldLeadIds'>;
  processing: Pick<ProcessingLog, 'record' | 'prune'>;
}) {
  const { db, clock } = deps;
  const removers: Record<RetentionKind, (before: Date, except: string[]) => Promise<number>> = {
    recordings: (b, e) => deps.calls.recordings(b, e),
    transcripts: (b, e) => deps.calls.transcripts(b, e),
    call_logs: (b, e) => deps.calls.callLogs(b, e),
    messages: (b, e) => deps.messages(b, e),
  };

  async function policies(): Promise<{ kind: RetentionKind; days: number | null; updatedAt: string | null }[]> {
    const rows = await db.select().from(retentionPolicies);
    return RETENTION_KINDS.map((kind) => {
      const r = rows.find((p) => p.kind === kind);
      return { kind, days: r?.days ?? null, updatedAt: r?.updatedAt.toISOString() ?? null };
    });
  }

  return {
    policies,

    /** Sets (or clears, with null) a kind's period; audited. */
    async setPolicy(actor: Actor, kind: RetentionKind, days: number | null) {
      await db.transaction(async (tx) => {
        await tx
          .insert(retentionPolicies)
          .values({ kind, days, updatedBy: actorRef(actor), updatedAt: clock.now() })
          .onConflictDoUpdate({ target: retentionPolicies.kind, set: { days, updatedBy: actorRef(actor), updatedAt: clock.now() } });
        await deps.audit.record(actor, { action: 'privacy.retention_set', entityType: 'settings', entityId: null, details: { kind, days } }, tx);
      });
      return policies();
    },

    async runs(limit = 20): Promise<RetentionRunDto[]> {
      return (await db.select().from(retentionRuns).orderBy(desc(retentionRuns.startedAt)).limit(limit)).map(toRunDto);
    },

    /**
     * Applies every policy once: removes what is past its period on leads not under a hold, then
     * prunes the processing log (never an entry younger than a year). The run is its own report.
     */
    async run(trigger: 'schedule' | 'manual', actor: Actor | null = null): Promise<RetentionRunDto> {
      const startedAt = clock.now();
      const [started] = await db.insert(retentionRuns).values({ trigger, startedAt }).returning();
      if (!started) throw new Error('insert into retention_runs returned nothing');
      const cutoffs: Record<string, string> = {};
      const removed: Record<string, number> = {};
      let error: string | null = null;
      const held = await deps.holds.heldLeadIds();
      try {
        for (const p of await policies()) {
          if (p.days === null) continue;
          const before = new Date(startedAt.getTime() - p.days * 86_400_000);
          cutoffs[p.kind] = before.toISOString();
          removed[p.kind] = await removers[p.kind](before, held);
        }
        removed.processing_log = await deps.processing.prune();
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
        deps.logger.warn({ err }, 'retention run failed part-way; what it removed is reported');
      }
      const [done] = await db.transaction(async (tx) => {
        const rows = await tx
          .update(retentionRuns)
          .set({ finishedAt: clock.now(), cutoffs, removed, heldLeads: held.length, error })
          .where(eq(retentionRuns.id, started.id))
          .returning();
        await deps.processing.record(tx, actor, { leadId: null, action: 'retention_run', purpose: 'retention', details: { runId: started.id, removed } });
        return rows;
      });
      if (!done) throw new Error('update of retention_runs returned nothing');
      return toRunDto(done);
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
