/**
 * Opens the configured store for a process (server or CLI): takes the data-directory lock on
 * the embedded store, connects, and applies migrations.
 */
import path from 'node:path';
import type { Config } from '../../config.js';
import type { Logger } from '../logging.js';
import { type Database, openDatabase } from './client.js';
import { type DataDirLock, lockDataDir } from './lock.js';
import { migrate } from './migrate.js';

export type Store = { database: Database; lock: DataDirLock | null; close(): Promise<void> };

export async function openStore(config: Config, logger: Logger): Promise<Store> {
  const url = config.storage.DATABASE_URL;
  let lock: DataDirLock | null = null;
  let database: Database;
  if (url) {
    database = await openDatabase({ kind: 'postgres', url, logger });
  } else {
    lock = await lockDataDir(config.storage.TELEHUB_DATA_DIR);
    try {
      database = await openDatabase({ kind: 'pglite', dataDir: path.join(config.storage.TELEHUB_DATA_DIR, 'pglite'), logger });
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  try {
    const result = await migrate(database.db);
    if (result.applied.length > 0) logger.info({ applied: result.applied }, 'database migrated');
  } catch (err) {
    await database.close();
    lock?.release();
    throw err;
  }
  let closed = false;
  return {
    database,
    lock,
    async close() {
      if (closed) return;
      closed = true;
      try {
        await database.close();
      } finally {
        lock?.release();
      }
    },
  };
}
