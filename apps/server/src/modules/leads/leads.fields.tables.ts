import type { LeadFieldOption } from '@telehub/shared';
import { sql } from 'drizzle-orm';
import { boolean, check, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from '../../platform/db/columns.js';
import { users } from '../users/users.tables.js';

/**
 * What a key of leads' metadata is: its label in each language, its type (how the value is shown,
 * edited and checked) and its place on the lead pages. The values stay in leads.metadata.
 */
export const leadFieldDefinitions = pgTable(
  'lead_field_definitions',
  {
    id: id(),
    /** The metadata key, exactly as stored (an import's column header, a CRM's field name). */
    key: text('key').notNull(),
    labelEn: text('label_en').notNull(),
    labelHi: text('label_hi'),
    type: text('type').notNull(),
    /** A choice field's values with their labels: [{value, labelEn, labelHi}]. */
    options: jsonb('options').$type<LeadFieldOption[]>().notNull().default(sql`'[]'::jsonb`),
    sortOrder: integer('sort_order').notNull().default(0),
    visible: boolean('visible').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('lead_field_definitions_key_key').on(t.key),
    check('lead_field_definitions_type_check', sql`${t.type} in ('text', 'number', 'date', 'choice', 'boolean')`),
  ],
);
