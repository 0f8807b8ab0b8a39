/**
 * A dropped connection: the manager's socket dies, the floor changes meanwhile, and the client
 * that comes back (graphql-ws retries, as the web app's client does) gets a board that is right
 * at once, from the snapshot every teamUpdated subscription starts with, then live changes again.
 */
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../test/harness.js';
import { until } from './testing/gql.js';

type Board = {
  teamUpdated: { agents: { user: { id: string }; state: string; reason: string | null }[]; totals: { available: number; onBreak: number } };
};

let t: TestApp;
let url = '';
beforeAll(async () => {
  t = await createTestApp({ presence: 'offline' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/graphql`;
});
afterAll(() => t?.close());

const setPresence = async (body: object) => {
  const res = await t.request({ method: 'PUT', url: '/api/v1/presence/me', as: t.cast.telecaller, payload: body });
  expect(res.statusCode, res.body).toBe(200);
};

describe('a manager whose connection drops', () => {
  let client: Client | undefined;
  afterAll(() => client?.dispose());

  it('comes back to the board as it is now, then follows it live again', async () => {
    // The test decides when the client may reconnect, so that the floor changes while it is away.
    let letBack: () => void = () => undefined;
    const away = new Promise<void>((resolve) => {
      letBack = resolve;
    });
    let connections = 0;
    let closes = 0;
    client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: () => ({ authorization: `Bearer ${t.cast.manager.token}` }),
      retryAttempts: 5,
      shouldRetry: () => true,
      retryWait: () => away,
      on: {
        connected: () => void connections++,
        closed: () => void closes++,
      },
    });
    const boards: Board['teamUpdated'][] = [];
    const errors: unknown[] = [];
    client.subscribe<Board>(
      { query: 'subscription { teamUpdated { agents { user { id } state reason } totals { available onBreak } } }' },
      {
        next: (v) => (v.data ? void boards.push(v.data.teamUpdated) : void errors.push(v.errors)),
        error: (e) => void errors.push(e),
        complete: () => undefined,
      },
    );
    const stateOf = (b: Board['teamUpdated'] | undefined) => b?.agents.find((a) => a.user.id === t.cast.telecaller.id);

    await until('the first board', () => boards.length > 0);
    expect(stateOf(boards[0])?.state).toBe('OFFLINE');

    client.terminate();
    await until('the drop', () => closes > 0);
    const seenBeforeReturn = boards.length;

    // While the manager is away the telecaller signs in and goes on a break.
    await setPresence({ state: 'available' });
    await setPresence({ state: 'break', reason: 'Tea' });
    await new Promise((r) => setTimeout(r, 400));
    expect(boards.length).toBe(seenBeforeReturn);

    letBack();
    await until('the reconnection', () => connections === 2);
    const back = await until('the board after the return', () => boards.slice(seenBeforeReturn)[0]);
    expect(stateOf(back)).toMatchObject({ state: 'BREAK', reason: 'Tea' });
    expect(back.totals).toMatchObject({ onBreak: 1, available: 0 });

    // And live again: the next change arrives without any further reconnecting.
    await setPresence({ state: 'available' });
    await until('the live change', () => stateOf(boards.at(-1))?.state === 'AVAILABLE');
    expect(boards.at(-1)?.totals).toMatchObject({ onBreak: 0, available: 1 });
    expect(connections).toBe(2);
    expect(errors).toEqual([]);
  });
});
