/**
 * Trying a connector before saving it: the Laravel CRM's API (one page of leads), the legacy
 * MySQL database (a read-only session) and the CRM's RabbitMQ queue (connect, look at the queue).
 * Nothing is stored and no lead is touched; each answers what it reached or what went wrong.
 */
import type { ConnectorTestResult, SourceName } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Logger } from '../../platform/logging.js';
import { createCrmClient } from './laravel.client.js';
import { openReadOnly } from './mysql.sync.js';
import { formatSourceTime } from './sources.mapping.js';

const TIME_LIMIT_MS = 15_000;

type Get = (name: string) => unknown;
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export async function testConnection(connector: SourceName, get: Get, clock: Clock, logger: Logger): Promise<ConnectorTestResult> {
  const started = clock.now().getTime();
  const done = (ok: boolean, text: string): ConnectorTestResult => ({ ok, message: text, elapsedMs: Math.max(0, clock.now().getTime() - started) });
  try {
    if (connector === 'laravel') return done(true, await laravel(get, logger));
    if (connector === 'mysql') return done(true, await mysql(get));
    return done(true, await amqp(get));
  } catch (err) {
    return done(false, message(err));
  }
}

async function laravel(get: Get, logger: Logger): Promise<string> {
  const url = get('LARAVEL_CRM_URL') as string | undefined;
  const token = get('LARAVEL_CRM_TOKEN') as string | undefined;
  if (!url) throw new Error('Set the CRM address (LARAVEL_CRM_URL) first');
  if (!token) throw new Error('Set the CRM token (LARAVEL_CRM_TOKEN) first');
  const client = createCrmClient({
    baseUrl: url,
    token,
    timeoutMs: Math.min(Number(get('LARAVEL_CRM_TIMEOUT')) * 1000, TIME_LIMIT_MS),
    attempts: 1,
    logger,
    signal: AbortSignal.timeout(TIME_LIMIT_MS),
  });
  const page = await client.leadsPage(formatSourceTime(new Date(0), String(get('LARAVEL_CRM_TIMEZONE'))), 1);
  const pages = page.lastPage ? `, ${page.lastPage} page${page.lastPage === 1 ? '' : 's'} in all` : '';
  return `The CRM answered: ${page.items.length} lead${page.items.length === 1 ? '' : 's'} on the first page${pages}`;
}

async function mysql(get: Get): Promise<string> {
  const url = get('LEGACY_MYSQL_URL') as string | undefined;
  if (!url) throw new Error('Set the database address (LEGACY_MYSQL_URL) first');
  const conn = await openReadOnly(url);
  try {
    const [rows] = await conn.query<import('mysql2/promise').RowDataPacket[]>({ sql: 'SELECT VERSION() AS version, DATABASE() AS db', timeout: TIME_LIMIT_MS });
    const row = (rows[0] ?? {}) as { version?: unknown; db?: unknown };
    return `Connected read-only to ${String(row.version ?? 'MySQL')}${row.db ? `, database ${String(row.db)}` : ''}`;
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

async function amqp(get: Get): Promise<string> {
  const url = get('LARAVEL_AMQP_URL') as string | undefined;
  const queue = String(get('LARAVEL_AMQP_QUEUE'));
  if (!url) throw new Error('Set the queue address (LARAVEL_AMQP_URL) first');
  const lib = await import('amqplib');
  const conn = await lib.connect(url, { timeout: TIME_LIMIT_MS });
  conn.on('error', () => undefined);
  try {
    const ch = await conn.createChannel();
    ch.on('error', () => undefined);
    try {
      const q = await ch.checkQueue(queue);
      return `Connected; queue ${queue} holds ${q.messageCount} message${q.messageCount === 1 ? '' : 's'} (${q.consumerCount} consumer${q.consumerCount === 1 ? '' : 's'})`;
    } catch {
      // A passive check of a missing queue closes the channel; the consumer declares it when it starts.
      return `Connected; queue ${queue} does not exist yet and is created when the connector starts`;
    }
  } finally {
    await conn.close().catch(() => undefined);
  }
}
