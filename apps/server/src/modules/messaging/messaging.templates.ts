/**
 * Templates: WhatsApp's as approved at Meta (synced on a schedule and on demand; only APPROVED
 * ones are kept, so a template Meta paused or rejected stops being offered), and email templates
 * admins write in English and Hindi.
 */
import type { EmailTemplate, EmailTemplateBody, MessagingTemplates, TemplateSyncResult } from '@telehub/shared';
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { type Actor, actorRef, type Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { Logger } from '../../platform/logging.js';
import type { WhatsAppClient } from '../../providers/messaging/whatsapp/index.js';
import type { AuditService } from '../audit/index.js';
import { MessagingErrors } from './messaging.errors.js';
import { variablesOf } from './messaging.render.js';
import * as repo from './messaging.repo.js';
import { emailTemplates, whatsappTemplates } from './messaging.tables.js';

export type TemplatesDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  audit: Pick<AuditService, 'record'>;
  whatsapp: () => WhatsAppClient | null;
  emailConfigured: () => boolean;
};

const toEmailDto = (r: repo.EmailTemplateRow): EmailTemplate => ({
  id: r.id,
  name: r.name,
  language: r.language as EmailTemplate['language'],
  category: r.category as EmailTemplate['category'],
  subject: r.subject,
  body: r.body,
  variables: variablesOf(r.subject, r.body),
  updatedAt: r.updatedAt.toISOString(),
});

export function createMessagingTemplates(deps: TemplatesDeps) {
  const { db, clock } = deps;

  async function findEmail(id: string) {
    const [row] = await db.select().from(emailTemplates).where(eq(emailTemplates.id, id));
    if (!row) throw MessagingErrors.EMAIL_TEMPLATE_NOT_FOUND();
    return row;
  }

  return {
    async list(): Promise<MessagingTemplates> {
      const wa = await repo.approvedWhatsAppTemplates(db);
      const lastSynced = wa.reduce<Date | null>((a, r) => (a && a > r.syncedAt ? a : r.syncedAt), null);
      return {
        whatsapp: {
          configured: deps.whatsapp() !== null,
          lastSyncedAt: lastSynced?.toISOString() ?? null,
          items: wa.map((r) => ({
            name: r.name,
            language: r.language,
            category: r.category,
            bodyText: r.bodyText,
            variableCount: r.variableCount,
            sendable: r.sendable,
          })),
        },
        email: { configured: deps.emailConfigured(), items: (await repo.listEmailTemplates(db)).map(toEmailDto) },
      };
    },

    /** Reads every template from Meta and keeps the approved ones (an admin, or the schedule with actor null). */
    async syncWhatsApp(actor: Actor | null): Promise<TemplateSyncResult> {
      const client = deps.whatsapp();
      if (!client) throw MessagingErrors.WHATSAPP_NOT_CONFIGURED();
      let all: Awaited<ReturnType<WhatsAppClient['listTemplates']>>;
      try {
        all = await client.listTemplates();
      } catch (err) {
        deps.logger.warn({ err }, 'WhatsApp template sync failed');
        throw MessagingErrors.TEMPLATE_SYNC_FAILED(`Meta did not answer the template sync: ${err instanceof Error ? err.message : String(err)}`);
      }
      const approved = all.filter((t) => t.status === 'APPROVED');
      const now = clock.now();
      const removed = await db.transaction(async (tx) => {
        for (const t of approved) {
          const v = { status: t.status, category: t.category, bodyText: t.bodyText, variableCount: t.variableCount, sendable: t.sendable, syncedAt: now };
          await tx
            .insert(whatsappTemplates)
            .values({ name: t.name, language: t.language, ...v })
            .onConflictDoUpdate({ target: [whatsappTemplates.name, whatsappTemplates.language], set: v });
        }
        const keep = approved.map((t) => `${t.name}\u0001${t.language}`);
        const gone = await tx
          .delete(whatsappTemplates)
          .where(keep.length > 0 ? notInArray(sql`${whatsappTemplates.name} || chr(1) || ${whatsappTemplates.language}`, keep) : sql`true`)
          .returning({ id: whatsappTemplates.id });
        if (actor) {
          await deps.audit.record(
            actor,
            { action: 'message_template.sync', entityType: 'settings', details: { approved: approved.length, removed: gone.length } },
            tx,
          );
        }
        return gone.length;
      });
      return { approved: approved.length, removed, syncedAt: now.toISOString() };
    },

    async createEmail(actor: Actor, body: EmailTemplateBody): Promise<EmailTemplate> {
      const now = clock.now();
      try {
        const row = await db.transaction(async (tx) => {
          const [r] = await tx
            .insert(emailTemplates)
            .values({ ...body, updatedBy: actorRef(actor), createdAt: now, updatedAt: now })
            .returning();
          if (!r) throw new Error('insert into email_templates returned nothing');
          await deps.audit.record(
            actor,
            { action: 'message_template.create', entityType: 'settings', entityId: r.id, details: { name: r.name, language: r.language } },
            tx,
          );
          return r;
        });
        return toEmailDto(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw MessagingErrors.EMAIL_TEMPLATE_EXISTS(`An email template ${body.name} in ${body.language} exists: edit it instead`);
        throw err;
      }
    },

    async updateEmail(actor: Actor, id: string, body: EmailTemplateBody): Promise<EmailTemplate> {
      await findEmail(id);
      try {
        const row = await db.transaction(async (tx) => {
          const [r] = await tx
            .update(emailTemplates)
            .set({ ...body, updatedBy: actorRef(actor), updatedAt: clock.now() })
            .where(eq(emailTemplates.id, id))
            .returning();
          if (!r) throw MessagingErrors.EMAIL_TEMPLATE_NOT_FOUND();
          await deps.audit.record(
            actor,
            { action: 'message_template.update', entityType: 'settings', entityId: id, details: { name: r.name, language: r.language } },
            tx,
          );
          return r;
        });
        return toEmailDto(row);
      } catch (err) {
        if (isUniqueViolation(err)) throw MessagingErrors.EMAIL_TEMPLATE_EXISTS(`An email template ${body.name} in ${body.language} exists`);
        throw err;
      }
    },

    async removeEmail(actor: Actor, id: string): Promise<void> {
      const row = await findEmail(id);
      await db.transaction(async (tx) => {
        await tx.delete(emailTemplates).where(and(eq(emailTemplates.id, id)));
        await deps.audit.record(
          actor,
          { action: 'message_template.delete', entityType: 'settings', entityId: id, details: { name: row.name, language: row.language } },
          tx,
        );
      });
    },

    /** The stored template a queued email was made from (its html part is rendered at send time). */
    async emailTemplate(name: string, language: string) {
      const [row] = await db
        .select()
        .from(emailTemplates)
        .where(and(eq(emailTemplates.name, name), eq(emailTemplates.language, language)));
      return row;
    },
  };
}

export type MessagingTemplatesService = ReturnType<typeof createMessagingTemplates>;
