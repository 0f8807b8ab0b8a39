/** Data sources (the Laravel CRM, its MySQL database, its event queue) and their syncs. */
import { z } from 'zod';
import { LEAD_STATUSES } from './enums.js';

export const SOURCE_NAMES = ['laravel', 'mysql', 'amqp'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const SYNC_TRIGGERS = ['schedule', 'manual', 'cli'] as const;
export type SyncTrigger = (typeof SYNC_TRIGGERS)[number];

export const SourceParams = z.object({ source: z.enum(SOURCE_NAMES) });
export type SourceParams = z.infer<typeof SourceParams>;

export const SyncRecordError = z.object({ externalId: z.string().nullable(), reason: z.string() });
export type SyncRecordError = z.infer<typeof SyncRecordError>;

/** What one run did. `failed` counts records the run could not apply (see `errors`). */
export const SyncSummary = z.object({
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  cursor: z.string().nullable().describe('where the next run starts (the latest source change seen)'),
});
export type SyncSummary = z.infer<typeof SyncSummary>;

export const SyncRunResult = SyncSummary.extend({
  runId: z.uuid(),
  status: z.enum(['succeeded', 'failed']),
  error: z.string().nullable(),
  errors: z.array(SyncRecordError).describe('the first record problems of the run'),
});
export type SyncRunResult = z.infer<typeof SyncRunResult>;

export const SyncRun = z.object({
  id: z.uuid(),
  source: z.string(),
  trigger: z.string(),
  status: z.enum(['running', 'succeeded', 'failed']),
  fetched: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  failed: z.number().int(),
  cursor: z.string().nullable(),
  error: z.string().nullable(),
  errors: z.array(SyncRecordError),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type SyncRun = z.infer<typeof SyncRun>;

export const SyncRunList = z.object({ items: z.array(SyncRun) });
export type SyncRunList = z.infer<typeof SyncRunList>;

export const SyncRunListQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(20) });
export type SyncRunListQuery = z.infer<typeof SyncRunListQuery>;

export const SourceStatus = z.object({
  source: z.enum(SOURCE_NAMES),
  configured: z.boolean(),
  status: z.string().describe('idle, running, succeeded, failed; for amqp: connecting, consuming, disconnected, stopped'),
  everySeconds: z.number().int().nullable().describe('schedule of the connector; null when it is not scheduled'),
  lastRunAt: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lastSummary: z.record(z.string(), z.unknown()).nullable(),
  cursor: z.string().nullable(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

/** Write-back messages to the CRM waiting for it to accept them. */
export const OutboxStats = z.object({
  pending: z.number().int(),
  delivered: z.number().int(),
  oldestPendingAgeSeconds: z.number().int().nullable(),
  lastError: z.string().nullable(),
});
export type OutboxStats = z.infer<typeof OutboxStats>;

export const SourceList = z.object({ items: z.array(SourceStatus), outbox: OutboxStats });
export type SourceList = z.infer<typeof SourceList>;

/** A user of the CRM, and the TeleHub user its leads go to. */
export const ExternalUser = z.object({
  source: z.string(),
  externalId: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  userId: z.uuid().nullable(),
  userName: z.string().nullable(),
  updatedAt: z.string(),
});
export type ExternalUser = z.infer<typeof ExternalUser>;

export const ExternalUserList = z.object({ items: z.array(ExternalUser) });
export type ExternalUserList = z.infer<typeof ExternalUserList>;

export const ExternalUserParams = z.object({ externalId: z.string().trim().min(1).max(100) });
export type ExternalUserParams = z.infer<typeof ExternalUserParams>;

export const LinkExternalUserBody = z.object({ userId: z.uuid().nullable() });
export type LinkExternalUserBody = z.infer<typeof LinkExternalUserBody>;

// ---- Legacy MySQL connector ----

const column = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^`.\p{Cc}]+$/u, 'must be a column name (no backticks or dots)');

/** Where a statement's text is code, not a string literal or a quoted name: the parts a rule must look at. */
function codeOutsideQuotes(sql: string): string | null {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charAt(i);
    if (quote) {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) {
        if (sql.charAt(i + 1) === quote) i++;
        else {
          quote = null;
          out += ' ';
        }
      }
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else out += c;
  }
  return quote ? null : out;
}

/** Why `sql` is not a single plain SELECT, or null when it is one. */
export function selectQueryProblem(sql: string): string | null {
  const code = codeOutsideQuotes(sql.trim().replace(/;\s*$/, ''));
  if (code === null) return 'has an unclosed quote';
  if (!/^\s*select\s/i.test(code)) return 'must be a single SELECT statement';
  if (code.includes(';')) return 'must be a single statement (no ;)';
  if (/--|#|\/\*/.test(code)) return 'must not contain comments';
  if (/\binto\b/i.test(code)) return 'must not write anywhere (INTO)';
  if (/\bfor\s+(update|share)\b|\block\s+in\s+share\s+mode\b/i.test(code)) return 'must not lock rows';
  return null;
}

const selectQuery = z
  .string()
  .trim()
  .min(1)
  .max(20_000)
  .superRefine((v, ctx) => {
    const problem = selectQueryProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** TeleHub lead field -> column of the legacy table (or of the query's result). */
export const MysqlFieldMapping = z.strictObject({
  name: column,
  phone: column,
  email: column.optional(),
  status: column.optional(),
  city: column.optional(),
  language: column.optional(),
  score: column.optional(),
  tags: column.optional().describe('comma-separated values'),
});
export type MysqlFieldMapping = z.infer<typeof MysqlFieldMapping>;

export const MysqlSourceConfig = z
  .strictObject({
    table: z
      .string()
      .trim()
      .min(1)
      .max(129)
      .regex(/^[^`.\p{Cc}]+(\.[^`.\p{Cc}]+)?$/u, 'must be a table name, or database.table')
      .optional(),
    query: selectQuery.optional().describe('a single SELECT; used instead of table'),
    idColumn: column,
    updatedAtColumn: column,
    deletedAtColumn: column.optional().describe('rows with a value here (soft-deleted) are skipped'),
    mapping: MysqlFieldMapping,
    statusValues: z
      .record(z.string().trim().min(1).max(100), z.enum(LEAD_STATUSES))
      .optional()
      .describe('legacy status value -> TeleHub status, on top of the common words'),
    timezone: z.string().trim().max(64).refine(isTimeZone, 'must be an IANA time zone such as Asia/Kolkata').optional(),
    batchSize: z.number().int().min(1).max(5000).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.table === !v.query) ctx.addIssue({ code: 'custom', path: ['table'], message: 'give either table or query (exactly one)' });
  });
export type MysqlSourceConfig = z.infer<typeof MysqlSourceConfig>;

export const MysqlConfigAnswer = z.object({
  configured: z.boolean().describe('LEGACY_MYSQL_URL is set'),
  config: MysqlSourceConfig.nullable(),
});
export type MysqlConfigAnswer = z.infer<typeof MysqlConfigAnswer>;

export const MysqlTestBody = z.object({ config: MysqlSourceConfig.optional().describe('test this mapping instead of the saved one') });
export type MysqlTestBody = z.infer<typeof MysqlTestBody>;

export const MysqlPreviewRow = z.object({
  externalId: z.string(),
  fields: z.record(z.string(), z.unknown()).describe('the lead fields as TeleHub would apply them'),
  extra: z.record(z.string(), z.unknown()),
  sourceUpdatedAt: z.string().nullable(),
  problems: z.array(z.string()),
});
export type MysqlPreviewRow = z.infer<typeof MysqlPreviewRow>;

export const MysqlPreview = z.object({ columns: z.array(z.string()), rows: z.array(MysqlPreviewRow) });
export type MysqlPreview = z.infer<typeof MysqlPreview>;
