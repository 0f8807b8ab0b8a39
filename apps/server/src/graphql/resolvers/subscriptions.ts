/**
 * Subscriptions, bridged from the EventBus (pubsub.ts). Role checks happen when a client
 * subscribes; each event is then filtered per subscriber before anything is resolved. The busiest
 * (call changes and the floor) go through the shared fan-out (fanout.ts): subscribers who would
 * get the same answer share one execution and one encoding.
 */
import type { Alert, AssistCard, Call, Presence, TranscriptSegment } from '@telehub/shared';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { AgentScope } from '../../modules/agents/index.js';
import type { AssistService } from '../../modules/assist/index.js';
import type { CallsReader } from '../../modules/calls/index.js';
import { isStaff, type Watched, watchedKey } from '../../platform/auth/roles.js';
import { CommonErrors } from '../../platform/errors.js';
import type { CallsFeed } from '../calls-feed.js';
import { closeAtExpiry, type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import { parseInput, toClientError } from '../errors.js';
import { receiverOf } from '../fanout.js';
import type { FloorFeed, FloorSubscriber } from '../floor-feed.js';
import type { GraphQLResolveInfo } from '../graphql-js.js';
import { callParent } from '../presenters.js';
import { type BusBridge, createFeed } from '../pubsub.js';
import { inboundFeed } from './inbound.js';
import { type FloorPatchParent, type TeamStatusParent, uuidOrNull } from './team.js';

/** How long a manager's list of watched users is trusted before it is read again. */
const SCOPE_TTL_MS = 60_000;

/**
 * What subscriptions need besides the services every resolver has: the scopes that stay current
 * while a socket lives, from the calls and agents modules (the rule REST and queries follow).
 */
export type LiveServices = GraphQLServices & {
  callsReader: Pick<CallsReader, 'watcher'>;
  assist: Pick<AssistService, 'cards'>;
  agents: { scope: Pick<AgentScope, 'assertActsFor' | 'live'> };
};

export function subscriptionResolvers(s: LiveServices, deps: { bridge: BusBridge; floor: FloorFeed; calls: CallsFeed; log: FastifyBaseLogger }) {
  const { bridge, floor, calls, log } = deps;
  const scopeNotRefreshed = (err: unknown) => log.warn({ err }, 'subscription scope not refreshed');

  /**
   * mercurius sends an error thrown while subscribing as it is, without the errorFormatter:
   * give it its extensions here. Every subscription also ends with its token.
   */
  const guard =
    <A>(fn: (args: A, ctx: GraphQLContext, info: GraphQLResolveInfo) => Promise<AsyncIterable<unknown>>) =>
    async (_root: unknown, args: A, ctx: GraphQLContext, info: GraphQLResolveInfo) => {
      try {
        const iterable = await fn(args, ctx, info);
        closeAtExpiry(ctx, s.clock);
        return iterable;
      } catch (err) {
        throw toClientError(err, log);
      }
    };

  /**
   * A floor subscription: the viewer's scope and team joined to the live floor, which sends to
   * the socket itself (floor-feed.ts); the iterator only holds the subscription open. A manager's
   * teams are read again now and then, and a change of them moves the subscriber to its new scope.
   */
  async function joinFloor(kind: FloorSubscriber['kind'], args: { teamId?: string | null }, ctx: GraphQLContext, info: GraphQLResolveInfo) {
    const { actor } = viewerOf(ctx);
    requireStaff(actor);
    const teamId = await s.analytics.watchedTeam(actor, uuidOrNull(args.teamId));
    const receiver = receiverOf(ctx, info);
    if (!receiver) throw CommonErrors.VALIDATION_FAILED('Subscriptions are served over the websocket at /graphql');
    const state = { watched: await s.users.watched(actor), at: Date.now(), refreshing: false, closed: false, leave: (() => undefined) as () => void };
    const onTick = () => {
      if (state.watched === null || state.refreshing || Date.now() - state.at < SCOPE_TTL_MS) return;
      state.refreshing = true;
      s.users
        .watched(actor)
        .then((next) => {
          state.at = Date.now();
          if (state.closed || watchedKey(next) === watchedKey(state.watched)) return;
          state.leave();
          enter(next);
        })
        .catch((err: unknown) => log.warn({ err }, 'team scope not refreshed'))
        .finally(() => {
          state.refreshing = false;
        });
    };
    const enter = (watched: Watched) => {
      state.watched = watched;
      state.leave = floor.join({ receiver, kind, scope: { watched, key: `${actor.role}:${watchedKey(watched)}` }, teamId, onTick });
    };
    enter(state.watched);
    return createFeed<never>({
      max: 1,
      onClose: () => {
        state.closed = true;
        state.leave();
      },
    });
  }

  return {
    Subscription: {
      callStatusChanged: {
        subscribe: guard(async (args: { telecallerId?: string | null }, ctx, info) => {
          const { actor } = viewerOf(ctx);
          const requested = parseInput(z.uuid().optional(), args.telecallerId ?? undefined, 'telecallerId');
          // A telecaller hears about their own calls, whatever they ask for; staff about the agents they watch.
          const watch = await s.callsReader.watcher(actor, requested, scopeNotRefreshed);
          const receiver = receiverOf(ctx, info);
          if (!receiver) return bridge.calls(watch.sees);
          // Delivered by the shared fan-out: the iterator only holds the subscription open.
          let leave: () => void = () => undefined;
          const feed = createFeed<never>({ max: 1, onClose: () => leave() });
          leave = calls.join(receiver, watch);
          return feed;
        }),
        resolve: (call: Call) => callParent(call),
      },

      teamUpdated: {
        subscribe: guard(async (args: { teamId?: string | null }, ctx, info) => joinFloor('snapshot', args, ctx, info)),
        resolve: (t: TeamStatusParent) => t,
      },

      floorChanged: {
        subscribe: guard(async (args: { teamId?: string | null }, ctx, info) => joinFloor('patches', args, ctx, info)),
        resolve: (p: FloorPatchParent) => p,
      },

      inboundChanged: {
        subscribe: guard(async (_args: unknown, ctx) => inboundFeed(s, log, ctx)),
        resolve: (v: unknown) => v,
      },

      alertChanged: {
        subscribe: guard(async (args: { teamId?: string | null }, ctx) => {
          const { actor } = viewerOf(ctx);
          requireStaff(actor);
          const teamId = await s.analytics.watchedTeam(actor, uuidOrNull(args.teamId));
          const sees = await s.alerts.watcher(actor);
          return bridge.alerts((a) => sees(a) && (teamId === null || a.teamId === teamId));
        }),
        resolve: (alert: Alert) => alert,
      },

      presenceChanged: {
        subscribe: guard(async (args: { userId?: string | null }, ctx) => {
          const { actor } = viewerOf(ctx);
          const requested = parseInput(z.uuid().optional(), args.userId ?? undefined, 'userId');
          // A telecaller hears about themselves, whatever they ask for.
          if (!isStaff(actor) || requested === actor.id) {
            return bridge.presence(
              (p) => p.userId === actor.id,
              async () => [await s.agents.presence.get(actor.id)],
            );
          }
          // Staff: the agent named, if they watch them (else NOT_FOUND), or everyone they watch.
          if (requested !== undefined) await s.agents.scope.assertActsFor(actor, requested);
          const scope = await s.agents.scope.live(actor, scopeNotRefreshed);
          if (requested !== undefined) {
            return bridge.presence(
              (p) => p.userId === requested && scope.actsFor(requested),
              async () => [await s.agents.presence.get(requested)],
            );
          }
          const now = scope.watched() ?? new Set((await s.users.list(actor)).map((u) => u.id));
          return bridge.presence(
            (p) => scope.actsFor(p.userId),
            () => s.agents.presence.list([...now]),
          );
        }),
        resolve: (p: Presence) => p,
      },

      transcript: {
        subscribe: guard(async (args: { callId: string; afterSeq?: number | null }, ctx) => {
          const { actor } = viewerOf(ctx);
          const callId = parseInput(z.uuid(), args.callId, 'callId');
          const afterSeq = args.afterSeq ?? null;
          // Both reads answer CALL_NOT_FOUND for a call the actor may not see.
          return bridge.segments(callId, async () => {
            if (afterSeq === null) {
              await s.callsReader.get(actor, callId);
              return [];
            }
            return (await s.callsReader.transcript(actor, callId, afterSeq)).items;
          });
        }),
        resolve: (segment: TranscriptSegment) => segment,
      },

      assistCards: {
        // The call's agent and the managers who watch them: the same check as reading the call (CALL_NOT_FOUND otherwise).
        subscribe: guard(async (args: { callId: string }, ctx) => {
          const { actor } = viewerOf(ctx);
          const callId = parseInput(z.uuid(), args.callId, 'callId');
          return bridge.cards(callId, () => s.assist.cards(actor, callId));
        }),
        resolve: (card: AssistCard) => card,
      },
    },
  };
}
