import { describe, expect, it } from 'vitest';
import { createLogger } from '../logging.js';
import { createInProcessBus } from './bus.js';

declare module './bus.js' {
  interface EventPayloads {
    'test.bus.ping': { n: number };
  }
}

describe('the in-process bus', () => {
  it('runs subscribers after the publisher’s turn, and one that fails stops none of the others', async () => {
    const bus = createInProcessBus(createLogger({ level: 'silent' }));
    const seen: string[] = [];
    bus.subscribe('test.bus.ping', () => {
      seen.push('a');
      throw new Error('boom');
    });
    bus.subscribe('test.bus.ping', async () => {
      seen.push('b');
      throw new Error('async boom');
    });
    const off = bus.subscribe('test.bus.ping', ({ n }) => void seen.push(`c${n}`));
    const done = bus.publish('test.bus.ping', { n: 1 });
    seen.push('published');
    await done;
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(['published', 'a', 'b', 'c1']);
    off();
    await bus.publish('test.bus.ping', { n: 2 });
    await new Promise((r) => setTimeout(r, 0));
    expect(seen.filter((s) => s.startsWith('c'))).toEqual(['c1']);
  });
});
