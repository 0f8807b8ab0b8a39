import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.js';
import { systemClock } from '../context.js';
import { createLogger } from '../logging.js';
import { createScheduler } from './scheduler.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe('scheduler leases', () => {
  it('lets one of two nodes run a task at a time, and either run it afterwards', async () => {
    const logger = createLogger({ level: 'silent' });
    const a = createScheduler({ db: t.database.db, clock: systemClock, logger });
    const b = createScheduler({ db: t.database.db, clock: systemClock, logger });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let runs = 0;
    a.add({
      name: 'sync',
      everyMs: 60_000,
      run: async () => {
        runs++;
        await gate;
      },
    });
    b.add({
      name: 'sync',
      everyMs: 60_000,
      run: async () => {
        runs++;
      },
    });
    const first = a.runNow('sync');
    await new Promise((r) => setTimeout(r, 50));
    expect(await b.runNow('sync')).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(await b.runNow('sync')).toBe(true);
    expect(runs).toBe(2);
  });
});
