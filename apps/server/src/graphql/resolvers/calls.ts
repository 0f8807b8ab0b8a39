/** Calls: the list, start and end through the calls service, and the Call type's fields. */
import { type CallAnalysis, CallListQuery, DispositionBody, StartCallBody, type User } from '@telehub/shared';
import { z } from 'zod';
import { callsPolicy } from '../../modules/calls/index.js';
import { CommonErrors } from '../../platform/errors.js';
import { type GraphQLContext, type GraphQLServices, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { LIST_SIZES } from '../limits.js';
import { type CallParent, callParent, fromEnum, type LeadParent, leadFromBrief, toEnum, toEnumOrNull } from '../presenters.js';

type CallFilterArgs = {
  leadId?: string | null;
  telecallerId?: string | null;
  status?: string | null;
  from?: Date | null;
  to?: Date | null;
  limit?: number | null;
};

type EndCallArgs = { callId: string; outcome: string; notes?: string | null; callbackAt?: Date | null };

/** The outcomes CallOutcome names (the default disposition codes). */
const OUTCOMES = new Set(['interested', 'callback', 'not_interested', 'wrong_number', 'no_answer', 'converted']);

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function callResolvers(s: GraphQLServices) {
  return {
    Query: {
      async calls(_root: unknown, args: { filter?: CallFilterArgs | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const f = args.filter ?? {};
        const { max, default: byDefault } = LIST_SIZES['Query.calls'];
        const limit = parseInput(z.number().int().min(1).max(max), f.limit ?? byDefault, 'filter.limit');
        const agentId = parseInput(z.uuid().optional(), opt(f.telecallerId), 'filter.telecallerId');
        const q = parseInput(
          CallListQuery,
          {
            leadId: opt(f.leadId),
            agentId,
            status: f.status ? fromEnum(f.status) : undefined,
            from: f.from?.toISOString(),
            to: f.to?.toISOString(),
            pageSize: limit,
          },
          'filter',
        );
        const page = await s.callsReader.list(actor, q);
        // Call.lead is a whole lead, which one sees only while it is in one's scope: a call of
        // a lead since given to someone else stays in REST's list but is left out here.
        const visible = await s.leads.visibleIds(
          actor,
          page.items.map((c) => c.leadId),
        );
        return page.items.filter((c) => visible.has(c.leadId)).map((c) => callParent(c));
      },
    },

    Mutation: {
      async startCall(_root: unknown, args: { leadId: string; campaignId?: string | null; consentGiven?: boolean | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const body = parseInput(StartCallBody, { leadId: args.leadId, campaignId: opt(args.campaignId), consentGiven: opt(args.consentGiven) }, '');
        return callParent(await s.calls.start(actor, body));
      },

      /** Ends the call (a live one is hung up first) and saves its outcome, as the calls service's endCall does. */
      async endCall(_root: unknown, args: EndCallArgs, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const callId = parseInput(z.uuid(), args.callId, 'callId');
        const body = parseInput(
          DispositionBody,
          { disposition: fromEnum(args.outcome), notes: opt(args.notes), callbackAt: args.callbackAt?.toISOString() },
          '',
        );
        return callParent(await s.calls.endCall(actor, callId, body));
      },
    },

    Call: {
      async lead(p: CallParent, _a: unknown, ctx: GraphQLContext): Promise<LeadParent> {
        if (p.leadRef) return p.leadRef;
        const brief = await viewerOf(ctx).loaders.leadBriefs.load(p.leadId);
        if (!brief) throw CommonErrors.NOT_FOUND('Lead not found');
        return leadFromBrief(brief);
      },
      async telecaller(p: CallParent, _a: unknown, ctx: GraphQLContext): Promise<User> {
        const user = p.agent ?? (p.agentId ? await viewerOf(ctx).loaders.users.load(p.agentId) : undefined);
        if (!user) throw CommonErrors.NOT_FOUND('This call has no telecaller');
        return user;
      },
      startedAt: (p: CallParent) => p.startedAt ?? p.createdAt,
      duration: (p: CallParent) => p.durationSeconds,
      status: (p: CallParent) => toEnum(p.status),
      direction: (p: CallParent) => toEnum(p.direction),
      outcome: (p: CallParent) => (p.disposition && OUTCOMES.has(p.disposition) ? toEnum(p.disposition) : null),
      hangupBy: (p: CallParent) => toEnumOrNull(p.hangupBy),
      // The same rule as GET /calls/:id/recording: the agent on the call and staff who watch them.
      async recording(p: CallParent, _a: unknown, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        if (!p.recordingAvailable) return null;
        return callsPolicy.canAct(actor, p, await s.users.watched(actor)) ? `/api/v1/calls/${p.id}/recording` : null;
      },
      transcript: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.transcripts.load(p.id))?.text ?? null,
      // The lead's sentiment from the call's analysis; until it has run it is unknown, not 0.
      sentiment: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => leadSentiment(await viewerOf(ctx).loaders.analyses.load(p.id)),
      analytics: (p: CallParent) => p,
    },

    CallAnalytics: {
      talkSeconds: (p: CallParent) => p.durationSeconds,
      ringSeconds: (p: CallParent) =>
        p.answeredAt && p.startedAt ? Math.max(0, Math.round((Date.parse(p.answeredAt) - Date.parse(p.startedAt)) / 1000)) : null,
      hangupBy: (p: CallParent) => toEnumOrNull(p.hangupBy),
      transcriptSegments: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.transcripts.load(p.id))?.segments ?? 0,
      sentiment: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => leadSentiment(await viewerOf(ctx).loaders.analyses.load(p.id)),
      analysisStatus: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.status ?? 'pending',
      talkRatio: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.talkRatio ?? null,
      deadAirSeconds: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.deadAirSeconds ?? null,
      longestMonologueSeconds: async (p: CallParent, _a: unknown, ctx: GraphQLContext) =>
        (await viewerOf(ctx).loaders.analyses.load(p.id))?.longestMonologueSeconds ?? null,
      interruptions: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.interruptions ?? null,
      objections: async (p: CallParent, _a: unknown, ctx: GraphQLContext) =>
        ((await viewerOf(ctx).loaders.analyses.load(p.id))?.objections ?? []).map((o) => ({ type: o.type, handled: o.handled })),
      keywords: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.keywords ?? [],
      summary: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.summary || null,
      qaScore: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.analyses.load(p.id))?.qaScore ?? null,
    },

    TranscriptSegment: {
      speaker: (p: { speaker: string }) => toEnum(p.speaker),
    },
  };
}

/** The lead's mean sentiment score from an analysis (the last point of its arc is not the whole call). */
function leadSentiment(a: CallAnalysis | undefined): number | null {
  const arc = a?.sentimentArc.lead ?? [];
  if (arc.length === 0) return null;
  return Math.round((arc.reduce((s, v) => s + v, 0) / arc.length) * 100) / 100;
}
