/** Calls: the list, start and end through the calls service, and the Call type's fields. */
import { type Call, CallListQuery, DispositionBody, isTerminalStatus, StartCallBody, type User } from '@telehub/shared';
import { z } from 'zod';
import type { Actor } from '../../platform/context.js';
import { AppError, CommonErrors } from '../../platform/errors.js';
import { type GraphQLContext, type GraphQLServices, isStaff, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { LIST_SIZES } from '../limits.js';
import { type CallParent, callParent, fromEnum, type LeadParent, leadFromBrief, toEnum, toEnumOrNull } from '../presenters.js';
import type { BusBridge } from '../pubsub.js';

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

/** How long endCall waits for the provider to confirm the hang-up before giving up. */
export const HANGUP_CONFIRM_MS = 10_000;

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

export function callResolvers(s: GraphQLServices, bridge: BusBridge) {
  /**
   * The checks dispose() would make, made before a live call is hung up, so that an outcome
   * that cannot be saved leaves the call alone. Codes and messages are the calls service's.
   */
  async function precheck(body: DispositionBody) {
    const d = await s.dispositions.find(body.disposition);
    if (!d) throw new AppError('DISPOSITION_UNKNOWN', 'bad_request', `disposition: "${body.disposition}" is not one of the configured dispositions`);
    const at = body.callbackAt ? new Date(body.callbackAt) : null;
    if (d.requiresCallback && !at) throw new AppError('CALLBACK_TIME_REQUIRED', 'bad_request', 'callbackAt: this disposition needs a callback time');
    if (at && at <= s.clock.now()) throw new AppError('CALLBACK_TIME_PAST', 'bad_request', 'callbackAt: must be in the future');
  }

  /** Hangs up and waits until the provider's end of the call has been applied. */
  async function hangUp(actor: Actor, id: string): Promise<Call> {
    const abort = new AbortController();
    // Listen before hanging up: the terminal event may come back before hangup() returns.
    const ended = bridge.waitForCall(
      id,
      (c) => isTerminalStatus(c.status),
      () => s.calls.get(actor, id),
      HANGUP_CONFIRM_MS,
      abort.signal,
    );
    // Observed now, awaited later: a failed check must not surface as an unhandled rejection.
    ended.catch(() => undefined);
    try {
      await s.calls.hangup(actor, id);
    } catch (err) {
      abort.abort();
      await ended.catch(() => undefined);
      // Ended on its own meanwhile: nothing left to hang up.
      if (err instanceof AppError && err.code === 'CALL_NOT_LIVE') {
        const now = await s.calls.get(actor, id);
        if (isTerminalStatus(now.status)) return now;
      }
      throw err;
    }
    const call = await ended;
    if (!call) {
      throw new AppError(
        'CALL_STILL_LIVE',
        'conflict',
        'The call was hung up, but the provider has not confirmed the end yet; save the outcome again in a moment.',
      );
    }
    return call;
  }

  return {
    Query: {
      async calls(_root: unknown, args: { filter?: CallFilterArgs | null }, ctx: GraphQLContext) {
        const { actor, loaders } = viewerOf(ctx);
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
        const page = await s.calls.list(actor, q);
        if (isStaff(actor)) return page.items.map((c) => callParent(c));
        // Call.lead is a whole lead, which a telecaller sees only while they own it: their own
        // calls to leads since given to someone else stay in REST's list but are left out here.
        const briefs = await Promise.all(page.items.map((c) => loaders.leadBriefs.load(c.leadId)));
        return page.items.filter((_c, i) => briefs[i]?.ownerId === actor.id).map((c) => callParent(c));
      },
    },

    Mutation: {
      async startCall(_root: unknown, args: { leadId: string; campaignId?: string | null; consentGiven?: boolean | null }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const body = parseInput(StartCallBody, { leadId: args.leadId, campaignId: opt(args.campaignId), consentGiven: opt(args.consentGiven) }, '');
        return callParent(await s.calls.start(actor, body));
      },

      /**
       * Ends the call and saves its outcome: a live call is hung up first (nothing is hung up
       * when the outcome could not be saved), then, once the provider confirms the end, the
       * disposition is saved as POST /calls/:id/disposition saves it.
       */
      async endCall(_root: unknown, args: EndCallArgs, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const callId = parseInput(z.uuid(), args.callId, 'callId');
        const body = parseInput(
          DispositionBody,
          { disposition: fromEnum(args.outcome), notes: opt(args.notes), callbackAt: args.callbackAt?.toISOString() },
          '',
        );
        const call = await s.calls.get(actor, callId);
        if (!isTerminalStatus(call.status)) {
          await precheck(body);
          await hangUp(actor, callId);
        }
        return callParent(await s.calls.dispose(actor, callId, body));
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
      // The same rule as GET /calls/:id/recording: the agent on the call and staff.
      recording(p: CallParent, _a: unknown, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        return p.recordingAvailable && (isStaff(actor) || p.agentId === actor.id) ? `/api/v1/calls/${p.id}/recording` : null;
      },
      transcript: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.transcripts.load(p.id))?.text ?? null,
      // Sentiment is computed by a later stage of the analytics; until then it is unknown, not 0.
      sentiment: () => null,
      analytics: (p: CallParent) => p,
    },

    CallAnalytics: {
      talkSeconds: (p: CallParent) => p.durationSeconds,
      ringSeconds: (p: CallParent) =>
        p.answeredAt && p.startedAt ? Math.max(0, Math.round((Date.parse(p.answeredAt) - Date.parse(p.startedAt)) / 1000)) : null,
      hangupBy: (p: CallParent) => toEnumOrNull(p.hangupBy),
      transcriptSegments: async (p: CallParent, _a: unknown, ctx: GraphQLContext) => (await viewerOf(ctx).loaders.transcripts.load(p.id))?.segments ?? 0,
      sentiment: () => null,
    },

    TranscriptSegment: {
      speaker: (p: { speaker: string }) => toEnum(p.speaker),
    },
  };
}
