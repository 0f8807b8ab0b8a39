/**
 * Limits on what one operation may ask for, checked before anything runs: nesting depth and an
 * estimated cost (each field 1, times the items of every enclosing list). Introspection stays
 * available at a flat cost, so GraphiQL and code generators work without opening a hole.
 */
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
} as const;

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
  'Query.teams': { default: 20, max: 50 },
  'Query.alerts': { default: 50, max: 200 },
  'Query.leaderboard': { arg: ['limit'], default: 10, max: 100 },
  'Query.teamTrend': { arg: ['days'], default: 7, max: 31 },
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

type Measure = { depth: number; cost: number };
/** `measured` keeps each fragment's result: fragments spreading fragments twice over would otherwise cost 2^n. */
type Walk = { schema: GraphQLSchema; fragments: Map<string, FragmentDefinitionNode>; visiting: Set<string>; measured: Map<string, Measure> };

function fieldDef(parent: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
}

/** Depth and cost of a selection set under `parent`; unknown fields are left to the spec rules. */
function measure(w: Walk, parent: GraphQLCompositeType, set: SelectionSetNode): Measure {
  let depth = 0;
  let cost = 0;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) {
      const name = sel.name.value;
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
    } else if (sel.kind === Kind.INLINE_FRAGMENT) {
      const cond = sel.typeCondition ? w.schema.getType(sel.typeCondition.name.value) : parent;
      const inner = measure(w, cond && isCompositeType(cond) ? cond : parent, sel.selectionSet);
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
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
      depth = Math.max(depth, inner.depth);
      cost += inner.cost;
    }
  }
  return { depth, cost };
}

/** Depth and cost of one operation of a document (exported for tests and the subscription path). */
export function measureOperation(schema: GraphQLSchema, op: OperationDefinitionNode, fragments: FragmentDefinitionNode[]) {
  const root = op.operation === 'query' ? schema.getQueryType() : op.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return { depth: 0, cost: 0 };
  return measure({ schema, fragments: new Map(fragments.map((f) => [f.name.value, f])), visiting: new Set(), measured: new Map() }, root, op.selectionSet);
}

/** Validation rule: refuses operations deeper than LIMITS.maxDepth or costlier than LIMITS.maxCost. */
export function operationLimitsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(op) {
      const fragments = context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);
      const { depth, cost } = measureOperation(context.getSchema(), op, fragments);
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
      return false;
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
