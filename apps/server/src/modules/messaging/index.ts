// Messaging: WhatsApp (Cloud API) and email to and from leads: sending (checked, queued, retried),
// delivery statuses, what leads write back (timeline, inbox), and templates. Owns messages,
// whatsapp_templates and email_templates.
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import type { Registrar } from '../../platform/modules.js';
import type { Mailer } from '../../providers/email/index.js';
import type { WhatsAppClient } from '../../providers/messaging/whatsapp/index.js';
import type { AuditService } from '../audit/index.js';
import type { ConsentsService } from '../compliance/index.js';
import type { LeadsService } from '../leads/index.js';
import { createDelivery, SEND_ATTEMPTS } from './messaging.delivery.js';
import { createMessagesHolder } from './messaging.holder.js';
import { createMessagesRetention } from './messaging.retention.js';
import { createMessagingService } from './messaging.service.js';
import { createMessagingTemplates } from './messaging.templates.js';

export type { Delivery } from './messaging.delivery.js';
export { MessagingErrors } from './messaging.errors.js';
export { messagingPolicy } from './messaging.policy.js';
export { messagingRoutes } from './messaging.routes.js';
export { type MessagingService, type SendInput, WINDOW_MS } from './messaging.service.js';
export type { MessagingTemplatesService } from './messaging.templates.js';

export type MessagingDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  jobs: Pick<JobQueue, 'enqueue'>;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'forAction' | 'visibleIds' | 'calls'>;
  consents: Pick<ConsentsService, 'granted'>;
  /** null: WhatsApp not configured. */
  whatsapp: WhatsAppClient | null;
  /** null: no SMTP server. */
  mailer: Mailer | null;
};

/**
 * The module's parts. `send(actor | 'system', {leadId, channel, template, variables, origin?})`
 * is what other modules (follow-up sequences) call: it answers `{id, status: 'queued'}` or throws
 * the same coded refusals as POST /api/v1/leads/:id/messages.
 */
export function createMessaging(deps: MessagingDeps) {
  const whatsapp = () => deps.whatsapp;
  const mailer = () => deps.mailer;
  const service = createMessagingService({ ...deps, whatsapp, mailer });
  const templates = createMessagingTemplates({ ...deps, whatsapp, emailConfigured: () => deps.mailer !== null });
  const delivery = createDelivery({ ...deps, whatsapp, mailer, emailTemplate: templates.emailTemplate });
  return {
    ...service,
    templates,
    delivery,
    holder: createMessagesHolder(deps.db),
    /** For the retention job: removes messages older than `before`, except those of leads under a hold. */
    removeOlderThan: createMessagesRetention(deps),
    configured: { whatsapp: deps.whatsapp !== null, email: deps.mailer !== null },
    close: () => deps.mailer?.close(),
  };
}

export type Messaging = ReturnType<typeof createMessaging>;

/** Messages are lead data; sending is a job with retries; approved WhatsApp templates are synced on a schedule. */
export function register(r: Registrar, s: { messaging: Messaging; leads: Pick<LeadsService, 'holders'>; templateSyncEveryMs: number }) {
  s.leads.holders.add(s.messaging.holder);
  r.job('messaging.send', ({ messageId }, ctx) => s.messaging.delivery.send(messageId, ctx), {
    attempts: SEND_ATTEMPTS,
    backoffMs: 2000,
    maxBackoffMs: 60_000,
    concurrency: 4,
  });
  if (s.messaging.configured.whatsapp) {
    r.schedule({
      name: 'messaging.whatsapp_template_sync',
      everyMs: s.templateSyncEveryMs,
      immediate: true,
      run: async () => {
        await s.messaging.templates.syncWhatsApp(null);
      },
    });
  }
}
