/** The depth and cost estimate on its own: list multipliers, fragments, variables, introspection. */
import { describe, expect, it } from 'vitest';
import { buildSchema, type FragmentDefinitionNode, getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, validate } from './graphql-js.js';
import { assertListSizes, LIMITS, measureOperation, operationLimitsRule } from './limits.js';
import { typeDefs } from './schema.js';

const schema = buildSchema(typeDefs);

function measure(query: string) {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation');
  return measureOperation(
    schema,
    op,
    doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION),
  );
}

describe('operation limits', () => {
  it('counts each field once, times the items of every list around it', () => {
    // leads: 1 + 50 x (id + name + calls: 1 + 10 x (id + status))
    expect(measure('{ leads(filter: { pageSize: 50 }) { id name calls(limit: 10) { id status } } }')).toEqual({
      depth: 3,
      cost: 1 + 50 * (2 + 1 + 10 * 2),
      fields: 6,
      aliases: 0,
    });
    // Defaults when the argument is left out; the maximum when it is a variable.
    expect(measure('{ leads { id } }').cost).toBe(1 + 25);
    expect(measure('query($n: Int) { calls(filter: { limit: $n }) { id } }').cost).toBe(1 + 100);
    expect(measure('query($f: LeadFilter) { leads(filter: $f) { id } }').cost).toBe(1 + 100);
    // Out-of-range literals are priced at the bound (the resolver refuses them anyway).
    expect(measure('{ calls(filter: { limit: 100000 }) { id } }').cost).toBe(1 + 100);
  });

  it('follows fragments and inline fragments, each fragment measured once', () => {
    const q =
      'query { leads(filter: { pageSize: 2 }) { ...L } } fragment L on Lead { id ... on Lead { name } assignedTo { ...U } } fragment U on User { id name }';
    expect(measure(q)).toEqual({ depth: 3, cost: 1 + 2 * (1 + 1 + (1 + 2)), fields: 6, aliases: 0 });
    // 30 fragments, each spreading the next twice: 2^30 paths, measured in 30 steps and refused.
    const frags = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on Lead { ${i < 29 ? `calls(limit: 1) { lead { ...F${i + 1} } } a${i}: calls(limit: 1) { lead { ...F${i + 1} } }` : 'id'} }`,
    );
    const started = Date.now();
    const big = measure(`{ leads(filter: { pageSize: 1 }) { ...F0 } } ${frags.join(' ')}`);
    expect(Date.now() - started).toBeLessThan(200);
    expect(big.cost).toBeGreaterThan(LIMITS.maxCost);
  });

  it('prices introspection flat and leaves it out of the depth', () => {
    const intro = parse(getIntrospectionQuery());
    expect(validate(schema, intro, [operationLimitsRule])).toEqual([]);
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({
      depth: 0,
      cost: LIMITS.introspectionCost,
      fields: 1,
      aliases: 0,
    });
    expect(measure('{ __typename leads { __typename id } }').cost).toBe(1 + 25);
  });

  it('reports both limits as coded validation errors', () => {
    const errors = validate(schema, parse('{ leads(filter: { pageSize: 100 }) { calls(limit: 50) { lead { calls(limit: 50) { id } } } } }'), [
      operationLimitsRule,
    ]);
    expect(errors.map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  const codesOf = (query: string) => validate(schema, parse(query), [operationLimitsRule]).map((e) => e.extensions.code);

  it('refuses hundreds of aliases of one field, however cheap each one is', () => {
    const teamStatus = Array.from({ length: 450 }, (_, i) => `t${i}: teamStatus { updatedAt }`).join(' ');
    expect(codesOf(`{ ${teamStatus} }`)).toEqual(expect.arrayContaining(['QUERY_TOO_MANY_ALIASES', 'QUERY_REPEATS_EXPENSIVE_FIELD']));
    // __typename costs nothing, yet each alias is one more field to answer.
    const typenames = Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `n${i}: __typename`).join(' ');
    expect(codesOf(`{ ${typenames} }`)).toEqual(['QUERY_TOO_MANY_ALIASES']);
    expect(codesOf(`{ ${Array.from({ length: LIMITS.maxAliases }, (_, i) => `n${i}: __typename`).join(' ')} }`)).toEqual([]);
  });

  it('counts aliases and fields through fragments, as they run', () => {
    const frag = `fragment A on Query { ${Array.from({ length: 11 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    expect(codesOf(`{ ...A ... on Query { ...A } ...B } fragment B on Query { ...A } ${frag}`)).toEqual(['QUERY_TOO_MANY_ALIASES']);
    // No aliases at all: the same field over and over in inline fragments is still work.
    const many = Array.from({ length: LIMITS.maxFields + 1 }, () => '... on Query { __typename }').join(' ');
    expect(codesOf(`{ ${many} }`)).toEqual(['QUERY_TOO_MANY_FIELDS']);
  });

  it('lets an expensive root field run once per operation, under any alias or fragment', () => {
    expect(codesOf('{ a: myPerformance { calls } b: myPerformance { calls } }')).toEqual(['QUERY_REPEATS_EXPENSIVE_FIELD']);
    expect(codesOf('{ teamStatus { updatedAt } ...F } fragment F on Query { again: teamStatus { updatedAt } }')).toEqual(['QUERY_REPEATS_EXPENSIVE_FIELD']);
    expect(codesOf('mutation($l: ID!) { a: startCall(leadId: $l) { id } b: startCall(leadId: $l) { id } }')).toEqual(['QUERY_REPEATS_EXPENSIVE_FIELD']);
    // The same response key twice is one execution (graphql merges it), as is each field once.
    expect(codesOf('{ teamStatus { updatedAt } teamStatus { totals { agents } } }')).toEqual([]);
    expect(codesOf('{ teamStatus { updatedAt } myPerformance { calls } leaderboard { rank } teamTrend { calls } }')).toEqual([]);
  });

  it('accepts what the command center asks for', () => {
    const performance = 'calls connects connectRate talkSeconds averageHandleSeconds conversions loggedInSeconds callsPerHour talkMinutesPerHour';
    const call = 'id status startedAt answeredAt endedAt wrapUpPending lead { id name } telecaller { id name }';
    const alert = 'id kind severity message agent { id name } team { id name } callId leadName value threshold since raisedAt acknowledgedAt resolvedAt';
    const floor = `query Floor($teamId: ID) {
      teamStatus(teamId: $teamId) {
        agents { user { id name team { id name } } state since reason currentCall { ${call} } today { ${performance} } }
        liveCalls { ${call} }
        totals { agents available ringing onCall wrapUp onBreak offline liveCalls }
        today { ${performance} }
        updatedAt
      }
      teams { id name }
      alerts(status: OPEN, teamId: $teamId) { ${alert} }
      leaderboard(period: TODAY, teamId: $teamId, limit: 10) { rank user { id name } performance { ${performance} } }
      teamTrend(days: 7, teamId: $teamId) { from to ${performance} }
    }`;
    expect(codesOf(floor)).toEqual([]);
  });

  it('matches the schema it prices', () => {
    expect(() => assertListSizes(schema)).not.toThrow();
  });
});
