/** Starts TeleHub: config, store (with migrations), first admin, demo data, HTTP server. */
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { demoAccounts, seedDemo } from './modules/demo/index.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { openStore, type Store } from './platform/db/store.js';
import { createLogger } from './platform/logging.js';
import { missingNodeFlags } from './platform/runtime.js';

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger({ level: config.server.LOG_LEVEL });
  const missing = missingNodeFlags();
  if (config.isProduction && missing.length > 0) {
    logger.warn(
      { missing },
      'started without the V8 options npm start passes: live updates pause longer during garbage collection under load; add them to NODE_OPTIONS',
    );
  }

  let store: Store;
  try {
    store = await openStore(config, logger);
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      process.stderr.write(`TeleHub cannot start: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }

  const app = await buildApp({ config, database: store.database, logger });
  const { users } = app.services;
  if (config.auth.TELEHUB_ADMIN_EMAIL && config.auth.TELEHUB_ADMIN_PASSWORD) {
    await users.ensureFirstAdmin(config.auth.TELEHUB_ADMIN_EMAIL, config.auth.TELEHUB_ADMIN_PASSWORD);
  }
  if (config.demo.enabled) {
    const result = await seedDemo({ db: store.database.db, logger, ...app.services });
    if (result.status === 'skipped') logger.debug({ reason: result.reason }, 'demo data not loaded');
  }

  if (config.jobs.TELEHUB_SCHEDULER) app.services.scheduler.start();
  await app.services.compliance.resume();
  const resumed = await app.services.imports.resume();
  if (resumed > 0) logger.info({ imports: resumed }, 'resuming unfinished imports');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Armed before anything else, so nothing in the shutdown (logging included) can keep the
    // process from ending.
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    logger.info({ signal }, 'shutting down');
    try {
      await app.close();
      await store.close();
      process.exit(0);
    } catch (err) {
      logger.error({ err }, 'error while shutting down');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.server.PORT, host: config.server.HOST });
  // Which node this is, as call rows (held_by) and leases name it (also in /readyz).
  logger.info({ node: app.services.nodeId }, 'node started');
  const url = config.server.PUBLIC_BASE_URL;
  const lines = [`TeleHub is running at ${url}  (API docs: ${url}/docs)`];
  lines.push(store.lock ? `Embedded database in ${config.storage.TELEHUB_DATA_DIR}` : 'Database: PostgreSQL (DATABASE_URL)');
  const demo = config.demo.enabled ? await demoAccounts(store.database.db) : undefined;
  if (demo) {
    lines.push(
      `Demo sign-in (password for every demo account: ${demo.password})`,
      `  admin:       ${demo.admin}`,
      `  managers:    ${demo.managers.join(', ')}`,
      `  telecallers: ${demo.telecallers.slice(0, 3).join(', ')} ... (${demo.telecallers.length} in all)`,
    );
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

main().catch((err) => {
  process.stderr.write(`TeleHub failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
