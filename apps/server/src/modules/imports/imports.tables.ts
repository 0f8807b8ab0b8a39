import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, real, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/** One uploaded file and its run: lead files and DND registry lists alike. */
export const imports = pgTable(
  'imports',
  {
    id: id(),
    kind: text('kind').notNull().default('leads'),
    status: text('status').notNull().default('queued'),
    /** While running: parsing (rows to staging) or merging (staging into leads). */
    phase: text('phase'),
    /** Extra choices made at upload, e.g. a campaign to add the leads to. */
    options: jsonb('options').$type<{ campaignId?: string; headers?: string[] }>().notNull().default(sql`'{}'::jsonb`),
    source: text('source').notNull(),
    filename: text('filename').notNull(),
    fileKey: text('file_key').notNull(),
    format: text('format').notNull(),
    sizeBytes: integer('size_bytes').notNull().default(0),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    total: integer('total').notNull().default(0),
    processed: integer('processed').notNull().default(0),
    created: integer('created').notNull().default(0),
    merged: integer('merged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    rowsPerSecond: real('rows_per_second'),
    error: text('error'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    startedAt: tstz('started_at'),
    finishedAt: tstz('finished_at'),
  },
  (t) => [index('imports_created_idx').on(t.createdAt)],
);

/** Every rejected row of an import, for the downloadable report. */
export const importRejects = pgTable(
  'import_rejects',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => imports.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    reason: text('reason').notNull(),
    data: jsonb('data').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);
