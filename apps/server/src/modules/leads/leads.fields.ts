/**
 * Definitions of leads' extra fields (the keys of their metadata): what admins define, what every
 * page reads for the labels, the keys found in the data with no definition yet, and the check of
 * a lead's edited metadata against the definitions. Every change to a definition is audited.
 *
 * A definition describes values; it never rewrites them. Values already stored (from imports and
 * syncs, which keep what the source said) are shown as well as they can be and checked only when
 * someone changes them here, through the API.
 */
import {
  type CreateLeadFieldBody,
  type LeadFieldDefinition,
  leadFieldShapeProblem,
  leadFieldValueProblem,
  MAX_LEAD_FIELDS,
  RESERVED_LEAD_FIELD_KEYS,
  type UnknownLeadFields,
  type UpdateLeadFieldBody,
} from '@telehub/shared';
import { asc, eq, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { AppError } from '../../platform/errors.js';
import { sameJson } from '../../platform/json.js';
import type { AuditService } from '../audit/index.js';
import { LeadErrors } from './leads.errors.js';
import { leadFieldDefinitions } from './leads.fields.tables.js';

type Row = typeof leadFieldDefinitions.$inferSelect;

/** How many of the newest live leads the "found in the data" list reads: enough to find the keys, bounded on a large base. */
export const UNKNOWN_KEYS_SCAN = 20_000;

const toDto = (r: Row): LeadFieldDefinition => ({
  id: r.id,
  key: r.key,
  labelEn: r.labelEn,
  labelHi: r.labelHi,
  type: r.type as LeadFieldDefinition['type'],
  options: r.options,
  order: r.sortOrder,
  visible: r.visible,
  createdBy: r.createdBy,
  updatedBy: r.updatedBy,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const ordered = (db: Db) => db.select().from(leadFieldDefinitions).orderBy(asc(leadFieldDefinitions.sortOrder), asc(leadFieldDefinitions.key));

/** 400 naming the field, its label and what is wrong, with the metadata path in `details` for forms. */
function valueInvalid(def: Row, problem: string): AppError {
  return new AppError(
    'LEAD_FIELD_INVALID',
    'bad_request',
    `metadata.${def.key} (${def.labelEn}): ${problem}`,
    [{ path: `metadata.${def.key}`, message: problem }],
    {
      field: def.key,
    },
  );
}

function shapeInvalid(problem: { path: string; message: string }): AppError {
  return new AppError('VALIDATION_FAILED', 'bad_request', `Invalid body: ${problem.path}: ${problem.message}`, [problem]);
}

export function createLeadFields(deps: { db: Db; clock: Clock; audit: Pick<AuditService, 'record'> }) {
  const { db, clock, audit } = deps;

  async function find(tx: Db, id: string): Promise<Row> {
    const [row] = await tx.select().from(leadFieldDefinitions).where(eq(leadFieldDefinitions.id, id)).limit(1);
    if (!row) throw LeadErrors.LEAD_FIELD_NOT_FOUND();
    return row;
  }

  /** Gives the rows the places 0..n-1 in this order, writing only those that move. */
  async function renumber(tx: Db, rows: Row[]): Promise<void> {
    for (const [i, r] of rows.entries()) {
      if (r.sortOrder !== i) await tx.update(leadFieldDefinitions).set({ sortOrder: i }).where(eq(leadFieldDefinitions.id, r.id));
    }
  }

  return {
    /** Every definition, in their order on the lead pages. Readable by everyone signed in: the pages need the labels. */
    async list(): Promise<LeadFieldDefinition[]> {
      return (await ordered(db)).map(toDto);
    },

    async create(actor: Actor, body: CreateLeadFieldBody): Promise<LeadFieldDefinition> {
      const now = clock.now();
      try {
        const row = await db.transaction(async (tx) => {
          const [count] = await tx
            .select({ n: sql<number>`count(*)::int`, last: sql<number>`coalesce(max(${leadFieldDefinitions.sortOrder}), -1)::int` })
            .from(leadFieldDefinitions);
          if ((count?.n ?? 0) >= MAX_LEAD_FIELDS) throw LeadErrors.LEAD_FIELDS_TOO_MANY(`At most ${MAX_LEAD_FIELDS} lead fields can be defined`);
          const [created] = await tx
            .insert(leadFieldDefinitions)
            .values({
              key: body.key,
              labelEn: body.labelEn,
              labelHi: body.labelHi,
              type: body.type,
              options: body.options,
              visible: body.visible,
              sortOrder: (count?.last ?? -1) + 1,
              createdBy: actorRef(actor),
              updatedBy: actorRef(actor),
              createdAt: now,
              updatedAt: now,
            })
            .returning();
          if (!created) throw new Error('insert returned nothing');
          await audit.record(
            actor,
            { action: 'lead_field.create', entityType: 'lead_field', entityId: created.key, details: { label: created.labelEn, type: created.type } },
            tx,
          );
          return created;
        });
        return toDto(row);
      } catch (err) {
        if (isUniqueViolation(err, 'lead_field_definitions_key_key')) throw LeadErrors.LEAD_FIELD_KEY_TAKEN(`key: "${body.key}" is already defined`);
        throw err;
      }
    },

    /** Changes a definition; `order` moves it to that place and the others close up around it. */
    async update(actor: Actor, id: string, body: UpdateLeadFieldBody): Promise<LeadFieldDefinition> {
      const row = await db.transaction(async (tx) => {
        const before = await find(tx, id);
        const { order, ...rest } = body;
        const next = { type: rest.type ?? (before.type as LeadFieldDefinition['type']), options: rest.options ?? before.options };
        // A type that leaves choices behind drops their options, unless new ones are sent.
        if (rest.type !== undefined && rest.type !== 'choice' && rest.options === undefined) next.options = [];
        const problem = leadFieldShapeProblem(next);
        if (problem) throw shapeInvalid(problem);
        const changes: Omit<UpdateLeadFieldBody, 'order'> = { ...rest, options: next.options };
        const changed = Object.entries(changes)
          .filter(([k, v]) => v !== undefined && !sameJson(v, (before as Record<string, unknown>)[k]))
          .map(([k]) => k);
        if (order !== undefined && order !== before.sortOrder) changed.push('order');
        if (changed.length === 0) return before;
        const [updated] = await tx
          .update(leadFieldDefinitions)
          .set({ ...changes, updatedBy: actorRef(actor), updatedAt: clock.now() })
          .where(eq(leadFieldDefinitions.id, id))
          .returning();
        if (!updated) throw LeadErrors.LEAD_FIELD_NOT_FOUND();
        if (order !== undefined) {
          const others = (await ordered(tx)).filter((r) => r.id !== id);
          others.splice(Math.min(order, others.length), 0, updated);
          await renumber(tx, others);
        }
        await audit.record(actor, { action: 'lead_field.update', entityType: 'lead_field', entityId: before.key, details: { fields: changed } }, tx);
        return find(tx, id);
      });
      return toDto(row);
    },

    /** Removes a definition; the values stay in the leads' metadata, shown under the key again. */
    async remove(actor: Actor, id: string): Promise<void> {
      await db.transaction(async (tx) => {
        const before = await find(tx, id);
        await tx.delete(leadFieldDefinitions).where(eq(leadFieldDefinitions.id, id));
        await renumber(tx, await ordered(tx));
        await audit.record(
          actor,
          { action: 'lead_field.delete', entityType: 'lead_field', entityId: before.key, details: { label: before.labelEn, type: before.type } },
          tx,
        );
      });
    },

    /**
     * Keys that hold a plain value (text, a number, true/false) in the newest live leads'
     * metadata and have no definition, most common first, with one of their values.
     */
    async unknownKeys(): Promise<UnknownLeadFields> {
      const reserved = sql.join(
        RESERVED_LEAD_FIELD_KEYS.map((k) => sql`${k}`),
        sql`, `,
      );
      const recent = sql`(select metadata from leads where deleted_at is null order by created_at desc limit ${UNKNOWN_KEYS_SCAN})`;
      const [items, scanned] = await Promise.all([
        db.execute(sql`
          select kv.key as key, count(*)::int as leads,
                 min(case jsonb_typeof(kv.value) when 'string' then kv.value #>> '{}' else kv.value::text end) as example
            from ${recent} r, jsonb_each(r.metadata) kv
           where jsonb_typeof(kv.value) in ('string', 'number', 'boolean')
             and kv.key not in (${reserved})
             and not exists (select 1 from lead_field_definitions d where d.key = kv.key)
           group by kv.key
           order by count(*) desc, kv.key
           limit 100`),
        db.execute(sql`select count(*)::int as n from ${recent} r`),
      ]);
      return {
        items: rowsOf<{ key: string; leads: number; example: string | null }>(items).map((r) => ({
          key: r.key,
          leads: Number(r.leads),
          example: r.example === null ? null : r.example.slice(0, 200),
        })),
        scanned: Number(rowsOf<{ n: number }>(scanned)[0]?.n ?? 0),
      };
    },

    /**
     * Throws LEAD_FIELD_INVALID (400) for the first defined field whose value `next` changes
     * from `before` to one its definition refuses. Values left as they were are not judged.
     */
    async assertValues(before: Record<string, unknown>, next: Record<string, unknown>, tx: Db = db): Promise<void> {
      const changed = Object.keys(next).filter((k) => !sameJson(next[k], before[k]));
      if (changed.length === 0) return;
      for (const def of await ordered(tx)) {
        if (!changed.includes(def.key)) continue;
        const problem = leadFieldValueProblem({ type: def.type as LeadFieldDefinition['type'], options: def.options }, next[def.key]);
        if (problem) throw valueInvalid(def, problem);
      }
    },
  };
}

export type LeadFields = ReturnType<typeof createLeadFields>;
