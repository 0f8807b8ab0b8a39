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
  /** The keyring key that wraps the file's own key (or, with no wrapped key, that sealed the file). */
  keyId: text('key_id').notNull(),
  /**
   * The file's own key, wrapped by `keyId` (see recordings.envelope.ts); '' once destroyed (the
   * person erased: the file can never be read again); null for files sealed directly with `keyId`.
   */
  wrappedKey: text('wrapped_key'),
  contentType: text('content_type').notNull(),
  sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
  chunkSize: integer('chunk_size').notNull(),
  createdAt: createdAt(),
});
