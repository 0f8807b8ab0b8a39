/** All resolvers, one file a domain, merged into the map mercurius takes. */
import type { FastifyBaseLogger } from 'fastify';
import type { IResolvers } from 'mercurius';
import type { CallsFeed } from '../calls-feed.js';
import type { FloorFeed } from '../floor-feed.js';
import { DateTimeScalar } from '../presenters.js';
import type { BusBridge } from '../pubsub.js';
import { callResolvers } from './calls.js';
import { floorResolvers } from './floor.js';
import { inboundResolvers } from './inbound.js';
import { leadResolvers } from './leads.js';
import { type LiveServices, subscriptionResolvers } from './subscriptions.js';
import { teamResolvers } from './team.js';

export function createResolvers(s: LiveServices, deps: { bridge: BusBridge; floor: FloorFeed; calls: CallsFeed; log: FastifyBaseLogger }): IResolvers {
  const leads = leadResolvers(s);
  const calls = callResolvers(s);
  const team = teamResolvers(s);
  const floor = floorResolvers(s);
  const inbound = inboundResolvers(s);
  return {
    DateTime: DateTimeScalar,
    Query: { ...leads.Query, ...calls.Query, ...team.Query, ...floor.Query, ...inbound.Query },
    Mutation: { ...leads.Mutation, ...calls.Mutation, ...floor.Mutation },
    Subscription: subscriptionResolvers(s, deps).Subscription,
    Lead: leads.Lead,
    Call: calls.Call,
    CallAnalytics: calls.CallAnalytics,
    TranscriptSegment: calls.TranscriptSegment,
    User: team.User,
    AgentStatus: team.AgentStatus,
    Presence: team.Presence,
    PresenceNext: team.PresenceNext,
    Alert: floor.Alert,
  };
}
