/**
 * The sources service: connectors to the legacy Laravel CRM (REST pull, users, write-back
 * outbox), its MySQL database and its event queue; their schedules, runs and state.
 */
import {
  type ConnectorTestResult,
  type ExternalUser,
  type MysqlConfigAnswer,
  type MysqlPreview,
  MysqlSourceConfig,
  type SourceList,
  type SourceName,
  type SourceStatus,
  type SyncRun,
  type SyncRunResult,
  type SyncTrigger,
} from '@telehub/shared';
import type { Config } from '../../config.js';
import { type Actor, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { LeadsService } from '../leads/index.js';
import type { SettingsService } from '../settings/index.js';
import type { UsersService } from '../users/index.js';
import { AMQP, type AmqpConsumer, type ApplyResult, createAmqpConsumer } from './amqp.consumer.js';
import { createCrmClient } from './laravel.client.js';
import { LARAVEL } from './laravel.mapping.js';
import { createLaravelSync } from './laravel.sync.js';
import { createMysqlSync, MYSQL } from './mysql.sync.js';
import { type CallOutcome, createOutbox } from './outbox.js';
import { testConnection } from './sources.connection.js';
import { SourceErrors } from './sources.errors.js';
import * as repo from './sources.repo.js';
import { createRunner } from './sources.runs.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'sources.outbox.deliver': Record<string, never>;
  }
}

const OUTBOX_EVERY_MS = 15_000;
/** How often the sync schedules look whether a pull is due (the interval itself is a setting). */
const SYNC_LOOK_EVERY_MS = 15_000;

export type SourcesDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Read at use: an admin may change the connectors in Settings, and `settings` says when. */
  config: Config['sources'];
  settings: Pick<SettingsService, 'onChange' | 'preview'>;
  jobs: JobQueue;
  audit: Pick<AuditService, 'record'>;
  /** Records go in through ingest (which announces new leads); write-back asks for the lead's CRM id. */
  leads: Pick<LeadsService, 'ingest' | 'externalIdOf'>;
  users: Pick<UsersService, 'findActive' | 'list' | 'namesByIds'>;
};

export type SourcesService = ReturnType<typeof createSourcesService>;

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const LARAVEL_OFF = 'The Laravel CRM connector is off: set LARAVEL_CRM_URL and LARAVEL_CRM_TOKEN, or its address and token in Settings > Sources';
const MYSQL_OFF = 'The legacy MySQL connector is off: set LEGACY_MYSQL_URL, or its address in Settings > Sources';

export function createSourcesService(deps: SourcesDeps) {
  const { db, clock, logger, config, audit } = deps;
  const stopping = new AbortController();
  const runner = createRunner({ db, clock, logger, signal: stopping.signal });
  const { leads } = deps;

  /** The connectors as the settings in force describe them; rebuilt when those change. */
  function connect() {
    const zone = config.LARAVEL_CRM_TIMEZONE;
    const client =
      config.LARAVEL_CRM_URL && config.LARAVEL_CRM_TOKEN
        ? createCrmClient({
            baseUrl: config.LARAVEL_CRM_URL,
            token: config.LARAVEL_CRM_TOKEN,
            timeoutMs: config.LARAVEL_CRM_TIMEOUT * 1000,
            attempts: config.LARAVEL_CRM_RETRIES,
            logger,
            signal: stopping.signal,
          })
        : null;
    return {
      client,
      laravel: createLaravelSync({ db, clock, zone, client, leads, users: deps.users }),
      mysql: config.LEGACY_MYSQL_URL ? createMysqlSync({ db, clock, url: config.LEGACY_MYSQL_URL, zone, leads }) : null,
    };
  }
  let current = connect();

  const kick = () => {
    // A nudge: the outbox rows are the durable part, and its schedule delivers them anyway. Each
    // nudge runs (one at a time): one that came while a pass ran must not be lost as a duplicate.
    deps.jobs.enqueue('sources.outbox.deliver', {}, { transient: true }).catch(() => undefined);
  };
  const outbox = createOutbox({
    db,
    clock,
    logger,
    get client() {
      return current.client;
    },
    get timeoutMs() {
      return config.LARAVEL_CRM_TIMEOUT * 1000;
    },
    leadExternalId: leads.externalIdOf,
    kick,
  });

  async function mysqlConfig(): Promise<MysqlSourceConfig | null> {
    const stored = (await repo.findState(db, MYSQL))?.config;
    if (!stored) return null;
    const parsed = MysqlSourceConfig.safeParse(stored);
    return parsed.success ? parsed.data : null;
  }

  async function runLaravel(trigger: SyncTrigger): Promise<SyncRunResult> {
    if (!current.client) throw SourceErrors.SOURCE_NOT_CONFIGURED(LARAVEL_OFF);
    return runner.run(LARAVEL, trigger, current.laravel.body);
  }

  async function runMysql(trigger: SyncTrigger): Promise<SyncRunResult> {
    const { mysql } = current;
    if (!mysql) throw SourceErrors.SOURCE_NOT_CONFIGURED(MYSQL_OFF);
    const cfg = await mysqlConfig();
    if (!cfg) throw SourceErrors.MYSQL_CONFIG_MISSING();
    return runner.run(MYSQL, trigger, mysql.bodyFor(cfg));
  }

  /**
   * Scheduled runs look often and pull when the connector is on and its interval (a setting) has
   * passed since the last run; a run already going (here or on another node) is simply skipped.
   */
  const scheduled = (source: SourceName, on: () => boolean, everySeconds: () => number, run: (t: SyncTrigger) => Promise<SyncRunResult>) => async () => {
    if (!on()) return;
    const last = (await repo.findState(db, source))?.lastRunAt;
    if (last && clock.now().getTime() - last.getTime() < everySeconds() * 1000 - SYNC_LOOK_EVERY_MS / 2) return;
    try {
      await run('schedule');
    } catch (err) {
      if ((err as { code?: string }).code === 'SYNC_RUNNING') return;
      throw err;
    }
  };
  /** What runs on a schedule, for the module's register(): each does nothing while its connector is off. */
  const schedules = [
    {
      name: 'sources.laravel.sync',
      everyMs: SYNC_LOOK_EVERY_MS,
      leaseMs: 600_000,
      run: scheduled(
        LARAVEL,
        () => Boolean(current.client),
        () => config.LARAVEL_SYNC_INTERVAL,
        runLaravel,
      ),
    },
    {
      name: 'sources.mysql.sync',
      everyMs: SYNC_LOOK_EVERY_MS,
      leaseMs: 600_000,
      run: scheduled(
        MYSQL,
        () => Boolean(current.mysql),
        () => config.LEGACY_MYSQL_SYNC_INTERVAL,
        runMysql,
      ),
    },
    { name: 'sources.outbox.deliver', everyMs: OUTBOX_EVERY_MS, run: () => outbox.deliverDue(), immediate: true },
  ];

  /** Maps and applies one CRM lead from an event; a bare `{id}` is fetched from the CRM when it can be. */
  async function applyEvent(data: Record<string, unknown>): Promise<ApplyResult> {
    let lead: unknown = data;
    const { client, laravel } = current;
    if (client && data.id !== undefined && data.updated_at === undefined && data.phone === undefined) lead = await client.lead(String(data.id));
    const { records, rejected } = await laravel.toRecords([lead]);
    const [problem] = rejected;
    if (problem) return { ok: false, reason: problem.reason };
    const [outcome] = await leads.ingest(SYSTEM_ACTOR, records);
    if (!outcome) return { ok: false, reason: 'nothing to apply' };
    if (outcome.outcome === 'rejected') return { ok: false, reason: outcome.reason ?? 'rejected' };
    return { ok: true, outcome: outcome.outcome };
  }

  /** The CRM's event consumer, when LARAVEL_AMQP_URL is set; runs from start() until stop(). */
  function consumerFor(): AmqpConsumer | null {
    if (!config.LARAVEL_AMQP_URL) return null;
    return createAmqpConsumer({
      url: config.LARAVEL_AMQP_URL,
      queue: config.LARAVEL_AMQP_QUEUE,
      db,
      clock,
      logger,
      apply: applyEvent,
      onState: (s) =>
        repo.updateState(db, AMQP, {
          status: s.status,
          lastError: s.error,
          lastRunAt: s.lastMessageAt,
          lastSuccessAt: s.lastAppliedAt,
          lastSummary: { ...s.counters },
          updatedAt: clock.now(),
        }),
    });
  }
  let consumer = consumerFor();
  let started = false;
  let unfollow: (() => void) | null = null;

  /** Settings changed: connectors are rebuilt from them; a running consumer is replaced by one for the new queue. */
  async function reconfigure() {
    current = connect();
    const previous = consumer;
    consumer = consumerFor();
    if (previous) await previous.stop();
    if (started) consumer?.start();
    logger.info({ laravel: Boolean(current.client), mysql: Boolean(current.mysql), amqp: Boolean(consumer) }, 'data source connectors reconfigured');
  }

  const configured = (source: SourceName) => (source === 'laravel' ? Boolean(current.client) : source === 'mysql' ? Boolean(current.mysql) : Boolean(consumer));
  const everySeconds = (source: SourceName) =>
    source === 'laravel' && current.client ? config.LARAVEL_SYNC_INTERVAL : source === 'mysql' && current.mysql ? config.LEGACY_MYSQL_SYNC_INTERVAL : null;

  const toRun = (r: repo.SyncRunRow): SyncRun => ({
    id: r.id,
    source: r.source,
    trigger: r.trigger,
    status: r.status as SyncRun['status'],
    fetched: r.fetched,
    created: r.created,
    updated: r.updated,
    failed: r.failed,
    cursor: r.cursor,
    error: r.error,
    errors: r.errors,
    startedAt: r.startedAt.toISOString(),
    finishedAt: iso(r.finishedAt),
  });

  return {
    schedules,
    /** Write-back messages are lead data. */
    dataHolder: outbox.dataHolder,
    /** The `sources.outbox.deliver` job: one delivery pass over the write-back outbox. */
    deliverOutbox: () => outbox.deliverDue(),

    async list(): Promise<SourceList> {
      const states = new Map((await repo.listStates(db)).map((s) => [s.source, s]));
      const items = (['laravel', 'mysql', 'amqp'] as const).map((source): SourceStatus => {
        const s = states.get(source);
        return {
          source,
          configured: configured(source),
          status: s?.status ?? 'idle',
          everySeconds: everySeconds(source),
          lastRunAt: iso(s?.lastRunAt),
          lastSuccessAt: iso(s?.lastSuccessAt),
          lastError: s?.lastError ?? null,
          lastSummary: s?.lastSummary ?? null,
          cursor: s?.cursor ?? null,
        };
      });
      return { items, outbox: await outbox.stats() };
    },

    async runs(source: SourceName, limit: number): Promise<SyncRun[]> {
      return (await repo.listRuns(db, source, limit)).map(toRun);
    },

    /** Pulls what changed in the CRM; answers when the run ends (SYNC_RUNNING if one is going). */
    async syncLaravel(actor: Actor, trigger: SyncTrigger = 'manual'): Promise<SyncRunResult> {
      const result = await runLaravel(trigger);
      await audit.record(actor, {
        action: 'source.sync',
        entityType: 'source',
        entityId: LARAVEL,
        details: { trigger, runId: result.runId, status: result.status },
      });
      return result;
    },

    async syncMysql(actor: Actor, trigger: SyncTrigger = 'manual'): Promise<SyncRunResult> {
      const result = await runMysql(trigger);
      await audit.record(actor, {
        action: 'source.sync',
        entityType: 'source',
        entityId: MYSQL,
        details: { trigger, runId: result.runId, status: result.status },
      });
      return result;
    },

    async refreshLaravelUsers(actor: Actor): Promise<ExternalUser[]> {
      if (!current.client) throw SourceErrors.SOURCE_NOT_CONFIGURED(LARAVEL_OFF);
      try {
        await current.laravel.refreshUsers();
      } catch (err) {
        throw SourceErrors.SYNC_FAILED(`CRM users not refreshed: ${err instanceof Error ? err.message : String(err)}`);
      }
      await audit.record(actor, { action: 'source.users_refresh', entityType: 'source', entityId: LARAVEL });
      return current.laravel.listUsers();
    },

    async listLaravelUsers(): Promise<ExternalUser[]> {
      return current.laravel.listUsers();
    },

    /** Links a CRM user to a TeleHub user (their CRM leads get that owner), or unlinks with null. */
    async linkLaravelUser(actor: Actor, externalId: string, userId: string | null): Promise<ExternalUser> {
      if (userId && !(await deps.users.findActive(userId))) throw SourceErrors.EXTERNAL_USER_LINK_INVALID();
      const row = await current.laravel.link(externalId, userId);
      if (!row) throw SourceErrors.EXTERNAL_USER_NOT_FOUND();
      await audit.record(actor, { action: 'source.user_link', entityType: 'external_user', entityId: `${LARAVEL}:${externalId}`, details: { userId } });
      const user = (await current.laravel.listUsers()).find((u) => u.externalId === externalId);
      if (!user) throw SourceErrors.EXTERNAL_USER_NOT_FOUND();
      return user;
    },

    async getMysqlConfig(): Promise<MysqlConfigAnswer> {
      return { configured: Boolean(current.mysql), config: await mysqlConfig() };
    },

    async setMysqlConfig(actor: Actor, cfg: MysqlSourceConfig): Promise<MysqlConfigAnswer> {
      const before = await mysqlConfig();
      const now = clock.now();
      // A different table or ordering makes the old position meaningless: start over (ingest is idempotent).
      const moved =
        !before ||
        before.table !== cfg.table ||
        before.query !== cfg.query ||
        before.idColumn !== cfg.idColumn ||
        before.updatedAtColumn !== cfg.updatedAtColumn;
      await repo.updateState(db, MYSQL, { config: cfg, ...(moved ? { cursor: null, checkpoint: null } : {}), updatedAt: now });
      await audit.record(actor, { action: 'source.config_update', entityType: 'source', entityId: MYSQL, details: { restarted: moved } });
      return { configured: Boolean(current.mysql), config: cfg };
    },

    /** Connects with the given (or saved) mapping and answers the first rows as they would apply. */
    async testMysql(cfg?: MysqlSourceConfig): Promise<MysqlPreview> {
      const { mysql } = current;
      if (!mysql) throw SourceErrors.SOURCE_NOT_CONFIGURED(MYSQL_OFF);
      const use = cfg ?? (await mysqlConfig());
      if (!use) throw SourceErrors.MYSQL_CONFIG_MISSING('Send a mapping in `config`, or save one first');
      try {
        return await mysql.preview(use);
      } catch (err) {
        throw SourceErrors.MYSQL_TEST_FAILED(`MySQL: ${err instanceof Error ? err.message : String(err)}`);
      }
    },

    /** Tries a connector with settings laid over those in force (Settings > Sources, before saving). */
    async testConnection(actor: Actor, source: SourceName, values: Record<string, string | null>): Promise<ConnectorTestResult> {
      return testConnection(source, deps.settings.preview(actor, values), clock, logger);
    },

    /** See outbox.ts. Call after the disposition has committed, outside any transaction. */
    enqueueCallOutcome: (input: CallOutcome) => outbox.enqueueCallOutcome(input),

    /** Starts what runs with the app (the event consumer); schedules start with the scheduler. */
    start() {
      started = true;
      consumer?.start();
      unfollow = deps.settings.onChange((groups) => (groups.has('sources') ? reconfigure() : undefined));
    },

    /** Stops the consumer and ends runs and deliveries in progress before the database closes. */
    async stop() {
      started = false;
      unfollow?.();
      stopping.abort();
      await Promise.allSettled([consumer?.stop(), runner.idle(), outbox.idle()]);
    },

    /** For tests and readiness: resolves when the event consumer is attached to its queue. */
    whenConsuming: () => consumer?.whenConsuming() ?? Promise.resolve(),
    consumerState: () => consumer?.state() ?? null,
  };
}
