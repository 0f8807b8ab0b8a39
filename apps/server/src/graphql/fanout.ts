/**
 * Shared delivery for the busiest subscriptions (the floor and call changes). mercurius runs a
 * subscription's document once per subscriber per event and serialises each result on its own:
 * fifty managers of one team watching the same floor cost fifty executions and fifty encodings of
 * the same answer. Here a subscription registers as a receiver instead (its socket, id, document
 * and variables); an event is executed once per group of receivers that would get the same answer
 * (same document and variables, and the same scope, which the caller names), encoded once, and
 * written to each socket as a graphql-ws data message with its own id around the shared payload.
 *
 * The subscription's own iterator stays open and empty, so mercurius still owns its lifetime:
 * a client's stop or a closed socket returns it, and the receiver leaves. A socket whose unsent
 * bytes pass `maxBufferedBytes` is skipped (the caller decides what a skip means: a dropped
 * change, or a full snapshot later).
 */
import type { WebSocket } from 'ws';
import type { GraphQLContext } from './context.js';
import { type DocumentNode, type ExecutionResult, execute, type GraphQLResolveInfo, type GraphQLSchema, Kind, print } from './graphql-js.js';

export type Receiver = {
  ctx: GraphQLContext;
  socket: WebSocket;
  /** The subscription's id on its socket. */
  id: string;
  /** The document and variables: receivers with equal keys (and equal scope) get equal answers. */
  key: string;
  document: DocumentNode;
  variables: Record<string, unknown>;
  /** The data message's type in the socket's protocol. */
  type: 'next' | 'data';
};

const printed = new WeakMap<object, string>();
const OPEN = 1;

/** The receiver of a subscription being set up; null outside a websocket. */
export function receiverOf(ctx: GraphQLContext, info: GraphQLResolveInfo): Receiver | null {
  const socket = ctx.socket;
  const id = (ctx as { id?: unknown }).id;
  if (!socket || (typeof id !== 'string' && typeof id !== 'number')) return null;
  const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [info.operation, ...Object.values(info.fragments)] };
  let text = printed.get(info.operation);
  if (text === undefined) {
    text = print(document);
    printed.set(info.operation, text);
  }
  return {
    ctx,
    socket,
    id: String(id),
    key: `${text}\n${JSON.stringify(info.variableValues)}`,
    document,
    variables: info.variableValues,
    type: socket.protocol === 'graphql-ws' ? 'data' : 'next',
  };
}

export type Fanout = ReturnType<typeof createFanout>;

export function createFanout(deps: {
  schema: () => GraphQLSchema;
  /** Errors as clients see them (the app's error formatter). */
  format: (result: ExecutionResult) => unknown;
  log: { error(o: object, msg: string): void };
  maxBufferedBytes: number;
}) {
  const counters = { executions: 0, messages: 0, skipped: 0 };

  async function encode(r: Receiver, root: unknown): Promise<string> {
    counters.executions++;
    const result = await execute({ schema: deps.schema(), document: r.document, rootValue: root, contextValue: r.ctx, variableValues: r.variables });
    return JSON.stringify(result.errors?.length ? deps.format(result) : result);
  }

  return {
    counters: counters as Readonly<typeof counters>,

    /**
     * Sends `root` (the subscription field's value) to each receiver; receivers with the same
     * `groupOf` share one execution and one encoding. Answers the receivers skipped because
     * their socket is backed up.
     */
    async send(receivers: Iterable<Receiver>, root: unknown, groupOf: (r: Receiver) => string = (r) => r.key): Promise<Receiver[]> {
      const groups = new Map<string, Receiver[]>();
      for (const r of receivers) {
        if (r.socket.readyState !== OPEN) continue;
        const k = groupOf(r);
        const list = groups.get(k);
        if (list) list.push(r);
        else groups.set(k, [r]);
      }
      const skipped: Receiver[] = [];
      await Promise.all(
        [...groups.values()].map(async (list) => {
          const first = list[0] as Receiver;
          let payload: string;
          try {
            payload = await encode(first, root);
          } catch (err) {
            deps.log.error({ err }, 'subscription payload not encoded');
            return;
          }
          for (const r of list) {
            if (r.socket.readyState !== OPEN) continue;
            if (r.socket.bufferedAmount > deps.maxBufferedBytes) {
              counters.skipped++;
              skipped.push(r);
              continue;
            }
            counters.messages++;
            r.socket.send(`{"type":"${r.type}","id":${JSON.stringify(r.id)},"payload":${payload}}`);
          }
        }),
      );
      return skipped;
    },
  };
}
