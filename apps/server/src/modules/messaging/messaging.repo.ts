/** Queries over the messaging tables; every function takes the db or a transaction. */
import type { Message } from '@telehub/shared';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../platform/db/client.js';
import { emailTemplates, messages, whatsappTemplates } from './messaging.tables.js';

export type MessageRow = typeof messages.$inferSelect;
export type MessageInsert = typeof messages.$inferInsert;
export type EmailTemplateRow = typeof emailTemplates.$inferSelect;
export type WhatsAppTemplateRow = typeof whatsappTemplates.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toMessageDto = (r: MessageRow): Message => ({
  id: r.id,
  leadId: r.leadId,
  channel: r.channel as Message['channel'],
  direction: r.direction as Message['direction'],
  status: r.status as Message['status'],
  template: r.template,
  language: r.language,
  subject: r.subject,
  body: r.body,
  errorCode: r.errorCode,
  errorTitle: r.errorTitle,
  sentBy: r.sentBy,
  origin: r.originKind && r.originId ? { kind: r.originKind, id: r.originId } : null,
  createdAt: r.createdAt.toISOString(),
  sentAt: iso(r.sentAt),
  deliveredAt: iso(r.deliveredAt),
  readAt: iso(r.readAt),
  failedAt: iso(r.failedAt),
});

export async function insertMessage(db: Db, v: MessageInsert): Promise<MessageRow> {
  const [row] = await db.insert(messages).values(v).returning();
  if (!row) throw new Error('insert into messages returned nothing');
  return row;
}

/** An incoming message once: a second delivery of the same wamid inserts nothing (undefined). */
export async function insertIncomingOnce(db: Db, v: MessageInsert): Promise<MessageRow | undefined> {
  const [row] = await db
    .insert(messages)
    .values(v)
    .onConflictDoNothing({ target: [messages.channel, messages.providerMessageId], where: sql`${messages.providerMessageId} is not null` })
    .returning();
  return row;
}

export async function findMessage(db: Db, id: string, lock = false): Promise<MessageRow | undefined> {
  const q = db.select().from(messages).where(eq(messages.id, id));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function findByProviderId(db: Db, channel: string, providerId: string, lock = false): Promise<MessageRow | undefined> {
  const q = db
    .select()
    .from(messages)
    .where(and(eq(messages.channel, channel), eq(messages.providerMessageId, providerId)));
  const [row] = lock ? await q.for('update') : await q;
  return row;
}

export async function updateMessage(db: Db, id: string, v: Partial<MessageInsert>): Promise<void> {
  await db.update(messages).set(v).where(eq(messages.id, id));
}

export async function listForLead(db: Db, leadId: string, limit = 200): Promise<MessageRow[]> {
  return db.select().from(messages).where(eq(messages.leadId, leadId)).orderBy(desc(messages.createdAt), desc(messages.id)).limit(limit);
}

/** When the lead last wrote to us on WhatsApp (opens the 24-hour window), or null. */
export async function lastInboundAt(db: Db, leadId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: sql<Date | string | null>`max(${messages.createdAt})` })
    .from(messages)
    .where(and(eq(messages.leadId, leadId), eq(messages.channel, 'whatsapp'), eq(messages.direction, 'in')));
  return row?.at ? new Date(row.at) : null;
}

export type InboxRow = { leadId: string; lastAt: Date; unread: number; lastText: string | null };

/** Leads with incoming WhatsApp messages: unread first, then the most recent. */
export async function inboxRows(db: Db, limit: number): Promise<InboxRow[]> {
  const rows = rowsOf<{ lead_id: string; last_at: string | Date; unread: string | number; last_text: string | null }>(
    await db.execute(sql`
      select lead_id, max(created_at) as last_at, count(*) filter (where not seen) as unread,
             (array_agg(body order by created_at desc))[1] as last_text
      from ${messages}
      where direction = 'in' and channel = 'whatsapp'
      group by lead_id
      order by (count(*) filter (where not seen) > 0) desc, max(created_at) desc
      limit ${limit}`),
  );
  return rows.map((r) => ({ leadId: r.lead_id, lastAt: new Date(r.last_at), unread: Number(r.unread), lastText: r.last_text }));
}

export async function markSeen(db: Db, leadId: string): Promise<number> {
  const rows = await db
    .update(messages)
    .set({ seen: true })
    .where(and(eq(messages.leadId, leadId), eq(messages.direction, 'in'), eq(messages.seen, false)))
    .returning({ id: messages.id });
  return rows.length;
}

/** The latest outgoing email to an address (a bounce report that names no message id). */
export async function latestEmailTo(db: Db, address: string): Promise<MessageRow | undefined> {
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.channel, 'email'), eq(messages.direction, 'out'), sql`lower(${messages.address}) = lower(${address})`))
    .orderBy(desc(messages.createdAt))
    .limit(1);
  return row;
}

// --- templates -------------------------------------------------------------------------------

export async function approvedWhatsAppTemplates(db: Db): Promise<WhatsAppTemplateRow[]> {
  return db.select().from(whatsappTemplates).orderBy(asc(whatsappTemplates.name), asc(whatsappTemplates.language));
}

export async function whatsAppTemplatesNamed(db: Db, name: string): Promise<WhatsAppTemplateRow[]> {
  return db.select().from(whatsappTemplates).where(eq(whatsappTemplates.name, name)).orderBy(asc(whatsappTemplates.language));
}

export async function emailTemplatesNamed(db: Db, name: string): Promise<EmailTemplateRow[]> {
  return db.select().from(emailTemplates).where(eq(emailTemplates.name, name)).orderBy(asc(emailTemplates.language));
}

export async function listEmailTemplates(db: Db): Promise<EmailTemplateRow[]> {
  return db.select().from(emailTemplates).orderBy(asc(emailTemplates.name), asc(emailTemplates.language));
}
