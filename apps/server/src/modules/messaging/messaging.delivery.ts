/**
 * The sending job, and what comes back: Meta's status webhooks, leads writing to us, and email
 * bounces. WhatsApp errors are retried with backoff when Meta says to wait (rate limits) or was
 * briefly down, and fail the message at once otherwise, keeping Meta's code and title. An SMTP
 * server refusing the recipient (5xx) is a bounce; a temporary refusal (4xx) or no answer is
 * retried.
 */
import type { EmailBounceBody } from '@telehub/shared';
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobContext } from '../../platform/jobs/jobs.js';
import type { Logger } from '../../platform/logging.js';
import { normalizePhone } from '../../platform/phone.js';
import type { Mailer } from '../../providers/email/index.js';
import { type WhatsAppClient, WhatsAppError, type WhatsAppEvent } from '../../providers/messaging/whatsapp/index.js';
import type { LeadsService } from '../leads/index.js';
import { parseDsn } from './messaging.dsn.js';
import { renderEmail } from './messaging.render.js';
import * as repo from './messaging.repo.js';
import { mergeStatus, sameState } from './messaging.status.js';

/** Tries a message this many times in all (the job is registered with as many attempts). */
export const SEND_ATTEMPTS = 6;

export type DeliveryDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  leads: Pick<LeadsService, 'calls'>;
  whatsapp: () => WhatsAppClient | null;
  mailer: () => Mailer | null;
  /** Email templates' html part is rendered again at send time from the stored values. */
  emailTemplate: (name: string, language: string) => Promise<{ subject: string; body: string } | undefined>;
};

type SmtpError = Error & { responseCode?: number; response?: string; code?: string };

export function createDelivery(deps: DeliveryDeps) {
  const { db, clock, logger } = deps;

  async function fail(id: string, status: 'failed' | 'bounced', code: string, title: string, attempts: number) {
    const now = clock.now();
    await repo.updateMessage(db, id, { status, errorCode: code, errorTitle: title.slice(0, 500), failedAt: now, updatedAt: now, attempts });
  }

  async function sendWhatsApp(m: repo.MessageRow): Promise<string> {
    const client = deps.whatsapp();
    if (!client) throw new WhatsAppError(null, 'WhatsApp is not configured', 'permanent', null);
    const callbackData = `msg:${m.id}`;
    const result = m.template
      ? await client.sendTemplate({
          to: m.address,
          name: m.template,
          language: m.language ?? 'en',
          parameters: Array.isArray(m.variables) ? m.variables : [],
          callbackData,
        })
      : await client.sendText({ to: m.address, body: m.body ?? '', callbackData });
    return result.wamid;
  }

  async function sendEmail(m: repo.MessageRow): Promise<string> {
    const mailer = deps.mailer();
    if (!mailer) throw Object.assign(new Error('Email is not configured (SMTP_URL is unset)'), { responseCode: 550 });
    const t = m.template ? await deps.emailTemplate(m.template, m.language ?? 'en') : undefined;
    const values = m.variables && !Array.isArray(m.variables) ? m.variables : {};
    const html = t ? renderEmail(t, values).html : undefined;
    const sent = await mailer.send({ to: m.address, subject: m.subject ?? '', text: m.body ?? '', ...(html ? { html } : {}) });
    return sent.messageId;
  }

  return {
    /** The job: sends a queued message once; throws (to be retried) while retrying may help. */
    async send(messageId: string, ctx: Pick<JobContext, 'attempt'>): Promise<void> {
      const m = await repo.findMessage(db, messageId);
      if (m?.status !== 'queued' || m.direction !== 'out') return;
      const attempts = m.attempts + 1;
      try {
        const providerId = m.channel === 'whatsapp' ? await sendWhatsApp(m) : await sendEmail(m);
        const now = clock.now();
        // Accepted by Meta or the mail server: sent (Meta's own "sent" webhook then adds nothing).
        // Merged, not set: a status webhook may have come first (matched by its callback data).
        await db.transaction(async (tx) => {
          const cur = (await repo.findMessage(tx, m.id, true)) ?? m;
          const state = mergeStatus(
            { status: 'queued', sentAt: cur.sentAt, deliveredAt: cur.deliveredAt, readAt: cur.readAt, failedAt: cur.failedAt },
            'sent',
            now,
          );
          await repo.updateMessage(tx, m.id, {
            ...state,
            providerMessageId: providerId,
            updatedAt: now,
            attempts,
            errorCode: cur.status === 'failed' ? cur.errorCode : null,
            errorTitle: cur.status === 'failed' ? cur.errorTitle : null,
          });
        });
      } catch (err) {
        const last = ctx.attempt >= SEND_ATTEMPTS;
        if (err instanceof WhatsAppError) {
          const code = err.code === null ? (err.httpStatus === null ? 'network' : `http_${err.httpStatus}`) : String(err.code);
          const title = err.details && err.details !== err.title ? `${err.title}: ${err.details}` : err.title;
          if (!err.retryable || last) {
            logger.warn({ messageId, code, title, attempt: ctx.attempt }, 'WhatsApp message failed');
            await fail(m.id, 'failed', code, title, attempts);
            return;
          }
          await repo.updateMessage(db, m.id, { attempts, errorCode: code, errorTitle: title.slice(0, 500), updatedAt: clock.now() });
          throw err;
        }
        const smtp = err as SmtpError;
        if (typeof smtp.responseCode === 'number' && smtp.responseCode >= 500) {
          await fail(m.id, 'bounced', `smtp_${smtp.responseCode}`, smtp.response ?? smtp.message, attempts);
          return;
        }
        const code = typeof smtp.responseCode === 'number' ? `smtp_${smtp.responseCode}` : (smtp.code ?? 'error');
        if (last) {
          await fail(m.id, 'failed', code, smtp.response ?? smtp.message, attempts);
          return;
        }
        await repo.updateMessage(db, m.id, { attempts, errorCode: code, errorTitle: (smtp.response ?? smtp.message).slice(0, 500), updatedAt: clock.now() });
        throw err;
      }
    },

    /** Webhook events from Meta: statuses applied monotonically and once; leads' messages stored once, on their timeline. */
    async ingest(events: WhatsAppEvent[]): Promise<void> {
      for (const e of events) {
        if (e.kind === 'status') {
          await db.transaction(async (tx) => {
            const byCallback = e.callbackData?.startsWith('msg:') ? e.callbackData.slice(4) : null;
            const m =
              (await repo.findByProviderId(tx, 'whatsapp', e.wamid, true)) ??
              (byCallback && /^[0-9a-f-]{36}$/i.test(byCallback) ? await repo.findMessage(tx, byCallback, true) : undefined);
            if (m?.channel !== 'whatsapp') {
              logger.info({ wamid: e.wamid, status: e.status }, 'WhatsApp status for a message TeleHub does not know: skipped');
              return;
            }
            const before = { status: m.status as 'queued', sentAt: m.sentAt, deliveredAt: m.deliveredAt, readAt: m.readAt, failedAt: m.failedAt };
            const after = mergeStatus(before, e.status, e.at);
            const firstError = e.status === 'failed' ? e.errors[0] : undefined;
            if (sameState(before, after) && !(firstError && !m.errorCode)) return;
            await repo.updateMessage(tx, m.id, {
              ...after,
              ...(m.providerMessageId ? {} : { providerMessageId: e.wamid }),
              ...(firstError && !m.errorCode
                ? {
                    errorCode: firstError.code === null ? 'unknown' : String(firstError.code),
                    errorTitle: (firstError.details ? `${firstError.title}: ${firstError.details}` : firstError.title).slice(0, 500),
                  }
                : {}),
              updatedAt: clock.now(),
            });
          });
          continue;
        }
        const phone = normalizePhone(e.from);
        const lead = phone.ok ? await deps.leads.calls.caller(phone.e164) : undefined;
        if (!lead) {
          logger.info({ wamid: e.wamid }, 'WhatsApp message from a number that is no lead: not kept');
          continue;
        }
        await db.transaction(async (tx) => {
          const row = await repo.insertIncomingOnce(tx, {
            leadId: lead.id,
            channel: 'whatsapp',
            direction: 'in',
            status: 'received',
            body: e.text ?? `[${e.type}]`,
            address: lead.phone,
            providerMessageId: e.wamid,
            createdAt: e.at,
            updatedAt: clock.now(),
          });
          if (row)
            await deps.leads.calls.recordMessage(
              null,
              lead.id,
              { messageId: row.id, channel: 'whatsapp', direction: 'in', template: null, preview: row.body, at: e.at },
              tx,
            );
        });
      }
    },

    /** A bounce report: the message (by its Message-ID, else the latest email to the address) is marked bounced. */
    async bounce(body: EmailBounceBody): Promise<{ matched: boolean; messageId: string | null; status: string }> {
      const b = 'dsn' in body ? parseDsn(body.dsn) : body;
      if (!b) return { matched: false, messageId: null, status: 'unreadable' };
      const permanent = b.status.startsWith('5');
      const m = (b.messageId ? await repo.findByProviderId(db, 'email', b.messageId) : undefined) ?? (await repo.latestEmailTo(db, b.recipient));
      if (!m) return { matched: false, messageId: null, status: b.status };
      if (permanent && m.status !== 'bounced') {
        await fail(m.id, 'bounced', b.status, b.diagnostic ?? `Bounced (${b.status})`, m.attempts);
      }
      return { matched: true, messageId: m.id, status: b.status };
    },
  };
}

export type Delivery = ReturnType<typeof createDelivery>;
