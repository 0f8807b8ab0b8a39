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
    expect(measure('{ leads(filter: { pageSize: 50 }) { id name calls(limit: 10) { id status } } }')).toEqual({ depth: 3, cost: 1 + 50 * (2 + 1 + 10 * 2) });
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
    expect(measure(q)).toEqual({ depth: 3, cost: 1 + 2 * (1 + 1 + (1 + 2)) });
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
    expect(measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }')).toEqual({ depth: 0, cost: LIMITS.introspectionCost });
    expect(measure('{ __typename leads { __typename id } }').cost).toBe(1 + 25);
  });

  it('reports both limits as coded validation errors', () => {
    const errors = validate(schema, parse('{ leads(filter: { pageSize: 100 }) { calls(limit: 50) { lead { calls(limit: 50) { id } } } } }'), [
      operationLimitsRule,
    ]);
    expect(errors.map((e) => e.extensions.code)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('matches the schema it prices', () => {
    expect(() => assertListSizes(schema)).not.toThrow();
  });
});
