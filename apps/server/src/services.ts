/**
 * The composition root of the domain services, shared by the HTTP app and the CLI. Each
 * service gets only what it needs; cross-module needs are passed in here, never imported.
 */
import path from 'node:path';
import type { Config } from './config.js';
import { createAuditService } from './modules/audit/index.js';
import { createAuthService } from './modules/auth/index.js';
import { createCampaignsService } from './modules/campaigns/index.js';
import { createLeadsService } from './modules/leads/index.js';
import { createUsersService } from './modules/users/index.js';
import { createTokenSigner, type TokenSigner } from './platform/auth/tokens.js';
import { type Clock, systemClock } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { createInProcessQueue, type JobQueue } from './platform/jobs/jobs.js';
import { createScheduler } from './platform/jobs/scheduler.js';
import type { Logger } from './platform/logging.js';
import { getOrCreateSecret } from './platform/settings/settings.js';
import { createLocalFileStore, type FileStore } from './platform/storage/storage.js';

export type ServiceDeps = {
  config: Config;
  database: Database;
  logger: Logger;
  clock?: Clock;
  /** Defaults: the in-process job runner, a scheduler (started by main), files under TELEHUB_DATA_DIR/files. */
  jobs?: JobQueue;
  files?: FileStore;
};

export async function createSigner(config: Config, database: Database): Promise<TokenSigner> {
  const secret = config.auth.TELEHUB_JWT_SECRET ?? (await getOrCreateSecret(database.db, 'auth.jwt_secret'));
  return createTokenSigner(secret, config.auth.TELEHUB_ACCESS_TOKEN_TTL);
}

export async function createServices(deps: ServiceDeps) {
  const { config, database, logger } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  const jobs = deps.jobs ?? createInProcessQueue(logger);
  const scheduler = createScheduler({ db, clock, logger });
  const files = deps.files ?? createLocalFileStore(path.join(config.storage.TELEHUB_DATA_DIR, 'files'));
  const signer = await createSigner(config, database);
  const audit = createAuditService({ db, clock });
  const users = createUsersService({ db, clock, audit, logger });
  const campaigns = createCampaignsService({ db, clock, audit });
  const leads = createLeadsService({ db, clock, audit, users, campaignFilter: campaigns.leadFilter });
  const auth = createAuthService({ db, clock, signer, refreshTtlSeconds: config.auth.TELEHUB_REFRESH_TOKEN_TTL, users, audit });
  return { clock, jobs, scheduler, files, signer, audit, users, campaigns, leads, auth };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
