/** Leads: the list and the update through the leads service, and the Lead type's fields. */
import { type Lead, LeadListQuery, UpdateLeadBody } from '@telehub/shared';
import { z } from 'zod';
import { leadsPolicy } from '../../modules/leads/index.js';
import { CommonErrors } from '../../platform/errors.js';
import { type GraphQLContext, type GraphQLServices, viewerOf } from '../context.js';
import { parseInput } from '../errors.js';
import { LIST_SIZES } from '../limits.js';
import { callParent, fromEnum, type LeadParent, leadFromRecord, toEnum } from '../presenters.js';

type LeadFilterArgs = {
  q?: string | null;
  status?: string[] | null;
  ownerId?: string | null;
  campaignId?: string | null;
  tag?: string | null;
  dnd?: boolean | null;
  sort?: string | null;
  page?: number | null;
  pageSize?: number | null;
};

const SORTS: Record<string, LeadListQuery['sort']> = {
  CREATED_AT: 'createdAt',
  CREATED_AT_DESC: '-createdAt',
  UPDATED_AT: 'updatedAt',
  UPDATED_AT_DESC: '-updatedAt',
  NAME: 'name',
  NAME_DESC: '-name',
  SCORE: 'score',
  SCORE_DESC: '-score',
};

const opt = <T>(v: T | null | undefined): T | undefined => v ?? undefined;

/** The REST list query, so the same validation (and the same messages) apply. */
function listQuery(f: LeadFilterArgs): LeadListQuery {
  return parseInput(
    LeadListQuery,
    {
      q: opt(f.q),
      // REST takes several statuses comma-separated.
      status: f.status?.length ? f.status.map((s) => s.toLowerCase()).join(',') : undefined,
      ownerId: opt(f.ownerId),
      campaignId: opt(f.campaignId),
      tag: opt(f.tag),
      dnd: f.dnd === null || f.dnd === undefined ? undefined : String(f.dnd),
      sort: SORTS[f.sort ?? 'CREATED_AT_DESC'],
      page: opt(f.page),
      pageSize: opt(f.pageSize),
    },
    'filter',
  );
}

/** The full record: at hand from a list or an update, else read through the leads service (audited). */
async function record(p: LeadParent, ctx: GraphQLContext): Promise<Lead> {
  if (p.record) return p.record;
  const lead = await viewerOf(ctx).loaders.leads.load(p.id);
  if (!lead) throw CommonErrors.NOT_FOUND('Lead not found');
  return lead;
}

/**
 * A lead reached through a call is known by its brief; past name and phone (which call lists
 * show), a telecaller sees it only while they own it, as with GET /api/v1/leads/:id.
 */
async function visible(s: GraphQLServices, p: LeadParent, ctx: GraphQLContext) {
  const { actor, loaders } = viewerOf(ctx);
  if (p.record || leadsPolicy.canSee(actor, p, await s.users.watched(actor))) return loaders;
  throw CommonErrors.NOT_FOUND('Lead not found');
}

const field =
  <K extends keyof Lead>(key: K) =>
  async (p: LeadParent, _args: unknown, ctx: GraphQLContext): Promise<Lead[K]> =>
    (await record(p, ctx))[key];

export function leadResolvers(s: GraphQLServices) {
  return {
    Query: {
      async leads(_root: unknown, args: { filter?: LeadFilterArgs | null }, ctx: GraphQLContext) {
        const { actor, loaders } = viewerOf(ctx);
        const page = await s.leads.list(actor, listQuery(args.filter ?? {}));
        for (const lead of page.items) loaders.leads.prime(lead.id, lead);
        return page.items.map(leadFromRecord);
      },
    },

    Mutation: {
      async updateLead(_root: unknown, args: { id: string; input: Record<string, unknown> }, ctx: GraphQLContext) {
        const { actor } = viewerOf(ctx);
        const id = parseInput(z.uuid(), args.id, 'id');
        const status = args.input.status;
        const body = parseInput(UpdateLeadBody, { ...args.input, ...(typeof status === 'string' ? { status: fromEnum(status) } : {}) }, 'input');
        return leadFromRecord(await s.leads.update(actor, id, body));
      },
    },

    Lead: {
      email: field('email'),
      status: async (p: LeadParent, _a: unknown, ctx: GraphQLContext) => toEnum((await record(p, ctx)).status),
      score: field('score'),
      language: field('language'),
      city: field('city'),
      timezone: field('timezone'),
      tags: field('tags'),
      dnd: field('dnd'),
      createdAt: field('createdAt'),
      updatedAt: field('updatedAt'),
      lastCallAt: async (p: LeadParent, _a: unknown, ctx: GraphQLContext) => (await (await visible(s, p, ctx)).lastCallAt.load(p.id)) ?? null,
      assignedTo: async (p: LeadParent, _a: unknown, ctx: GraphQLContext) => {
        const loaders = await visible(s, p, ctx);
        return p.ownerId ? ((await loaders.users.load(p.ownerId)) ?? null) : null;
      },
      async calls(p: LeadParent, args: { limit?: number | null }, ctx: GraphQLContext) {
        const { max } = LIST_SIZES['Lead.calls'];
        const limit = parseInput(z.number().int().min(1).max(max), args.limit ?? LIST_SIZES['Lead.calls'].default, 'limit');
        const calls = (await (await visible(s, p, ctx)).leadCalls(limit).load(p.id)) ?? [];
        // The calls' lead is this one: hand it down instead of loading it again.
        return calls.map((c) => callParent(c, { leadRef: p }));
      },
    },
  };
}
