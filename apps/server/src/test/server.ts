/**
 * A real TeleHub HTTP server for end-to-end tests: fresh database, demo organisation, the built
 * web app, listening on a free port.
 */
import { fileURLToPath } from 'node:url';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type DemoAccounts, seedDemo } from '../modules/demo/index.js';
import type { Database, Db } from '../platform/db/client.js';
import { createLogger } from '../platform/logging.js';
import { createTestDatabase } from './db.js';

export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/**
 * `db`: the server's own database, for laying down what a browser test starts from (scored calls,
 * say); `services`: its services, to run now what a schedule would run later (rollups, emails).
 */
export type TestServer = {
  url: string;
  accounts: DemoAccounts;
  db: Db;
  /** The same database, opened: a second node built on it shares everything with this one (settings, leases, calls). */
  database: Database;
  services: Awaited<ReturnType<typeof buildApp>>['services'];
  close(): Promise<void>;
};

/**
 * `scheduler`: run the periodic tasks (floor alerts every second, sweeps) as a deployed node does.
 * `port`: listen there (a URL known before the server starts, e.g. a redirect URI registered at an identity provider).
 */
export async function startTestServer(opts: { leads?: number; env?: Record<string, string>; scheduler?: boolean; port?: number } = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: WEB_DIST, ...opts.env });
  const logger = createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const app = await buildApp({ config, database: db.database, logger });
  const seeded = await seedDemo({ db: db.database.db, logger, ...app.services }, { leads: opts.leads ?? 300 });
  if (seeded.status !== 'seeded') throw new Error(`demo seed skipped: ${seeded.reason}`);
  if (opts.scheduler) app.services.scheduler.start();
  await app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    accounts: seeded.accounts,
    db: db.database.db,
    database: db.database,
    services: app.services,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
