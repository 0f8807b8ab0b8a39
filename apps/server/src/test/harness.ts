/** Builds the real app on a real (fresh) database for a test file, with people of every role. */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@telehub/shared';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type Clock, SYSTEM_ACTOR } from '../platform/context.js';
import { openDatabase } from '../platform/db/client.js';
import { createLogger, type Logger } from '../platform/logging.js';
import { createTestDatabase, type TestDatabase } from './db.js';

export const PASSWORD = 'correct-horse-battery';

export type Person = { id: string; email: string; role: Role; token: string; teamId: string | null };
export type Cast = { admin: Person; manager: Person; telecaller: Person; otherTelecaller: Person; otherManager: Person; teamId: string; otherTeamId: string };

export type TestApp = {
  app: FastifyInstance;
  db: TestDatabase;
  cast: Cast;
  /** app.inject with the bearer token of `as` (or none). */
  request(opts: InjectOptions & { as?: Person | null }): Promise<LightMyRequestResponse>;
  login(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
};

export type TestAppOptions = {
  env?: Record<string, string>;
  clock?: Clock;
  /** The app's logger (by default silent, or at TEST_LOG_LEVEL). */
  logger?: Logger;
  /** PostgreSQL only: the app reaches its database at this URL instead (e.g. through an outage proxy). */
  databaseUrl?: (url: string) => string;
  /**
   * Where the cast's telecallers start: available (signed in, as a telecaller opening the
   * workspace is; the server refuses a dial while offline or on a break), or offline for tests
   * of the floor that watch them sign in.
   */
  presence?: 'available' | 'offline';
};

export async function createTestApp(opts: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'telehub-test-'));
  const config = loadConfig({ LOG_LEVEL: 'silent', TELEHUB_DEMO: '0', TELEHUB_WEB_DIR: '/nonexistent', TELEHUB_DATA_DIR: dataDir, ...opts.env });
  const logger = opts.logger ?? createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  const through = opts.databaseUrl && db.url ? await openDatabase({ kind: 'postgres', url: opts.databaseUrl(db.url), poolSize: 5, logger }) : undefined;
  const app = await buildApp({ config, database: through ?? db.database, logger, clock: opts.clock });
  await app.ready();
  // TELEHUB_TEST_CALLS_PARTITIONED=1 runs a test file against calls partitioned by month.
  if (process.env.TELEHUB_TEST_CALLS_PARTITIONED === '1') await app.services.callPartitions.convert({ monthsAhead: 3 });

  const request = async ({ as, ...rest }: InjectOptions & { as?: Person | null }) =>
    app.inject({ ...rest, headers: { ...(rest.headers ?? {}), ...(as ? { authorization: `Bearer ${as.token}` } : {}) } });

  // Each sign-in comes from its own address, so the login rate limit never trips a test by accident.
  let logins = 0;
  const login = async (email: string, password = PASSWORD) => {
    logins++;
    const remoteAddress = `127.1.${(logins >> 8) & 255}.${logins & 255}`;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    return res.json<{ accessToken: string }>().accessToken;
  };

  const { users } = app.services;
  const make = async (email: string, role: Role, teamId: string | null = null): Promise<Person> => {
    const u = await users.create(SYSTEM_ACTOR, { email, name: email.split('@')[0] ?? email, role, password: PASSWORD, teamId });
    return { id: u.id, email, role, teamId, token: '' };
  };
  const admin = await make('admin@test.example', 'admin');
  const manager = await make('manager@test.example', 'manager');
  const otherManager = await make('manager2@test.example', 'manager');
  const team = await users.createTeam(SYSTEM_ACTOR, { name: 'Alpha', managerId: manager.id });
  const otherTeam = await users.createTeam(SYSTEM_ACTOR, { name: 'Beta', managerId: otherManager.id });
  const telecaller = await make('caller@test.example', 'telecaller', team.id);
  const otherTelecaller = await make('caller2@test.example', 'telecaller', otherTeam.id);
  const cast: Cast = { admin, manager, telecaller, otherTelecaller, otherManager, teamId: team.id, otherTeamId: otherTeam.id };
  for (const p of [admin, manager, otherManager, telecaller, otherTelecaller]) p.token = await login(p.email);
  if ((opts.presence ?? 'available') === 'available') {
    for (const p of [telecaller, otherTelecaller]) await app.services.agents.presence.set(p.id, 'available');
  }

  return {
    app,
    db,
    cast,
    request,
    login,
    async close() {
      await app.close();
      await through?.close();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
