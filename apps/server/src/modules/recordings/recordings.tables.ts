import { bigint, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from '../../platform/db/columns.js';
import { calls } from '../calls/calls.tables.js';

/** A call's recording, encrypted at rest (AES-256-GCM in chunks) in the file store or a bucket. */
export const recordings = pgTable('recordings', {
  callId: uuid('call_id')
    .primaryKey()
    .references(() => calls.id, { onDelete: 'cascade' }),
  store: text('store').notNull(),
  objectKey: text('object_key').notNull(),
  keyId: text('key_id').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  chunkSize: integer('chunk_size').notNull(),
  createdAt: createdAt(),
});
