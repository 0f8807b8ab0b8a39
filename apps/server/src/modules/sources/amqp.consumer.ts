/**
 * Event-driven sync: the CRM publishes `{event: 'lead.created' | 'lead.updated', id?, data, occurred_at?}`
 * to a durable RabbitMQ queue. Each event is applied through leads.ingest, then recorded in
 * consumed_events, then acknowledged, so a redelivered event is applied once and an event is
 * never acknowledged before it is stored. Messages that cannot be applied go to `<queue>.dead`.
 * The connection comes back by itself, with backoff, when it drops.
 */
import { createHash } from 'node:crypto';
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import { z } from 'zod';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import * as repo from './sources.repo.js';

export const AMQP = 'amqp';
const EVENTS = ['lead.created', 'lead.updated'] as const;

const EventBody = z.object({
  event: z.enum(EVENTS, { error: `event must be one of ${EVENTS.join(', ')}` }),
  id: z.union([z.string().min(1), z.number()]).optional(),
  data: z.record(z.string(), z.unknown(), { error: 'data must be the CRM lead (a JSON object)' }),
  occurred_at: z.string().optional(),
});
type EventBody = z.infer<typeof EventBody>;

export type ApplyResult = { ok: true; outcome: string } | { ok: false; reason: string };

export type ConsumerCounters = { received: number; applied: number; duplicates: number; deadLettered: number };
export type ConsumerState = {
  status: 'connecting' | 'consuming' | 'disconnected' | 'stopped';
  error: string | null;
  counters: ConsumerCounters;
  lastMessageAt: Date | null;
  lastAppliedAt: Date | null;
};

export type AmqpConsumerDeps = {
  url: string;
  queue: string;
  prefetch?: number;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Applies the CRM lead of an event (maps it and hands it to ingest). */
  apply: (data: Record<string, unknown>, event: EventBody['event']) => Promise<ApplyResult>;
  onState?: (state: ConsumerState) => Promise<void> | void;
  /** Runs after the lead is applied and before the event is recorded and acknowledged. */
  beforeCommit?: (eventId: string) => Promise<void>;
  reconnect?: { firstMs: number; maxMs: number };
};

/** The id an event is de-duplicated on: the message id, else the body's id, else a hash of what it says. */
export function eventIdOf(msg: Pick<ConsumeMessage, 'properties'>, body: EventBody): string {
  const messageId = msg.properties.messageId as unknown;
  if (typeof messageId === 'string' && messageId !== '') return `msg:${messageId}`;
  if (body.id !== undefined) return `id:${String(body.id)}`;
  const hash = createHash('sha256')
    .update(JSON.stringify([body.event, body.data.id ?? null, body.data.updated_at ?? null]))
    .digest('hex');
  return `hash:${hash.slice(0, 40)}`;
}

export function createAmqpConsumer(deps: AmqpConsumerDeps) {
  const { queue, logger, clock } = deps;
  const deadQueue = `${queue}.dead`;
  const firstMs = deps.reconnect?.firstMs ?? 1000;
  const maxMs = deps.reconnect?.maxMs ?? 30_000;
  const state: ConsumerState = {
    status: 'stopped',
    error: null,
    counters: { received: 0, applied: 0, duplicates: 0, deadLettered: 0 },
    lastMessageAt: null,
    lastAppliedAt: null,
  };
  let stopped = true;
  let conn: ChannelModel | null = null;
  let failures = 0;
  /** Messages in a row that failed for reasons of ours: the wait before redelivery grows with them. */
  let troubled = 0;
  /** Ends the pause before a redelivery early, when stopping. */
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  // One message at a time, in queue order: events about one lead apply in the order sent.
  let chain: Promise<void> = Promise.resolve();
  let consumingWaiters: (() => void)[] = [];

  const report = async (patch: Partial<ConsumerState>) => {
    Object.assign(state, patch);
    if (state.status === 'consuming') {
      for (const w of consumingWaiters) w();
      consumingWaiters = [];
    }
    try {
      await deps.onState?.({ ...state, counters: { ...state.counters } });
    } catch (err) {
      logger.warn({ err }, 'could not store the event consumer state');
    }
  };

  function scheduleReconnect(reason: string) {
    if (stopped || timer) return;
    const ceiling = Math.min(maxMs, firstMs * 2 ** failures);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    failures++;
    logger.warn({ queue, retryInMs: delay, reason }, 'lead event queue unavailable; reconnecting');
    void report({ status: 'disconnected', error: reason });
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
  }

  async function deadLetter(ch: ConfirmChannel, msg: ConsumeMessage, reason: string) {
    logger.warn({ queue, deadQueue, reason, deliveryTag: msg.fields.deliveryTag }, 'lead event not applied; moved to the dead-letter queue');
    await new Promise<void>((resolve, reject) => {
      ch.sendToQueue(
        deadQueue,
        msg.content,
        {
          persistent: true,
          contentType: msg.properties.contentType as string | undefined,
          messageId: msg.properties.messageId as string | undefined,
          headers: { ...(msg.properties.headers ?? {}), 'x-telehub-error': reason.slice(0, 500), 'x-telehub-queue': queue },
        },
        (err: unknown) => (err ? reject(err) : resolve()),
      );
    });
    ch.nack(msg, false, false);
    state.counters.deadLettered++;
  }

  async function handle(ch: ConfirmChannel, msg: ConsumeMessage) {
    state.counters.received++;
    state.lastMessageAt = clock.now();
    try {
      let json: unknown;
      try {
        json = JSON.parse(msg.content.toString('utf8'));
      } catch {
        return await deadLetter(ch, msg, 'the body is not JSON');
      }
      const parsed = EventBody.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return await deadLetter(ch, msg, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'not a lead event'}`);
      }
      const eventId = eventIdOf(msg, parsed.data);
      if (await repo.isConsumed(deps.db, AMQP, eventId)) {
        ch.ack(msg);
        state.counters.duplicates++;
        return;
      }
      const result = await deps.apply(parsed.data.data, parsed.data.event);
      if (!result.ok) return await deadLetter(ch, msg, result.reason);
      await deps.beforeCommit?.(eventId);
      await repo.markConsumed(deps.db, AMQP, eventId, clock.now());
      ch.ack(msg);
      state.counters.applied++;
      state.lastAppliedAt = clock.now();
      troubled = 0;
    } catch (err) {
      // Not the message's fault (database, CRM, channel): leave it to be delivered again, after a pause.
      const pause = Math.min(maxMs, 500 * 2 ** troubled++);
      logger.warn({ err, queue, retryInMs: pause }, 'lead event could not be applied; it will be delivered again');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, stopped ? 0 : pause);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      });
      try {
        ch.nack(msg, false, true);
      } catch {
        // The channel is gone; the broker redelivers unacknowledged messages by itself.
      }
    } finally {
      await report({});
    }
  }

  async function connect() {
    if (stopped) return;
    await report({ status: 'connecting' });
    let c: ChannelModel | null = null;
    try {
      const amqp = await import('amqplib');
      c = await amqp.connect(deps.url);
      const model = c;
      model.on('error', (err: Error) => logger.warn({ err, queue }, 'lead event connection error'));
      model.on('close', () => {
        if (conn === model) conn = null;
        scheduleReconnect('the connection closed');
      });
      const ch = await model.createConfirmChannel();
      ch.on('error', (err: Error) => logger.warn({ err, queue }, 'lead event channel error'));
      // A channel closed by the broker (e.g. the queue was deleted) takes the connection with it, to start clean.
      ch.on('close', () => void model.close().catch(() => undefined));
      await ch.assertQueue(queue, { durable: true });
      await ch.assertQueue(deadQueue, { durable: true });
      await ch.prefetch(deps.prefetch ?? 20);
      await ch.consume(
        queue,
        (msg) => {
          if (!msg) return void model.close().catch(() => undefined);
          chain = chain.then(() => handle(ch, msg));
        },
        { noAck: false },
      );
      if (stopped) {
        await model.close().catch(() => undefined);
        return;
      }
      conn = model;
      failures = 0;
      logger.info({ queue }, 'consuming lead events');
      await report({ status: 'consuming', error: null });
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      if (c) await c.close().catch(() => undefined);
      scheduleReconnect(reason);
    }
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void connect();
    },

    /** Stops consuming; by default lets the message in hand finish first. */
    async stop(opts: { drain?: boolean } = {}) {
      stopped = true;
      wake?.();
      if (timer) clearTimeout(timer);
      timer = null;
      const c = conn;
      conn = null;
      if (opts.drain !== false) await chain.catch(() => undefined);
      await c?.close().catch(() => undefined);
      await report({ status: 'stopped' });
    },

    state: (): ConsumerState => ({ ...state, counters: { ...state.counters } }),

    /** Resolves once the consumer is attached to the queue (tests, readiness). */
    whenConsuming(): Promise<void> {
      if (state.status === 'consuming') return Promise.resolve();
      return new Promise((resolve) => consumingWaiters.push(resolve));
    },
  };
}

export type AmqpConsumer = ReturnType<typeof createAmqpConsumer>;
