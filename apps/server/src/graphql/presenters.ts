/**
 * Shapes between the services' DTOs and the schema: the DateTime scalar, enum casing, the
 * objects resolvers hand to each other (a lead known by its full record or by a brief), report
 * periods and performance figures.
 */
import type { Call, Lead, User } from '@telehub/shared';
import { z } from 'zod';
import type { Actor } from '../platform/context.js';
import { GraphQLError, Kind, type ValueNode } from './graphql-js.js';
import type { LeadBrief } from './loaders.js';

/** REST values are lower snake case; GraphQL enum values are the same in upper case. */
export const toEnum = (value: string) => value.toUpperCase();
export const toEnumOrNull = (value: string | null | undefined) => (value ? value.toUpperCase() : null);
export const fromEnum = (value: string) => value.toLowerCase();

const IsoDateTime = z.iso.datetime({ offset: true });

function parseDateTime(value: unknown): Date {
  if (typeof value !== 'string' || !IsoDateTime.safeParse(value).success) {
    throw new GraphQLError('DateTime: expected an ISO 8601 date-time with an offset, e.g. 2025-01-31T09:30:00Z', { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return new Date(value);
}

/** The DateTime scalar's functions (mercurius copies them onto the SDL's scalar). */
export const DateTimeScalar = {
  serialize(value: unknown): string {
    const d = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
    if (!d || Number.isNaN(d.getTime())) throw new GraphQLError('DateTime cannot represent this value');
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast: ValueNode): Date {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime: expected a string', { extensions: { code: 'BAD_USER_INPUT' } });
    return parseDateTime(ast.value);
  },
};

/** A lead as resolvers pass it on: always name, phone and owner; the full record when at hand. */
export type LeadParent = { id: string; name: string; phone: string; ownerId: string | null; record: Lead | null };

export const leadFromRecord = (lead: Lead): LeadParent => ({ id: lead.id, name: lead.name, phone: lead.phone, ownerId: lead.ownerId, record: lead });
export const leadFromBrief = (b: LeadBrief): LeadParent => ({ id: b.id, name: b.name, phone: b.phone, ownerId: b.ownerId, record: null });

/** A call as resolvers pass it on, with its lead and agent when the parent already has them. */
export type CallParent = Call & { leadRef?: LeadParent; agent?: User };

/** A call with what its parent already knows, so neither is loaded again. */
export const callParent = (call: Call, extra: { leadRef?: LeadParent; agent?: User } = {}): CallParent => ({ ...call, ...extra });

/** Whether `viewer` sees `user`'s email and team: staff see everyone's, a telecaller their own. */
export const seesUserDetails = (viewer: Actor, user: { id: string }) => viewer.role !== 'telecaller' || viewer.id === user.id;
