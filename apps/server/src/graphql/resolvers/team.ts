/** Performance and the team view (the floor), and the User, Team, AgentStatus and Presence types. */
import type { Call, Presence, PresenceNext, User } from '@telehub/shared';
import { z } from 'zod';
import { type FloorPatch, type FloorView, type Performance, toPerformance } from '../../modules/analytics/index.js';
import { SYSTEM_ACTOR } from '../../platform/context.js';
import { type GraphQLContext, type GraphQLServices, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { type CallParent, callParent, leadFromBrief, seesUserDetails, toEnum } from '../presenters.js';

export type AgentStatusParent = { user: User; presence: Presence; currentCall: CallParent | null; today: Performance };
export type TeamStatusParent = {
  agents: AgentStatusParent[];
  liveCalls: CallParent[];
  totals: FloorView['totals'];
  today: Performance;
  updatedAt: Date;
};

/** A floor view's calls and agents as the schema shows them: each call with the lead and agent the floor already holds, so none is loaded again. */
function presenter(view: FloorView) {
  const embed = (c: Call): CallParent => {
    const brief = view.briefs.get(c.leadId);
    const agent = c.agentId ? view.users.get(c.agentId) : undefined;
    return callParent(c, { ...(brief ? { leadRef: leadFromBrief(brief) } : {}), ...(agent ? { agent } : {}) });
  };
  const agent = (a: FloorView['agents'][number]): AgentStatusParent => ({
    user: a.user,
    presence: a.presence,
    currentCall: a.currentCall ? embed(a.currentCall) : null,
    today: toPerformance(view.period, a.today),
  });
  return { embed, agent };
}

/** A floor view as the schema shows it; the rows are presented when a document asks for them. */
export function presentFloor(view: FloorView): TeamStatusParent {
  const { embed, agent } = presenter(view);
  const memo: { agents?: AgentStatusParent[]; liveCalls?: CallParent[] } = {};
  return {
    get agents() {
      memo.agents ??= view.agents.map(agent);
      return memo.agents;
    },
    get liveCalls() {
      memo.liveCalls ??= view.liveCalls.map(embed);
      return memo.liveCalls;
    },
    totals: view.totals,
    today: toPerformance(view.period, view.today),
    updatedAt: view.at,
  };
}

export type FloorPatchParent = TeamStatusParent & { seq: number; full: boolean; removedAgentIds: string[]; endedCallIds: string[] };

/** A live view's patch as the schema shows it (FloorPatch). */
export function presentPatch(patch: FloorPatch): FloorPatchParent {
  return { ...presentFloor(patch), seq: patch.seq, full: patch.full, removedAgentIds: patch.removedAgentIds, endedCallIds: patch.endedCallIds };
}

/** A teamId argument: a UUID, or null for every team the actor watches. */
export const uuidOrNull = (teamId: string | null | undefined) => (teamId === null || teamId === undefined ? null : parseInput(z.uuid(), teamId, 'teamId'));

export function teamResolvers(s: GraphQLServices) {
  // A floor names a handful of campaigns many times over: each name is read once every few seconds.
  const names = new Map<string, { at: number; ref: Promise<{ id: string; name: string } | null> }>();
  const campaignOf = (id: string | null) => {
    if (!id) return null;
    const hit = names.get(id);
    if (hit && Date.now() - hit.at < 5_000) return hit.ref;
    const ref = s.campaigns.row(id).then((c) => (c ? { id: c.id, name: c.name } : null));
    names.set(id, { at: Date.now(), ref });
    return ref;
  };
  // Every row of a floor names its team; the few teams are read once every few seconds per node,
  // not once per subscriber's answer (a live floor answers several times a second).
  const teams = { at: 0, ref: null as Promise<Map<string, { id: string; name: string }>> | null };
  const teamDirectory = async (id: string) => {
    // A team it does not know yet (just made) is a reason to read it again at once.
    if (teams.ref && Date.now() - teams.at < 5_000 && (await teams.ref.catch(() => null))?.has(id)) return teams.ref;
    const ref = s.users.listTeams(SYSTEM_ACTOR).then((all) => new Map(all.map((t) => [t.id, { id: t.id, name: t.name }])));
    ref.catch(() => {
      if (teams.ref === ref) teams.ref = null;
    });
    Object.assign(teams, { at: Date.now(), ref });
    return ref;
  };
  return {
    Query: {
      myPerformance: (_root: unknown, args: { period?: { from?: Date | null; to?: Date | null } | null }, ctx: GraphQLContext) =>
        s.analytics.myPerformance(viewerOf(ctx).actor, args.period),

      myPresence: (_root: unknown, _args: unknown, ctx: GraphQLContext) => s.agents.presence.get(viewerOf(ctx).actor.id),

      teamStatus: async (_root: unknown, args: { teamId?: string | null }, ctx: GraphQLContext) =>
        presentFloor(await s.analytics.teamStatus(viewerOf(ctx).actor, uuidOrNull(args.teamId))),
    },

    User: {
      email: (u: User, _a: unknown, ctx: GraphQLContext) => (seesUserDetails(viewerOf(ctx).actor, u) ? u.email : null),
      role: (u: User) => toEnum(u.role),
      async team(u: User, _a: unknown, ctx: GraphQLContext) {
        const { actor, loaders } = viewerOf(ctx);
        if (!u.teamId || !seesUserDetails(actor, u)) return null;
        // A request reads the teams once; a socket's live answers share the node's directory.
        if (!ctx.socket) return (await loaders.teams.load(u.teamId)) ?? null;
        return (await teamDirectory(u.teamId)).get(u.teamId) ?? null;
      },
    },

    AgentStatus: {
      campaign: (a: AgentStatusParent) => campaignOf(a.presence.campaignId),
      state: (a: AgentStatusParent) => toEnum(a.presence.state),
      // Presence answers the epoch for an agent who never had a state.
      since: (a: AgentStatusParent) => (Date.parse(a.presence.since) > 0 ? a.presence.since : null),
      reason: (a: AgentStatusParent) => a.presence.reason,
      next: (a: AgentStatusParent) => a.presence.next,
    },

    PresenceNext: {
      campaign: (n: PresenceNext) => campaignOf(n.campaignId),
      state: (n: PresenceNext) => toEnum(n.state),
    },

    Presence: {
      campaign: (p: Presence) => campaignOf(p.campaignId),
      state: (p: Presence) => toEnum(p.state),
      since: (p: Presence) => (Date.parse(p.since) > 0 ? p.since : null),
    },
  };
}
