/**
 * The legacy MySQL/MariaDB database, read only. Rows are read in keyset order of
 * (updated-at column, id) from a stored cursor, so rows sharing a timestamp are never skipped
 * and a failed run resumes where its last batch ended. Rows whose updated-at is NULL (common in
 * old tables) are read first, by id. Each batch goes through leads.ingest as source 'mysql'.
 */
import type { MysqlPreview, MysqlSourceConfig } from '@telehub/shared';
import type { Connection, FieldPacket, RowDataPacket } from 'mysql2/promise';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { normalizePhone } from '../../platform/phone.js';
import type { LeadsService, SourceRecord } from '../leads/index.js';
import { mapStatus, parseSourceTime, text } from './sources.mapping.js';
import * as repo from './sources.repo.js';
import type { RunBody } from './sources.runs.js';

export const MYSQL = 'mysql';
const DEFAULT_BATCH = 500;
const QUERY_TIMEOUT_MS = 120_000;

type Key = string | number;
/** Position of the connector: the last NULL-dated row by id, and the last (updated-at, id) read. */
type Cursor = { nullsAfter: Key | null; after: { updatedAt: Key; id: Key } | null };

const q = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;
const ALIAS = '`telehub_src`';
const col = (c: string) => `${ALIAS}.${q(c)}`;

function fromClause(cfg: MysqlSourceConfig): string {
  if (cfg.table) return `${cfg.table.split('.').map(q).join('.')} AS ${ALIAS}`;
  return `(${(cfg.query ?? '').trim().replace(/;\s*$/, '')}) AS ${ALIAS}`;
}

/** The SQL for the next batch after `cursor` (exported for tests of its shape). */
export function batchQuery(cfg: MysqlSourceConfig, cursor: Cursor, phase: 'nulls' | 'dated', limit: number): { sql: string; params: Key[] } {
  const upd = col(cfg.updatedAtColumn);
  const id = col(cfg.idColumn);
  const where: string[] = [];
  const params: Key[] = [];
  if (cfg.deletedAtColumn) where.push(`${col(cfg.deletedAtColumn)} IS NULL`);
  if (phase === 'nulls') {
    where.push(`${upd} IS NULL`);
    if (cursor.nullsAfter !== null) {
      where.push(`${id} > ?`);
      params.push(cursor.nullsAfter);
    }
  } else {
    where.push(`${upd} IS NOT NULL`);
    if (cursor.after) {
      where.push(`(${upd} > ? OR (${upd} = ? AND ${id} > ?))`);
      params.push(cursor.after.updatedAt, cursor.after.updatedAt, cursor.after.id);
    }
  }
  const order = phase === 'nulls' ? id : `${upd}, ${id}`;
  return { sql: `SELECT * FROM ${fromClause(cfg)} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${Math.trunc(limit)}`, params };
}

function readCursor(v: string | null | undefined): Cursor {
  if (!v) return { nullsAfter: null, after: null };
  try {
    const c = JSON.parse(v) as Partial<Cursor>;
    return { nullsAfter: c.nullsAfter ?? null, after: c.after ?? null };
  } catch {
    return { nullsAfter: null, after: null };
  }
}

/** Opens a connection that cannot write: the session is READ ONLY before any query runs. */
export async function openReadOnly(url: string): Promise<Connection> {
  const mysql = await import('mysql2/promise');
  const conn = await mysql.createConnection({
    uri: url.replace(/^mariadb:/, 'mysql:'),
    dateStrings: true,
    supportBigNumbers: true,
    bigNumberStrings: true,
    charset: 'utf8mb4',
    connectTimeout: 10_000,
    multipleStatements: false,
  });
  try {
    await conn.query('SET SESSION TRANSACTION READ ONLY');
  } catch (err) {
    conn.destroy();
    throw err;
  }
  return conn;
}

async function select(conn: Connection, sql: string, params: Key[]): Promise<{ rows: RowDataPacket[]; fields: FieldPacket[] }> {
  const [rows, fields] = await conn.query<RowDataPacket[]>({ sql, timeout: QUERY_TIMEOUT_MS }, params);
  return { rows, fields };
}

/** Fails clearly when the mapping names a column the table or query does not have. */
async function checkColumns(conn: Connection, cfg: MysqlSourceConfig): Promise<string[]> {
  const { fields } = await select(conn, `SELECT * FROM ${fromClause(cfg)} LIMIT 0`, []);
  const columns = fields.map((f) => f.name);
  for (const c of [cfg.idColumn, cfg.updatedAtColumn, cfg.deletedAtColumn, ...Object.values(cfg.mapping)]) {
    if (typeof c === 'string' && !columns.includes(c)) throw new Error(`Unknown column '${c}' (the columns are: ${columns.join(', ')})`);
  }
  return columns;
}

const jsonValue = (v: unknown): unknown => (Buffer.isBuffer(v) ? undefined : typeof v === 'bigint' ? String(v) : v);

/** One row as a source record, with what would go wrong applying it (for the preview). */
export function rowToRecord(
  row: Record<string, unknown>,
  cfg: MysqlSourceConfig,
  zone: string,
): { record: SourceRecord | null; problems: string[]; externalId: string } {
  const problems: string[] = [];
  const rawId = row[cfg.idColumn];
  const externalId = rawId === null || rawId === undefined ? '' : String(rawId);
  if (!externalId) problems.push(`${cfg.idColumn} is empty`);
  const m = cfg.mapping;
  const fields: SourceRecord['fields'] = {};
  const name = text(row[m.name]);
  if (name !== undefined) fields.name = name;
  const phone = text(row[m.phone]);
  if (phone !== undefined) fields.phone = phone;
  if (m.email) {
    const v = text(row[m.email]);
    if (v !== undefined) fields.email = v;
  }
  if (m.city) {
    const v = text(row[m.city]);
    if (v !== undefined) fields.city = v;
  }
  if (m.language) {
    const v = text(row[m.language]);
    if (v !== undefined) fields.language = v ? v.toLowerCase() : v;
  }
  if (m.status) {
    const raw = row[m.status];
    const status = mapStatus(raw, cfg.statusValues);
    if (status) fields.status = status;
    else if (raw !== null && raw !== undefined && raw !== '') problems.push(`status "${String(raw)}" is not known; the lead keeps its status`);
  }
  if (m.score) {
    const raw = row[m.score];
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : null;
    if (n !== null && Number.isInteger(n) && n >= 0 && n <= 100) fields.score = n;
    else if (raw !== null && raw !== undefined && raw !== '') problems.push(`score "${String(raw)}" is not a whole number from 0 to 100`);
  }
  if (m.tags) {
    const v = text(row[m.tags]);
    if (v) fields.tags = v.split(',').flatMap((t) => (t.trim() ? [t.trim().slice(0, 40)] : []));
  }
  if (!fields.name) problems.push(`${m.name} (name) is empty`);
  if (!fields.phone) problems.push(`${m.phone} (phone) is empty`);
  else {
    const p = normalizePhone(fields.phone);
    if (!p.ok) problems.push(p.reason);
  }
  const mapped = new Set<string>([cfg.idColumn, ...Object.values(m).filter((v): v is string => typeof v === 'string')]);
  const extra: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    const value = jsonValue(v);
    if (!mapped.has(k) && value !== undefined) extra[k] = value;
  }
  const sourceUpdatedAt = parseSourceTime(row[cfg.updatedAtColumn], zone) ?? new Date(0);
  if (!externalId) return { record: null, problems, externalId };
  return { record: { source: MYSQL, externalId, fields, extra, sourceUpdatedAt }, problems, externalId };
}

export type MysqlSyncDeps = {
  db: Db;
  clock: Clock;
  url: string;
  zone: string;
  leads: Pick<LeadsService, 'ingest'>;
};

export function createMysqlSync(deps: MysqlSyncDeps) {
  const { db, clock } = deps;

  function bodyFor(cfg: MysqlSourceConfig): RunBody {
    const zone = cfg.timezone ?? deps.zone;
    const batch = cfg.batchSize ?? DEFAULT_BATCH;
    return async (ctx) => {
      const cursor = readCursor((await repo.findState(db, MYSQL))?.cursor);
      const conn = await openReadOnly(deps.url);
      try {
        await checkColumns(conn, cfg);
        for (const phase of ['nulls', 'dated'] as const) {
          for (;;) {
            if (ctx.signal.aborted) throw new Error('stopped');
            const { sql, params } = batchQuery(cfg, cursor, phase, batch);
            const { rows } = await select(conn, sql, params);
            ctx.counts.fetched += rows.length;
            const records: SourceRecord[] = [];
            for (const row of rows) {
              const r = rowToRecord(row, cfg, zone);
              if (r.record) records.push(r.record);
              else ctx.reject(null, r.problems.join('; '));
            }
            ctx.tally(await deps.leads.ingest(SYSTEM_ACTOR, records));
            const last = rows.at(-1);
            if (last) {
              const id = last[cfg.idColumn] as Key;
              if (phase === 'nulls') cursor.nullsAfter = id;
              else cursor.after = { updatedAt: last[cfg.updatedAtColumn] as Key, id };
              await repo.updateState(db, MYSQL, { cursor: JSON.stringify(cursor), updatedAt: clock.now() });
            }
            await ctx.heartbeat();
            if (rows.length < batch) break;
          }
        }
      } finally {
        await conn.end().catch(() => conn.destroy());
      }
      return { cursor: JSON.stringify(cursor) };
    };
  }

  /** The first rows of the mapping, as TeleHub would apply them; nothing is written. */
  async function preview(cfg: MysqlSourceConfig, limit = 5): Promise<MysqlPreview> {
    const zone = cfg.timezone ?? deps.zone;
    const conn = await openReadOnly(deps.url);
    try {
      const columns = await checkColumns(conn, cfg);
      const where = cfg.deletedAtColumn ? ` WHERE ${col(cfg.deletedAtColumn)} IS NULL` : '';
      const sql = `SELECT * FROM ${fromClause(cfg)}${where} ORDER BY ${col(cfg.updatedAtColumn)}, ${col(cfg.idColumn)} LIMIT ${Math.trunc(limit)}`;
      const { rows } = await select(conn, sql, []);
      return {
        columns,
        rows: rows.map((row) => {
          const r = rowToRecord(row, cfg, zone);
          const fieldsOut: Record<string, unknown> = { ...(r.record?.fields ?? {}) };
          if (typeof fieldsOut.phone === 'string') {
            const p = normalizePhone(fieldsOut.phone);
            if (p.ok) fieldsOut.phone = p.e164;
          }
          return {
            externalId: r.externalId,
            fields: fieldsOut,
            extra: r.record?.extra ?? {},
            sourceUpdatedAt: r.record && r.record.sourceUpdatedAt.getTime() > 0 ? r.record.sourceUpdatedAt.toISOString() : null,
            problems: r.problems,
          };
        }),
      };
    } finally {
      await conn.end().catch(() => conn.destroy());
    }
  }

  return { bodyFor, preview };
}

export type MysqlSync = ReturnType<typeof createMysqlSync>;
