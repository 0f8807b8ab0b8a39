/**
 * Write-back to the CRM through an outbox: a message is stored once per key, then delivered
 * until the CRM accepts it (2xx). A failed delivery is retried with exponential backoff up to
 * 15 minutes; nothing is ever dropped. A 4xx refusal (other than 408/429) is retried too, at
 * the longest interval, with the refusal kept in last_error for an admin to see.
 */

import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { LeadDataHolder } from '../leads/index.js';
import { type CrmClient, retryAfterMs } from './laravel.client.js';
import { LARAVEL } from './laravel.mapping.js';
import * as repo from './sources.repo.js';
import { outbox } from './sources.tables.js';

export const CALL_TOPIC = 'laravel.call';
const TOPIC_PREFIX = 'laravel.';
const FIRST_RETRY_MS = 15_000;
export const MAX_RETRY_MS = 15 * 60_000;
const BATCH = 20;

/** What the call module reports after a disposition. */
export type CallOutcome = {
  callId: string;
  leadId: string;
  durationSeconds: number | null;
  outcome: string;
  notes?: string | null;
};

export type OutboxDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The CRM client, or null while the connector is not configured (messages wait). */
  client: CrmClient | null;
  timeoutMs: number;
  /** The lead's id in a source, or null when it has none there. */
  leadExternalId: (leadId: string, source: string) => Promise<string | null>;
  /** Asks for a delivery pass soon (a job), so a message does not wait for the schedule. */
  kick: () => void;
};

/** Delay before attempt `n + 1` after `n` failed ones: doubling, capped, with a little jitter. */
export function retryDelayMs(failedAttempts: number): number {
  const ceiling = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.round(ceiling * (0.8 + Math.random() * 0.2));
}

/** The CRM's ids are numbers; send one back as a number when it is one. */
const crmId = (id: string): string | number => (/^\d{1,15}$/.test(id) ? Number(id) : id);

export function createOutbox(deps: OutboxDeps) {
  const { db, clock, logger } = deps;
  let current: Promise<{ delivered: number; failed: number }> | null = null;
  let again = false;

  async function deliverOne(row: repo.OutboxRow, client: CrmClient): Promise<boolean> {
    const attempts = row.attempts + 1;
    let error: string;
    let delay = retryDelayMs(attempts);
    try {
      const res = await client.post('/api/v1/calls', row.payload, { 'idempotency-key': `telehub-${row.topic}-${row.key}` });
      if (res.status >= 200 && res.status < 300) {
        await repo.markDelivered(db, row.id, clock.now());
        return true;
      }
      const body = res.text.replace(/\s+/g, ' ').slice(0, 300);
      if (res.status === 429) {
        delay = Math.min(MAX_RETRY_MS, Math.max(delay, retryAfterMs(res.headers.get('retry-after')) ?? 0));
        error = `HTTP 429 (the CRM asked to slow down)${body ? `: ${body}` : ''}`;
      } else if (res.status >= 400 && res.status < 500 && res.status !== 408) {
        delay = MAX_RETRY_MS;
        error = `HTTP ${res.status}: the CRM refused this message; retrying every ${MAX_RETRY_MS / 60_000} minutes until it accepts it${body ? `: ${body}` : ''}`;
      } else {
        error = `HTTP ${res.status}${body ? `: ${body}` : ''}`;
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    await repo.markFailed(db, row.id, error, new Date(clock.now().getTime() + delay));
    logger.warn({ topic: row.topic, key: row.key, attempts, retryInMs: delay, error }, 'outbox delivery failed; will retry');
    return false;
  }

  async function pass(): Promise<{ delivered: number; failed: number }> {
    const client = deps.client;
    const out = { delivered: 0, failed: 0 };
    if (!client) return out;
    for (;;) {
      const now = clock.now();
      // Claimed rows stay hidden from other workers while they are being sent.
      const rows = await repo.claimDueOutbox(db, TOPIC_PREFIX, now, new Date(now.getTime() + deps.timeoutMs + 60_000), BATCH);
      if (rows.length === 0) return out;
      for (const row of rows) {
        if (await deliverOne(row, client)) out.delivered++;
        else out.failed++;
      }
    }
  }

  /**
   * Write-back messages as lead data: they follow a merged lead; an erased person's messages not
   * yet delivered are dropped (the CRM must not receive them now), delivered ones lose their notes.
   */
  const dataHolder: LeadDataHolder = {
    name: 'crm_outbox',
    tables: ['outbox'],
    async move(tx, fromId, toId) {
      return (await tx.update(outbox).set({ leadId: toId }).where(eq(outbox.leadId, fromId)).returning({ id: outbox.id })).map((r) => r.id);
    },
    async restore(tx, undo, fromId) {
      const ids = undo as number[];
      if (ids.length > 0) await tx.update(outbox).set({ leadId: fromId }).where(inArray(outbox.id, ids));
    },
    async export(lead) {
      const rows = await db.select().from(outbox).where(eq(outbox.leadId, lead.id)).orderBy(outbox.createdAt);
      return rows.map((r) => ({
        to: r.topic,
        status: r.status,
        message: r.payload,
        queuedAt: r.createdAt.toISOString(),
        deliveredAt: r.deliveredAt?.toISOString() ?? null,
      }));
    },
    async erase(tx, lead) {
      await tx.delete(outbox).where(and(eq(outbox.leadId, lead.id), ne(outbox.status, 'delivered')));
      await tx
        .update(outbox)
        .set({ payload: sql`${outbox.payload} || '{"notes": null}'::jsonb` })
        .where(eq(outbox.leadId, lead.id));
    },
  };

  return {
    dataHolder,
    /**
     * Queues the outcome of a call for the CRM when the lead came from it (it has a laravel
     * identity); idempotent by call id. Call it after the disposition's transaction commits.
     */
    async enqueueCallOutcome(input: CallOutcome): Promise<{ queued: boolean }> {
      const externalId = await deps.leadExternalId(input.leadId, LARAVEL);
      if (!externalId) return { queued: false };
      const inserted = await repo.insertOutbox(db, {
        topic: CALL_TOPIC,
        key: input.callId,
        leadId: input.leadId,
        payload: {
          lead_id: crmId(externalId),
          duration: Math.max(0, Math.round(input.durationSeconds ?? 0)),
          outcome: input.outcome,
          notes: input.notes ?? null,
        },
        nextAttemptAt: clock.now(),
        createdAt: clock.now(),
      });
      if (inserted) deps.kick();
      return { queued: true };
    },

    /**
     * Sends every due message. One pass at a time in this process: a call during a pass makes
     * that pass look again before it ends, so a message queued meanwhile is not left waiting.
     */
    deliverDue(): Promise<{ delivered: number; failed: number }> {
      if (current) {
        again = true;
        return current;
      }
      const run = async () => {
        const total = { delivered: 0, failed: 0 };
        do {
          again = false;
          const r = await pass();
          total.delivered += r.delivered;
          total.failed += r.failed;
        } while (again);
        return total;
      };
      current = run().finally(() => {
        current = null;
      });
      return current;
    },

    /** Resolves when no delivery pass is running. */
    async idle(): Promise<void> {
      await current?.catch(() => undefined);
    },

    async stats() {
      const s = await repo.outboxStats(db);
      return {
        pending: s.pending,
        delivered: s.delivered,
        oldestPendingAgeSeconds: s.oldestPending ? Math.max(0, Math.floor((clock.now().getTime() - s.oldestPending.getTime()) / 1000)) : null,
        lastError: s.lastError,
      };
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
