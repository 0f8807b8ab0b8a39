/**
 * `telehub <command>` for operators. With --json, the last line printed is the result as one
 * JSON object (the same shape as the API's).
 */

import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CreateUserBody, type ImportStatus, StartImportBody } from '@telehub/shared';
import { ConfigError, loadConfig } from './config.js';
import { PARTITION_MONTHS_AHEAD } from './modules/calls/index.js';
import { demoAccounts, seedDemo } from './modules/demo/index.js';
import { SYSTEM_ACTOR } from './platform/context.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { migrate } from './platform/db/migrate.js';
import { openStore } from './platform/db/store.js';
import { AppError } from './platform/errors.js';
import { createLogger } from './platform/logging.js';
import { createServices, type Services } from './services.js';

const HELP = `Usage: telehub <command> [options]

Commands:
  migrate                         apply database migrations
  seed --demo [--leads N]         load the demo organisation into an empty database
  user create --email E --name N --role admin|manager|telecaller --password P [--phone X] [--team-id ID]
                                  create a user
  import <file.csv|file.xlsx> [--mapping JSON] [--source NAME] [--campaign-id ID]
                                  import leads from a file (mapping: field -> column header;
                                  default: suggested from the headers); exits 1 if it fails
  sync laravel|mysql              pull what changed in the Laravel CRM (or the legacy MySQL
                                  database) now; exits 1 when the run fails
  analyze --since DATE            analyse every finished conversation since DATE (ISO 8601, e.g.
                                  2026-12-01) again, now; exits 1 when some could not be
  reports rebuild                 count every call and lead into the report rollups again (after
                                  data was loaded outside TeleHub)
  calls partition [--months-ahead N]
                                  PostgreSQL: make the calls table partitioned by month (locks
                                  it while it runs; N months ahead are made, default 3); again:
                                  make the months ahead that are missing
  calls partitions                list the calls partitions and their calls
  recordings rekey                re-encrypt every recording not under the newest key of
                                  TELEHUB_RECORDING_KEYS (after adding a key in front); exits 1
                                  when some could not be re-encrypted

Options:
  --json                          print the result as JSON on the last line
  -h, --help                      show this help

The database is DATABASE_URL when set, otherwise the embedded store in TELEHUB_DATA_DIR
(which must not be in use by a running server).`;

class UsageError extends Error {}

export async function runCli(argv: string[], out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      demo: { type: 'boolean', default: false },
      leads: { type: 'string' },
      'months-ahead': { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      phone: { type: 'string' },
      'team-id': { type: 'string' },
      mapping: { type: 'string' },
      source: { type: 'string' },
      'campaign-id': { type: 'string' },
      since: { type: 'string' },
    },
  });
  const [command, sub] = positionals;
  if (values.help || !command) {
    out(HELP);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig();
  const logger = createLogger({ level: values.json ? 'silent' : 'warn' });
  const emit = (result: Record<string, unknown>, text: string) => out(values.json ? JSON.stringify(result) : text);

  const store = await openStore(config, logger);
  try {
    if (command === 'migrate') {
      // openStore already migrated; report the state.
      const r = await migrate(store.database.db);
      emit({ applied: r.applied, total: r.total }, `Database is up to date (${r.total} migrations).`);
      return 0;
    }
    // A command runs its own work to the end, even where the node's config makes it API-only.
    const services = await createServices({ config: { ...config, jobs: { ...config.jobs, TELEHUB_JOB_WORKERS: true } }, database: store.database, logger });
    if (command === 'seed') {
      if (!values.demo) throw new UsageError('seed needs --demo');
      const leads = values.leads ? Number.parseInt(values.leads, 10) : undefined;
      if (leads !== undefined && (!Number.isFinite(leads) || leads < 1 || leads > 1_000_000)) throw new UsageError('--leads must be between 1 and 1000000');
      const r = await seedDemo({ db: store.database.db, logger, ...services }, { leads });
      if (r.status === 'skipped') {
        const accounts = await demoAccounts(store.database.db);
        emit({ status: 'skipped', reason: r.reason, accounts: accounts ?? null }, `Demo data not loaded: ${r.reason}.`);
        return 0;
      }
      emit(r, `Loaded ${r.leads} demo leads. Sign in as ${r.accounts.admin} with password ${r.accounts.password}.`);
      return 0;
    }
    if (command === 'import') {
      if (!sub) throw new UsageError('import needs a file: telehub import leads.csv');
      const result = await importFile(services, sub, { mapping: values.mapping, source: values.source, campaignId: values['campaign-id'] }, (line) => {
        if (!values.json) out(line);
      });
      const text =
        result.status === 'completed'
          ? `Imported ${result.total} rows: ${result.created} created, ${result.merged} merged, ${result.rejected} rejected${result.rejected ? ` (report: GET /api/v1/imports/${result.id}/rejects.csv)` : ''}.`
          : `Import failed: ${result.error ?? 'unknown error'}`;
      emit(result, text);
      return result.status === 'completed' ? 0 : 1;
    }
    if (command === 'user' && sub === 'create') {
      const parsed = CreateUserBody.safeParse({
        email: values.email,
        name: values.name,
        role: values.role,
        password: values.password,
        phone: values.phone,
        teamId: values['team-id'],
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`--${String(issue?.path[0] ?? 'input').replace('teamId', 'team-id')}: ${issue?.message ?? 'invalid'}`);
      }
      const user = await services.users.create(SYSTEM_ACTOR, parsed.data);
      emit(user, `Created ${user.role} ${user.email} (${user.id}).`);
      return 0;
    }
    if (command === 'sync') {
      if (sub !== 'laravel' && sub !== 'mysql') throw new UsageError('sync needs a source: laravel or mysql');
      const { sources } = services;
      const r = sub === 'laravel' ? await sources.syncLaravel(SYSTEM_ACTOR, 'cli') : await sources.syncMysql(SYSTEM_ACTOR, 'cli');
      const counts = `${r.fetched} fetched, ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.failed} failed`;
      emit(r, r.status === 'succeeded' ? `Synced ${sub}: ${counts}.` : `Sync of ${sub} failed: ${r.error} (${counts}).`);
      return r.status === 'succeeded' ? 0 : 1;
    }
    if (command === 'analyze') {
      const since = values.since ? new Date(values.since) : null;
      if (!since || Number.isNaN(since.getTime())) throw new UsageError('analyze needs --since DATE (for example --since 2026-12-01)');
      let shown = 0;
      const r = await services.analysis.backfill(since, (done, total) => {
        // A line every 50 calls and at the end, so a long backfill shows it is moving.
        if (!values.json && (done - shown >= 50 || done === total)) {
          shown = done;
          out(`  ${done} of ${total} calls`);
        }
      });
      const failed = r.failed.map((f) => `\n  ${f.callId}: ${f.message}`).join('');
      emit(r, `Analysed ${r.analysed} call(s) since ${since.toISOString()}; ${r.failed.length} failed.${failed}`);
      return r.failed.length === 0 ? 0 : 1;
    }
    if (command === 'reports' && sub === 'rebuild') {
      const m = services.reportMaintenance;
      await m.refill();
      let rounds = 0;
      while (!(await m.fill(50))) {
        rounds++;
        if (!values.json) out(`  ${rounds * 50_000} rows walked`);
      }
      const r = await m.counts();
      emit(r, `Report rollups rebuilt: ${r.calls} call(s) and ${r.leads} lead(s) counted.`);
      return 0;
    }
    if (command === 'calls' && (sub === 'partition' || sub === 'partitions')) {
      const p = services.callPartitions;
      if (sub === 'partitions') {
        const r = await p.status();
        const lines = r.partitions.map((x) => `\n  ${x.name.padEnd(18)} ${String(x.rows).padStart(10)} call(s)  ${x.bounds}`).join('');
        emit(r, r.partitioned ? `calls is partitioned by month:${lines}` : 'calls is not partitioned (telehub calls partition makes it so, on PostgreSQL).');
        return 0;
      }
      if (store.database.kind !== 'postgres')
        throw new UsageError('calls partition runs on PostgreSQL (set DATABASE_URL); the embedded store keeps calls in one table');
      const ahead = values['months-ahead'] === undefined ? PARTITION_MONTHS_AHEAD : Number(values['months-ahead']);
      if (!Number.isInteger(ahead) || ahead < 0 || ahead > 24) throw new UsageError('--months-ahead must be a whole number from 0 to 24');
      const converted = await p.convert({ monthsAhead: ahead });
      const ensured = await p.ensureAhead(ahead);
      const r = { ...converted, created: ensured.created, blocked: ensured.blocked };
      const blocked = r.blocked.length > 0 ? ` Left in the default partition (it holds calls of those months): ${r.blocked.join(', ')}.` : '';
      emit(
        r,
        r.converted
          ? `calls is now partitioned by month: ${r.calls} call(s) in ${r.partitions.length} partition(s).${blocked}`
          : `calls was already partitioned; ${r.created.length} partition(s) made ahead.${blocked}`,
      );
      return 0;
    }
    if (command === 'recordings' && sub === 'rekey') {
      const r = await services.recordings.rekey();
      const failed = r.failed.map((f) => `\n  ${f.callId}: ${f.message}`).join('');
      emit(r, `Re-encrypted ${r.rekeyed} recording(s) under the current key; ${r.failed.length} failed.${failed}`);
      return r.failed.length === 0 ? 0 : 1;
    }
    throw new UsageError(`Unknown command: ${positionals.join(' ')}`);
  } finally {
    await store.close();
  }
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  runCli(process.argv.slice(2)).then(
    // Exit only once stdout is flushed: a piped reader would otherwise get a cut-off JSON line.
    (code) => process.stdout.write('', () => process.exit(code)),
    (err: unknown) => {
      if (err instanceof UsageError || err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof AppError) {
        process.stderr.write(`telehub: ${err.message}\n`);
        process.exit(err instanceof UsageError ? 64 : 1);
      }
      process.stderr.write(`telehub: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exit(1);
    },
  );
}

/** Runs a file import in this process and reports progress lines while it runs. */
async function importFile(
  services: Services,
  file: string,
  opts: { mapping?: string; source?: string; campaignId?: string },
  progress: (line: string) => void,
): Promise<ImportStatus> {
  if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
  let mapping: unknown;
  if (opts.mapping) {
    try {
      mapping = JSON.parse(opts.mapping);
    } catch {
      throw new UsageError('--mapping must be a JSON object of field -> column header, e.g. {"phone":"Mobile No."}');
    }
  }
  const parsed = StartImportBody.safeParse({ mapping, source: opts.source, campaignId: opts.campaignId });
  if (!parsed.success) throw new UsageError(`--${String(parsed.error.issues[0]?.path[0] ?? 'mapping')}: ${parsed.error.issues[0]?.message}`);
  const preview = await services.imports.preview(SYSTEM_ACTOR, { filename: path.basename(file), stream: createReadStream(file) });
  await services.imports.start(SYSTEM_ACTOR, preview.id, parsed.data);
  const timer = setInterval(async () => {
    const s = await services.imports.get(preview.id).catch(() => undefined);
    if (s && s.status === 'running') progress(`${s.phase ?? 'running'}: ${s.percent.toFixed(1)}% (${s.processed} rows, ${s.rowsPerSecond ?? 0} rows/s)`);
  }, 2000);
  try {
    await services.jobs.idle();
  } finally {
    clearInterval(timer);
  }
  return services.imports.get(preview.id);
}
