/**
 * Sending WhatsApp and email messages to a lead, the lead's messages, and the inbox. A send is
 * checked here (who may, consent, DND for marketing, template and variables, the 24-hour
 * window) and stored as queued with a line on the lead's timeline; the sending itself is a job
 * (messaging.delivery.ts) with retries.
 */
import type { Inbox, LeadMessages, MessageChannel, MessageQueued, MessageVariables } from '@telehub/shared';
import { type Actor, actorRef, type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { JobQueue } from '../../platform/jobs/jobs.js';
import type { Mailer } from '../../providers/email/index.js';
import { fillBody, type WhatsAppClient } from '../../providers/messaging/whatsapp/index.js';
import type { AuditService } from '../audit/index.js';
import type { ConsentsService } from '../compliance/index.js';
import type { LeadsService } from '../leads/index.js';
import { MessagingErrors } from './messaging.errors.js';
import { missingVariables, renderEmail } from './messaging.render.js';
import * as repo from './messaging.repo.js';

declare module '../../platform/jobs/jobs.js' {
  interface JobPayloads {
    'messaging.send': { messageId: string };
  }
}

export const WINDOW_MS = 24 * 3_600_000;

export type SendInput = {
  leadId: string;
  channel: MessageChannel;
  template: string;
  variables: Record<string, string> | string[];
  /** A template's language; default: the nearest to the lead's language. */
  language?: string;
  origin?: { kind: 'sequence'; id: string };
};

export type MessagingDeps = {
  db: Db;
  clock: Clock;
  jobs: Pick<JobQueue, 'enqueue'>;
  audit: Pick<AuditService, 'record'>;
  leads: Pick<LeadsService, 'forAction' | 'visibleIds' | 'calls'>;
  consents: Pick<ConsentsService, 'granted'>;
  /** null: WhatsApp is not configured. Read at each use. */
  whatsapp: () => WhatsAppClient | null;
  /** null: no SMTP server. */
  mailer: () => Mailer | null;
};

type Lead = Awaited<ReturnType<LeadsService['forAction']>>;

const WA_PARAM = /^[^\n\t]*$/;

/** Picks the language nearest the lead's among those a template exists in. */
export function pickLanguage<T extends { language: string }>(rows: T[], leadLanguage: string | null, asked?: string): T | undefined {
  if (asked) return rows.find((r) => r.language === asked);
  const base = (l: string) => l.toLowerCase().split(/[_-]/)[0];
  return (leadLanguage ? rows.find((r) => base(r.language) === base(leadLanguage)) : undefined) ?? rows.find((r) => base(r.language) === 'en') ?? rows[0];
}

/** Positional parameters for {{1}}..{{n}}: a list as is, or an object keyed "1".."n". */
function positional(variables: MessageVariables): string[] | null {
  if (Array.isArray(variables)) return variables;
  const keys = Object.keys(variables);
  if (!keys.every((k) => /^\d+$/.test(k))) return null;
  const out: string[] = [];
  for (let i = 1; i <= keys.length; i++) {
    const v = variables[String(i)];
    if (v === undefined) return null;
    out.push(v);
  }
  return out;
}

export function createMessagingService(deps: MessagingDeps) {
  const { db, clock } = deps;
  const resolve = (actor: Actor | 'system'): Actor => (actor === 'system' ? SYSTEM_ACTOR : actor);

  async function requireConsent(leadId: string, channel: MessageChannel) {
    if (await deps.consents.granted(leadId, channel)) return;
    throw MessagingErrors.CONSENT_REQUIRED(
      channel === 'whatsapp'
        ? 'The lead has not consented to WhatsApp messages: record their consent first (Consent on the lead page)'
        : 'The lead has not consented to email: record their consent first (Consent on the lead page)',
    );
  }

  async function prepareWhatsApp(lead: Lead, input: SendInput) {
    if (!deps.whatsapp()) throw MessagingErrors.WHATSAPP_NOT_CONFIGURED();
    await requireConsent(lead.id, 'whatsapp');
    const rows = await repo.whatsAppTemplatesNamed(db, input.template);
    const t = pickLanguage(rows, lead.language, input.language);
    if (!t) {
      throw MessagingErrors.TEMPLATE_NOT_FOUND(
        input.language && rows.length > 0
          ? `The template ${input.template} is not approved in ${input.language} (it is in ${rows.map((r) => r.language).join(', ')})`
          : `No approved WhatsApp template named ${input.template}: sync the templates from Meta, or check the name`,
      );
    }
    if (!t.sendable) throw MessagingErrors.TEMPLATE_NOT_SENDABLE();
    if (t.category === 'MARKETING' && lead.dnd) throw MessagingErrors.DND_MARKETING();
    const params = positional(input.variables);
    if (!params) throw MessagingErrors.VARIABLES_MISMATCH('WhatsApp templates take numbered variables: a list, or an object with keys 1, 2, ...');
    if (params.length !== t.variableCount) {
      throw MessagingErrors.VARIABLES_MISMATCH(
        `The template ${t.name} takes ${t.variableCount} variable${t.variableCount === 1 ? '' : 's'}; ${params.length} given`,
      );
    }
    params.forEach((p, i) => {
      if (!p.trim() || !WA_PARAM.test(p) || /\s{5,}/.test(p)) {
        throw MessagingErrors.VARIABLES_MISMATCH(`Variable {{${i + 1}}} must be one line of text, not empty, without tabs or runs of spaces`);
      }
    });
    return {
      template: t.name,
      language: t.language,
      category: t.category,
      variables: params,
      subject: null,
      body: fillBody(t.bodyText, params),
      address: lead.phone,
    };
  }

  async function prepareEmail(lead: Lead, input: SendInput) {
    if (!deps.mailer()) throw MessagingErrors.EMAIL_NOT_CONFIGURED();
    await requireConsent(lead.id, 'email');
    if (!lead.email) throw MessagingErrors.LEAD_HAS_NO_EMAIL();
    const rows = await repo.emailTemplatesNamed(db, input.template);
    const t = pickLanguage(rows, lead.language, input.language);
    if (!t) throw MessagingErrors.TEMPLATE_NOT_FOUND(`No email template named ${input.template}${input.language ? ` in ${input.language}` : ''}`);
    if (t.category === 'marketing' && lead.dnd) throw MessagingErrors.DND_MARKETING();
    const values = Array.isArray(input.variables) ? Object.fromEntries(input.variables.map((v, i) => [String(i + 1), v])) : input.variables;
    const missing = missingVariables(t, values);
    if (missing.length > 0) throw MessagingErrors.VARIABLES_MISMATCH(`The template ${t.name} needs ${missing.map((m) => `{{${m}}}`).join(', ')}`);
    const rendered = renderEmail(t, values);
    return {
      template: t.name,
      language: t.language,
      category: t.category,
      variables: values,
      subject: rendered.subject,
      body: rendered.text,
      address: lead.email,
    };
  }

  /** Stores the message as queued, with its timeline line and audit entry, and starts the sending job. */
  async function enqueue(
    actor: Actor,
    lead: Lead,
    channel: MessageChannel,
    m: {
      template: string | null;
      language: string | null;
      category: string | null;
      variables: string[] | Record<string, string> | null;
      subject: string | null;
      body: string;
      address: string;
    },
    origin?: SendInput['origin'],
  ): Promise<MessageQueued> {
    const now = clock.now();
    const row = await db.transaction(async (tx) => {
      const r = await repo.insertMessage(tx, {
        leadId: lead.id,
        channel,
        direction: 'out',
        status: 'queued',
        ...m,
        sentBy: actorRef(actor),
        originKind: origin?.kind ?? null,
        originId: origin?.id ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await deps.leads.calls.recordMessage(
        actor,
        lead.id,
        { messageId: r.id, channel, direction: 'out', template: m.template, preview: m.subject ?? m.body, at: now },
        tx,
      );
      await deps.audit.record(
        actor,
        {
          action: 'message.send',
          entityType: 'lead',
          entityId: lead.id,
          details: { messageId: r.id, channel, template: m.template, ...(origin ? { origin } : {}) },
        },
        tx,
      );
      return r;
    });
    await deps.jobs.enqueue('messaging.send', { messageId: row.id }, { jobId: `messaging.send:${row.id}` });
    return { id: row.id, status: 'queued' };
  }

  return {
    /**
     * Sends a template on WhatsApp or email to a lead the actor may act on ('system': any lead,
     * e.g. a follow-up sequence). Throws the coded refusals the route answers with.
     */
    async send(actorOrSystem: Actor | 'system', input: SendInput): Promise<MessageQueued> {
      const actor = resolve(actorOrSystem);
      const lead = await deps.leads.forAction(actor, input.leadId);
      const m = input.channel === 'whatsapp' ? await prepareWhatsApp(lead, input) : await prepareEmail(lead, input);
      return enqueue(actor, lead, input.channel, m, input.origin);
    },

    /** A free-form WhatsApp reply, only while the lead's 24-hour window is open. */
    async reply(actor: Actor, leadId: string, text: string): Promise<MessageQueued> {
      const lead = await deps.leads.forAction(actor, leadId);
      if (!deps.whatsapp()) throw MessagingErrors.WHATSAPP_NOT_CONFIGURED();
      await requireConsent(lead.id, 'whatsapp');
      const last = await repo.lastInboundAt(db, lead.id);
      if (!last || clock.now().getTime() - last.getTime() > WINDOW_MS) throw MessagingErrors.WINDOW_CLOSED();
      return enqueue(actor, lead, 'whatsapp', {
        template: null,
        language: null,
        category: null,
        variables: null,
        subject: null,
        body: text,
        address: lead.phone,
      });
    },

    /** The lead's messages, newest first, with its WhatsApp window and which channels work. */
    async forLead(actor: Actor, leadId: string): Promise<LeadMessages> {
      await deps.leads.forAction(actor, leadId);
      const rows = await repo.listForLead(db, leadId);
      const last = await repo.lastInboundAt(db, leadId);
      const closesAt = last ? new Date(last.getTime() + WINDOW_MS) : null;
      return {
        items: rows.map(repo.toMessageDto),
        window: { open: closesAt !== null && closesAt.getTime() > clock.now().getTime(), closesAt: closesAt?.toISOString() ?? null },
        channels: { whatsapp: deps.whatsapp() !== null, email: deps.mailer() !== null },
      };
    },

    /** What the actor's leads wrote on WhatsApp: one line a lead, unread first. */
    async inbox(actor: Actor): Promise<Inbox> {
      const rows = await repo.inboxRows(db, 500);
      const visible = await deps.leads.visibleIds(
        actor,
        rows.map((r) => r.leadId),
      );
      const mine = rows.filter((r) => visible.has(r.leadId)).slice(0, 200);
      const briefs = await deps.leads.calls.briefs(mine.map((r) => r.leadId));
      return {
        items: mine.flatMap((r) => {
          const b = briefs.get(r.leadId);
          return b
            ? [
                {
                  leadId: r.leadId,
                  leadName: b.name,
                  phone: b.phone,
                  lastText: r.lastText,
                  lastAt: r.lastAt.toISOString(),
                  unread: r.unread,
                  windowClosesAt: new Date(r.lastAt.getTime() + WINDOW_MS).toISOString(),
                },
              ]
            : [];
        }),
      };
    },

    /** The lead's incoming messages are read (the inbox stops counting them). */
    async markSeen(actor: Actor, leadId: string): Promise<{ seen: number }> {
      await deps.leads.forAction(actor, leadId);
      return { seen: await repo.markSeen(db, leadId) };
    },
  };
}

export type MessagingService = ReturnType<typeof createMessagingService>;
