/** WhatsApp and email messages to and from leads, their templates, and the inbox. */
import { z } from 'zod';

export const MESSAGE_CHANNELS = ['whatsapp', 'email'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
/** queued -> sent -> delivered -> read, or failed / bounced; `received` for what a lead wrote to us. */
export const MESSAGE_STATUSES = ['queued', 'sent', 'delivered', 'read', 'failed', 'bounced', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
export const EMAIL_TEMPLATE_LANGUAGES = ['en', 'hi'] as const;
export const EMAIL_TEMPLATE_CATEGORIES = ['transactional', 'marketing'] as const;

/** Template variables: positional ({{1}}, {{2}}) as a list, or by name ({{name}}) as an object. */
export const MessageVariables = z.union([
  z.array(z.string().max(1024)).max(20),
  z.record(z.string().regex(/^[A-Za-z0-9_]{1,40}$/, 'variable names are letters, digits and _'), z.string().max(1024)),
]);
export type MessageVariables = z.infer<typeof MessageVariables>;

export const SendMessageBody = z
  .object({
    channel: z.enum(MESSAGE_CHANNELS),
    template: z.string().trim().min(1).max(512).optional(),
    variables: MessageVariables.optional(),
    /** A template's language (e.g. en_US, hi); default: the one nearest the lead's language. */
    language: z.string().trim().min(2).max(15).optional(),
    /** A free-form WhatsApp reply (only inside the 24-hour window). */
    text: z.string().trim().min(1, 'text: write something').max(4096, 'text: at most 4096 characters').optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.template === undefined) === (b.text === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'give either a template or a text' });
    }
    if (b.text !== undefined && b.channel !== 'whatsapp') {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'free-form text goes only on WhatsApp; email uses a template' });
    }
  });
export type SendMessageBody = z.infer<typeof SendMessageBody>;

export const MessageQueued = z.object({ id: z.uuid(), status: z.literal('queued') });
export type MessageQueued = z.infer<typeof MessageQueued>;

export const Message = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  channel: z.enum(MESSAGE_CHANNELS),
  direction: z.enum(['out', 'in']),
  status: z.enum(MESSAGE_STATUSES),
  template: z.string().nullable(),
  language: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorTitle: z.string().nullable(),
  sentBy: z.uuid().nullable(),
  origin: z.object({ kind: z.string(), id: z.string() }).nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  readAt: z.string().nullable(),
  failedAt: z.string().nullable(),
});
export type Message = z.infer<typeof Message>;

export const LeadMessages = z.object({
  items: z.array(Message),
  /** The WhatsApp customer service window: open for 24 hours after the lead last wrote. */
  window: z.object({ open: z.boolean(), closesAt: z.string().nullable() }),
  channels: z.object({ whatsapp: z.boolean(), email: z.boolean() }),
});
export type LeadMessages = z.infer<typeof LeadMessages>;

export const InboxItem = z.object({
  leadId: z.uuid(),
  leadName: z.string(),
  phone: z.string(),
  lastText: z.string().nullable(),
  lastAt: z.string(),
  unread: z.number().int(),
  windowClosesAt: z.string(),
});
export type InboxItem = z.infer<typeof InboxItem>;
export const Inbox = z.object({ items: z.array(InboxItem) });
export type Inbox = z.infer<typeof Inbox>;

export const WhatsAppTemplateDto = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  bodyText: z.string(),
  variableCount: z.number().int(),
  sendable: z.boolean(),
});
export type WhatsAppTemplateDto = z.infer<typeof WhatsAppTemplateDto>;

export const EmailTemplate = z.object({
  id: z.uuid(),
  name: z.string(),
  language: z.enum(EMAIL_TEMPLATE_LANGUAGES),
  category: z.enum(EMAIL_TEMPLATE_CATEGORIES),
  subject: z.string(),
  body: z.string(),
  /** The {{name}} variables the subject and body use. */
  variables: z.array(z.string()),
  updatedAt: z.string(),
});
export type EmailTemplate = z.infer<typeof EmailTemplate>;

const TemplateName = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, 'name: lower-case letters, digits and _ (1-64), e.g. brochure_followup');
export const EmailTemplateBody = z.object({
  name: TemplateName,
  language: z.enum(EMAIL_TEMPLATE_LANGUAGES),
  category: z.enum(EMAIL_TEMPLATE_CATEGORIES).default('transactional'),
  subject: z.string().trim().min(1, 'subject: required').max(200, 'subject: at most 200 characters'),
  body: z.string().trim().min(1, 'body: required').max(20_000, 'body: at most 20,000 characters'),
});
export type EmailTemplateBody = z.infer<typeof EmailTemplateBody>;

export const MessagingTemplates = z.object({
  whatsapp: z.object({ configured: z.boolean(), lastSyncedAt: z.string().nullable(), items: z.array(WhatsAppTemplateDto) }),
  email: z.object({ configured: z.boolean(), items: z.array(EmailTemplate) }),
});
export type MessagingTemplates = z.infer<typeof MessagingTemplates>;

export const TemplateSyncResult = z.object({ approved: z.number().int(), removed: z.number().int(), syncedAt: z.string() });
export type TemplateSyncResult = z.infer<typeof TemplateSyncResult>;

/** A bounce report: a delivery status notification (RFC 3464) as text, or its fields. */
export const EmailBounceBody = z.union([
  z.object({ dsn: z.string().min(1).max(200_000) }),
  z.object({
    recipient: z.email(),
    messageId: z.string().max(998).optional(),
    status: z.string().regex(/^[245]\.\d{1,3}\.\d{1,3}$/, 'status: an RFC 3463 code such as 5.1.1'),
    diagnostic: z.string().max(2000).optional(),
  }),
]);
export type EmailBounceBody = z.infer<typeof EmailBounceBody>;
export const EmailBounceResult = z.object({ matched: z.boolean(), messageId: z.uuid().nullable(), status: z.string() });
export type EmailBounceResult = z.infer<typeof EmailBounceResult>;
