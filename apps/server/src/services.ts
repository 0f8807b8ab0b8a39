/**
 * The composition root of the domain services, shared by the HTTP app and the CLI. Each
 * service gets only what it needs; cross-module needs are passed in here, never imported.
 */
import type { Config } from './config.js';
import { createAuditService } from './modules/audit/index.js';
import { createAuthService } from './modules/auth/index.js';
import { createCampaignsService } from './modules/campaigns/index.js';
import { createLeadsService } from './modules/leads/index.js';
import { createUsersService } from './modules/users/index.js';
import { createTokenSigner, type TokenSigner } from './platform/auth/tokens.js';
import { type Clock, systemClock } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import type { Logger } from './platform/logging.js';
import { getOrCreateSecret } from './platform/settings/settings.js';

export type ServiceDeps = { config: Config; database: Database; logger: Logger; clock?: Clock };

export async function createSigner(config: Config, database: Database): Promise<TokenSigner> {
  const secret = config.auth.TELEHUB_JWT_SECRET ?? (await getOrCreateSecret(database.db, 'auth.jwt_secret'));
  return createTokenSigner(secret, config.auth.TELEHUB_ACCESS_TOKEN_TTL);
}

export async function createServices(deps: ServiceDeps) {
  const { config, database, logger } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  const signer = await createSigner(config, database);
  const audit = createAuditService({ db, clock });
  const users = createUsersService({ db, clock, audit, logger });
  const campaigns = createCampaignsService({ db, clock, audit });
  const leads = createLeadsService({ db, clock, audit, users, campaignFilter: campaigns.leadFilter });
  const auth = createAuthService({ db, clock, signer, refreshTtlSeconds: config.auth.TELEHUB_REFRESH_TOKEN_TTL, users, audit });
  return { clock, signer, audit, users, campaigns, leads, auth };
}

export type Services = Awaited<ReturnType<typeof createServices>>;
