/**
 * Limits on what one operation may ask for, checked before anything runs: nesting depth, an
 * estimated cost (each field 1, times the items of every enclosing list), the number of aliases
 * and of field selections (fragments counted where they are spread), and the root fields that
 * are expensive on their own, which may run once per operation; and string literals without
 * control characters. Introspection stays available at a flat cost, so GraphiQL and code
 * generators work without opening a hole.
 */

import { invalidCharacter } from '@telehub/shared';
import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  GraphQLError,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from './graphql-js.js';

export const LIMITS = {
  /** Nesting of fields (a leaf counts), introspection excluded. */
  maxDepth: 10,
  maxCost: 10_000,
  /** Per __schema or __type field: the answer is small and static, but not free to serialize. */
  introspectionCost: 1000,
  /** Items assumed for a list field not listed in LIST_SIZES. */
  defaultListSize: 10,
  /** mercurius' own ceiling, counted with introspection: the standard introspection query is 15 deep. */
  ceilingDepth: 20,
  /** Parser guard against huge documents (the standard introspection query is about 300 tokens). */
  maxTokens: 5000,
  /**
   * Aliases in one operation. An alias asks for a field again under another name: cheap fields
   * aliased hundreds of times pass the cost estimate and still run hundreds of times.
   */
  maxAliases: 30,
  /** Field selections in one operation, fragments counted at each spread (the floor page asks about 120). */
  maxFields: 500,
} as const;

/**
 * Root fields that each cost a whole computation (the floor, aggregates over calls) or act on
 * the world (a dial): at most one response key each per operation.
 */
export const ONCE_PER_OPERATION: ReadonlySet<string> = new Set([
  'Query.teamStatus',
  'Query.myPerformance',
  'Query.leaderboard',
  'Query.teamTrend',
  'Query.teamHours',
  'Mutation.startCall',
  'Mutation.endCall',
]);

type ListSize = { arg?: readonly string[]; default: number; max: number };

/**
 * Items a list field can return; resolvers enforce the same bounds. A variable counts as the
 * maximum (validation never sees values); the floor's lists are estimates.
 */
export const LIST_SIZES = {
  'Query.leads': { arg: ['filter', 'pageSize'], default: 25, max: 100 },
  'Query.calls': { arg: ['filter', 'limit'], default: 25, max: 100 },
  'Lead.calls': { arg: ['limit'], default: 10, max: 50 },
  'TeamStatus.agents': { default: 100, max: 100 },
  'TeamStatus.liveCalls': { default: 50, max: 50 },
  'FloorPatch.agents': { default: 100, max: 100 },
  'FloorPatch.liveCalls': { default: 50, max: 50 },
  'Query.teams': { default: 20, max: 50 },
  'Query.alerts': { default: 50, max: 200 },
  'Query.leaderboard': { arg: ['limit'], default: 10, max: 100 },
  'Query.teamTrend': { arg: ['days'], default: 7, max: 31 },
  'Query.teamHours': { default: 24, max: 24 },
} as const satisfies Record<string, ListSize>;

const sizes: Record<string, ListSize | undefined> = LIST_SIZES;

const INTROSPECTION = new Set(['__schema', '__type']);

function literalInt(field: FieldNode, path: readonly string[]): number | 'variable' | undefined {
  const [name, ...rest] = path;
  let node: ValueNode | undefined = field.arguments?.find((a) => a.name.value === name)?.value;
  for (const key of rest) {
    if (!node) return undefined;
    if (node.kind === Kind.VARIABLE) return 'variable';
    if (node.kind !== Kind.OBJECT) return undefined;
    node = node.fields.find((f) => f.name.value === key)?.value;
  }
  if (!node) return undefined;
  if (node.kind === Kind.VARIABLE) return 'variable';
  return node.kind === Kind.INT ? Number.parseInt(node.value, 10) : undefined;
}

function listSize(parent: GraphQLCompositeType, field: FieldNode): number {
  const spec = sizes[`${parent.name}.${field.name.value}`];
  if (!spec) return LIMITS.defaultListSize;
  const v = spec.arg ? literalInt(field, spec.arg) : undefined;
  if (v === 'variable') return spec.max;
  return Math.min(spec.max, Math.max(1, v ?? spec.default));
}

type Measure = { depth: number; cost: number; fields: number; aliases: number };
/** `measured` keeps each fragment's result: fragments spreading fragments twice over would otherwise cost 2^n. */
type Walk = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; visiting: Set<string>; measured: Map<string, Measure> };

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** Depth and cost of a selection set under `parent`; unknown fields are left to the spec rules. */
function measure(w: Walk, parent: GraphQLCompositeType, set: SelectionSetNode): Measure {
  let depth = 0;
  let cost = 0;
  let fields = 0;
  let aliases = 0;
  const add = (inner: Measure) => {
    depth = Math.max(depth, inner.depth);
    cost += inner.cost;
    fields += inner.fields;
    aliases += inner.aliases;
  };
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
      fields += 1;
      if (sel.alias) aliases += 1;
      if (name === '__typename') continue;
      if (INTROSPECTION.has(name)) {
        cost += LIMITS.introspectionCost;
        continue;
      }
      const def = fieldDef(parent, name);
      const type = def ? getNamedType(def.type) : undefined;
      if (!sel.selectionSet || !type || !isCompositeType(type)) {
        depth = Math.max(depth, 1);
        cost += 1;
        continue;
      }
      const inner = measure(w, type, sel.selectionSet);
      const items = def && isListType(getNullableType(def.type)) ? listSize(parent, sel) : 1;
      depth = Math.max(depth, 1 + inner.depth);
      cost += 1 + items * inner.cost;
      fields += inner.fields;
      aliases += inner.aliases;
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      add(measure(w, cond && isCompositeType(cond) ? cond : parent, sel.selectionSet));
    } else {
      const name = sel.name.value;
      const frag = w.fragments.get(name);
      // A cycle is reported by the spec's NoFragmentCycles rule; just stop here.
      if (!frag || w.visiting.has(name)) continue;
      let inner = w.measured.get(name);
      if (!inner) {
        w.visiting.add(name);
        const cond = w.schema.getType(frag.typeCondition.name.value);
        inner = measure(w, cond && isCompositeType(cond) ? cond : parent, frag.selectionSet);
        w.visiting.delete(name);
        w.measured.set(name, inner);
      }
      add(inner);
    }
  }
  return { depth, cost, fields, aliases };
}

/**
 * The response keys under which each ONCE_PER_OPERATION field of the root is asked for, through
 * inline fragments and fragment spreads. graphql-js runs one field per response key, so the same
 * field twice under one key is one run.
 */
function onceFieldKeys(root: GraphQLCompositeType, set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>) {
  const keys = new Map<string, Set<string>>();
  const seen = new Set<string>();
  const walk = (s: SelectionSetNode) => {
    for (const sel of s.selections) {
      if (sel.kind === Kind.FIELD) {
        const id = `${root.name}.${sel.name.value}`;
        if (!ONCE_PER_OPERATION.has(id)) continue;
        const names = keys.get(id) ?? new Set<string>();
        names.add(sel.alias?.value ?? sel.name.value);
        keys.set(id, names);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else {
        const frag = fragments.get(sel.name.value);
        if (!frag || seen.has(frag.name.value)) continue;
        seen.add(frag.name.value);
        walk(frag.selectionSet);
      }
    }
  };
  walk(set);
  return keys;
}

const rootOf = (schema: GraphQLSchema, op: OperationDefinitionNode) =>
  op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();

/** Depth, cost, field selections and aliases of one operation of a document (exported for tests and the subscription path). */
export function measureOperation(schema: GraphQLSchema, op: OperationDefinitionNode, fragments: FragmentDefinitionNode[]): Measure {
  const root = rootOf(schema, op);
  if (!root) return { depth: 0, cost: 0, fields: 0, aliases: 0 };
  return measure({ schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), visiting: new Set(), measured: new Map() }, root, op.selectionSet);
}

/**
 * Validation rule: refuses operations deeper than LIMITS.maxDepth, costlier than LIMITS.maxCost,
 * with more than LIMITS.maxAliases aliases or LIMITS.maxFields field selections, or asking for a
 * ONCE_PER_OPERATION field under two names.
 */
export function operationLimitsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(op) {
      const fragments = context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
      const { depth, cost, fields, aliases } = measureOperation(context.getSchema(), op, fragments);
      const name = op.name?.value ?? 'the operation';
      if (depth > LIMITS.maxDepth) {
        context.reportError(
          new GraphQLError(`${name} is nested ${depth} levels deep; the limit is ${LIMITS.maxDepth}.`, {
            nodes: [op],
            extensions: { code: 'QUERY_TOO_DEEP', depth, maxDepth: LIMITS.maxDepth },
          }),
        );
      }
      if (cost > LIMITS.maxCost) {
        context.reportError(
          new GraphQLError(`${name} may cost ${cost} (fields times list sizes); the limit is ${LIMITS.maxCost}. Ask for fewer items or fields.`, {
            nodes: [op],
            extensions: { code: 'QUERY_TOO_COMPLEX', cost, maxCost: LIMITS.maxCost },
          }),
        );
      }
      if (aliases > LIMITS.maxAliases) {
        context.reportError(
          new GraphQLError(`${name} uses ${aliases} aliases; the limit is ${LIMITS.maxAliases}. Ask for each field once, or send several requests.`, {
            nodes: [op],
            extensions: { code: 'QUERY_TOO_MANY_ALIASES', aliases, maxAliases: LIMITS.maxAliases },
          }),
        );
      }
      if (fields > LIMITS.maxFields) {
        context.reportError(
          new GraphQLError(`${name} selects ${fields} fields (fragments counted where they are spread); the limit is ${LIMITS.maxFields}.`, {
            nodes: [op],
            extensions: { code: 'QUERY_TOO_MANY_FIELDS', fields, maxFields: LIMITS.maxFields },
          }),
        );
      }
      const root = rootOf(context.getSchema(), op);
      const once = root ? onceFieldKeys(root, op.selectionSet, new Map(fragments.map((f) => [f.name.value, f]))) : new Map();
      for (const [field, keys] of once) {
        if (keys.size < 2) continue;
        context.reportError(
          new GraphQLError(`${name} asks for ${field.split('.')[1]} ${keys.size} times (as ${[...keys].join(', ')}); it may be asked once per operation.`, {
            nodes: [op],
            extensions: { code: 'QUERY_REPEATS_EXPENSIVE_FIELD', field, times: keys.size },
          }),
        );
      }
    },
    // Text in the document itself: a NUL in a string literal would otherwise reach PostgreSQL.
    StringValue(node) {
      const problem = invalidCharacter(node.value, { multiLine: true });
      if (problem) {
        context.reportError(
          new GraphQLError(`A string in the document ${problem}.`, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', appCode: 'INVALID_CHARACTERS' } }),
        );
      }
    },
  };
}

/** Fails at startup when LIST_SIZES names a field or argument the schema does not have. */
export function assertListSizes(schema: GraphQLSchema): void {
  for (const [key, spec] of Object.entries(sizes)) {
    const [typeName = '', fieldName = ''] = key.split('.');
    const type = schema.getType(typeName);
    const field = type && isCompositeType(type) ? fieldDef(type, fieldName) : undefined;
    if (!field) throw new Error(`limits: ${key} is not in the schema`);
    if (!spec?.arg) continue;
    const [argName, ...rest] = spec.arg;
    let t: GraphQLInputType | undefined = field.args.find((a) => a.name === argName)?.type;
    for (const k of rest) {
      const named = t ? getNamedType(t) : undefined;
      t = isInputObjectType(named) ? named.getFields()[k]?.type : undefined;
    }
    if (!t) throw new Error(`limits: ${key} has no argument ${spec.arg.join('.')}`);
  }
}
