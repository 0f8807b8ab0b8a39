/** The inbound queue for the command center: a query, and a subscription that sends it again after each change. */
import type { InboundQueue, InboundStats } from '@telehub/shared';
import type { FastifyBaseLogger } from 'fastify';
import type { Actor } from '../../platform/context.js';
import { type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import { createFeed } from '../pubsub.js';

/** A subscriber gets at most one fresh status a second, however busy the queue. */
const INBOUND_UPDATE_INTERVAL_MS = 1000;

const upper = (v: string) => v.toUpperCase();

function statusOf(queue: InboundQueue, stats: InboundStats, at: Date) {
  return {
    waiting: queue.waiting,
    longestWaitSeconds: queue.longestWaitSeconds,
    callers: queue.items.map((i) => ({ ...i, state: upper(i.state), missedReason: i.missedReason ? upper(i.missedReason) : null })),
    targetSeconds: stats.targetSeconds,
    today: stats.today,
    hours: stats.hours.map(({ hour, ...figures }) => ({ hour, figures })),
    callbacksOverdue: stats.callbacksOverdue,
    updatedAt: at.toISOString(),
  };
}

type Services = Pick<GraphQLServices, 'inbound' | 'bus' | 'clock'>;

async function load(s: Services, actor: Actor) {
  const [queue, stats] = await Promise.all([s.inbound.queue(actor), s.inbound.stats(actor)]);
  return statusOf(queue, stats, s.clock.now());
}

export function inboundResolvers(s: Services) {
  return {
    Query: {
      inbound: async (_root: unknown, _args: unknown, ctx: GraphQLContext) => {
        const { actor } = viewerOf(ctx);
        requireStaff(actor);
        return load(s, actor);
      },
    },
  };
}

/** The subscription's feed: the status now, then again after changes, at most one a second. */
export async function inboundFeed(s: Services, log: FastifyBaseLogger, ctx: GraphQLContext) {
  const { actor } = viewerOf(ctx);
  requireStaff(actor);
  let timer: NodeJS.Timeout | null = null;
  let last = 0;
  let unsubscribe: () => void = () => undefined;
  const feed = createFeed<Awaited<ReturnType<typeof statusOf>>>({
    max: 1,
    latestOnly: true,
    onClose: () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    },
  });
  const send = () => {
    timer = null;
    last = Date.now();
    load(s, actor).then(
      (v) => feed.push(v),
      (err: unknown) => log.warn({ err }, 'inbound status not sent'),
    );
  };
  const schedule = () => {
    if (timer) return;
    timer = setTimeout(send, Math.max(20, last + INBOUND_UPDATE_INTERVAL_MS - Date.now()));
    timer.unref();
  };
  unsubscribe = s.bus.subscribe('inbound.updated', schedule);
  send();
  return feed;
}
