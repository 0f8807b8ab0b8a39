/**
 * Subscriptions, bridged from the EventBus (pubsub.ts). Role checks happen when a client
 * subscribes; each event is then filtered per subscriber before anything is resolved.
 */
import { createHash } from 'node:crypto';
import type { Alert, AssistCard, Call, Presence, TranscriptSegment } from '@telehub/shared';
import type { FastifyBaseLogger } from 'fastify';
import { z } from 'zod';
import type { AgentScope } from '../../modules/agents/index.js';
import type { Floor } from '../../modules/analytics/index.js';
import type { AssistService } from '../../modules/assist/index.js';
import type { CallsReader } from '../../modules/calls/index.js';
import { isStaff } from '../../platform/auth/roles.js';
import { closeAtExpiry, type GraphQLContext, type GraphQLServices, requireStaff, viewerOf } from '../context.js';
import { parseInput, toClientError } from '../errors.js';
import { callParent } from '../presenters.js';
import { type BusBridge, createFeed, type SnapshotFeed } from '../pubsub.js';
import { inboundFeed } from './inbound.js';
import { type TeamStatusParent, teamStatusOf, uuidOrNull } from './team.js';

/** How long a manager's list of watched users is trusted before it is read again. */
const SCOPE_TTL_MS = 60_000;

/** Names a set of watched users, so viewers who watch the same people share one view. */
const scopeKey = (ids: ReadonlySet<string> | null) =>
  ids === null
    ? '*'
    : createHash('sha1')
        .update([...ids].sort().join(','))
        .digest('base64');

/**
 * Each floor snapshot's views, one per scope and team filter: fifty managers of one team cost
 * one view per tick, not fifty. Dropped with the snapshot.
 */
const views = new WeakMap<Floor, Map<string, TeamStatusParent>>();
function viewOf(f: Floor, ids: ReadonlySet<string> | null, key: string, teamId: string | null): TeamStatusParent {
  let byScope = views.get(f);
  if (!byScope) {
    byScope = new Map();
    views.set(f, byScope);
  }
  const k = `${key}|${teamId ?? ''}`;
  let view = byScope.get(k);
  if (!view) {
    view = teamStatusOf(f, ids, teamId);
    byScope.set(k, view);
  }
  return view;
}

/**
 * What subscriptions need besides the services every resolver has: the scopes that stay current
 * while a socket lives, from the calls and agents modules (the rule REST and queries follow).
 */
export type LiveServices = GraphQLServices & {
  callsReader: Pick<CallsReader, 'watcher'>;
  assist: Pick<AssistService, 'cards'>;
  agents: { scope: Pick<AgentScope, 'assertActsFor' | 'live'> };
};

export function subscriptionResolvers(s: LiveServices, deps: { bridge: BusBridge; floor: SnapshotFeed<Floor>; log: FastifyBaseLogger }) {
  const { bridge, floor, log } = deps;
  const scopeNotRefreshed = (err: unknown) => log.warn({ err }, 'subscription scope not refreshed');

  /**
   * mercurius sends an error thrown while subscribing as it is, without the errorFormatter:
   * give it its extensions here. Every subscription also ends with its token.
   */
  const guard =
    <A>(fn: (args: A, ctx: GraphQLContext) => Promise<AsyncIterable<unknown>>) =>
    async (_root: unknown, args: A, ctx: GraphQLContext) => {
      try {
        const iterable = await fn(args, ctx);
        closeAtExpiry(ctx, s.clock);
        return iterable;
      } catch (err) {
        throw toClientError(err, log);
      }
    };

  return {
    Subscription: {
      callStatusChanged: {
        subscribe: guard(async (args: { telecallerId?: string | null }, ctx) => {
          const { actor } = viewerOf(ctx);
          const requested = parseInput(z.uuid().optional(), args.telecallerId ?? undefined, 'telecallerId');
          // A telecaller hears about their own calls, whatever they ask for; staff about the agents they watch.
          return bridge.calls(await s.callsReader.watcher(actor, requested, scopeNotRefreshed));
        }),
        resolve: (call: Call) => callParent(call),
      },

      teamUpdated: {
        subscribe: guard(async (args: { teamId?: string | null }, ctx) => {
          const { actor } = viewerOf(ctx);
          requireStaff(actor);
          const teamId = await s.analytics.watchedTeam(actor, uuidOrNull(args.teamId));
          const ids = await s.users.watched(actor);
          const scope = { ids, key: scopeKey(ids), at: Date.now(), refreshing: false };
          let stop: () => void = () => undefined;
          const feed = createFeed<TeamStatusParent>({ max: 1, latestOnly: true, onClose: () => stop() });
          stop = floor.listen((f) => {
            feed.push(viewOf(f, scope.ids, scope.key, teamId));
            // A manager's teams change rarely: read them again now and then, not on every tick.
            if (scope.ids && !scope.refreshing && Date.now() - scope.at > SCOPE_TTL_MS) {
              scope.refreshing = true;
              s.users
                .watched(actor)
                .then((next) => Object.assign(scope, { ids: next, key: scopeKey(next), at: Date.now() }))
                .catch((err: unknown) => log.warn({ err }, 'team scope not refreshed'))
                .finally(() => {
                  scope.refreshing = false;
                });
            }
          });
          return feed;
        }),
        resolve: (t: TeamStatusParent) => t,
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
