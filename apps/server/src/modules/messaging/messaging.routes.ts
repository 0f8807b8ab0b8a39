import {
  EmailBounceBody,
  EmailBounceResult,
  EmailTemplate,
  EmailTemplateBody,
  Inbox,
  LeadMessages,
  MessageQueued,
  MessagingTemplates,
  SendMessageBody,
  TemplateSyncResult,
} from '@telehub/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../platform/auth/plugin.js';
import type { Delivery } from './messaging.delivery.js';
import { messagingPolicy } from './messaging.policy.js';
import type { MessagingService } from './messaging.service.js';
import type { MessagingTemplatesService } from './messaging.templates.js';

const IdParams = z.object({ id: z.uuid() });
const tags = ['messaging'];

export const messagingRoutes: FastifyPluginAsyncZod<{ messaging: MessagingService; templates: MessagingTemplatesService; delivery: Delivery }> = async (
  app,
  { messaging, templates, delivery },
) => {
  app.post(
    '/api/v1/leads/:id/messages',
    {
      config: { auth: messagingPolicy.roles.send },
      schema: {
        tags,
        summary: 'Send a WhatsApp or email template to the lead, or a free-form WhatsApp reply inside the 24-hour window',
        description:
          '`{channel, template, variables}` (variables: a list for {{1}}..{{n}}, or an object by name) or `{channel: "whatsapp", text}`. Answers 202 once queued; the sending is retried in the background. Refused with 409 without the lead’s consent for the channel, for a marketing template to a DND lead, or for text outside the window; 503 when the channel is not configured.',
        params: IdParams,
        body: SendMessageBody,
        response: { 202: MessageQueued },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const queued =
        b.text !== undefined
          ? await messaging.reply(actor, req.params.id, b.text)
          : await messaging.send(actor, {
              leadId: req.params.id,
              channel: b.channel,
              template: b.template ?? '',
              variables: b.variables ?? [],
              ...(b.language ? { language: b.language } : {}),
            });
      return reply.status(202).send(queued);
    },
  );

  app.get(
    '/api/v1/leads/:id/messages',
    {
      config: { auth: messagingPolicy.roles.read },
      schema: { tags, summary: 'The lead’s messages, newest first, with the WhatsApp window', params: IdParams, response: { 200: LeadMessages } },
    },
    async (req) => messaging.forLead(actorOf(req), req.params.id),
  );

  app.post(
    '/api/v1/leads/:id/messages/seen',
    {
      config: { auth: messagingPolicy.roles.inbox },
      schema: { tags, summary: 'Mark the lead’s incoming messages as read', params: IdParams, response: { 200: z.object({ seen: z.number().int() }) } },
    },
    async (req) => messaging.markSeen(actorOf(req), req.params.id),
  );

  app.get(
    '/api/v1/messaging/inbox',
    {
      config: { auth: messagingPolicy.roles.inbox },
      schema: { tags, summary: 'Incoming WhatsApp messages of the leads one may see, unread first', response: { 200: Inbox } },
    },
    async (req) => messaging.inbox(actorOf(req)),
  );

  app.get(
    '/api/v1/messaging/templates',
    {
      config: { auth: messagingPolicy.roles.templates },
      schema: {
        tags,
        summary: 'Approved WhatsApp templates and email templates, and whether each channel is configured',
        response: { 200: MessagingTemplates },
      },
    },
    async () => templates.list(),
  );

  app.post(
    '/api/v1/messaging/whatsapp/templates/sync',
    {
      config: { auth: messagingPolicy.roles.manageTemplates },
      schema: { tags, summary: 'Sync the approved WhatsApp templates from Meta now', response: { 200: TemplateSyncResult } },
    },
    async (req) => templates.syncWhatsApp(actorOf(req)),
  );

  app.post(
    '/api/v1/messaging/email/templates',
    {
      config: { auth: messagingPolicy.roles.manageTemplates },
      schema: { tags, summary: 'Add an email template (one name, one per language)', body: EmailTemplateBody, response: { 201: EmailTemplate } },
    },
    async (req, reply) => reply.status(201).send(await templates.createEmail(actorOf(req), req.body)),
  );

  app.put(
    '/api/v1/messaging/email/templates/:id',
    {
      config: { auth: messagingPolicy.roles.manageTemplates },
      schema: { tags, summary: 'Change an email template', params: IdParams, body: EmailTemplateBody, response: { 200: EmailTemplate } },
    },
    async (req) => templates.updateEmail(actorOf(req), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/messaging/email/templates/:id',
    {
      config: { auth: messagingPolicy.roles.manageTemplates },
      schema: { tags, summary: 'Delete an email template', params: IdParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await templates.removeEmail(actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/messaging/email/bounces',
    {
      config: { auth: messagingPolicy.roles.bounces },
      schema: {
        tags,
        summary: 'Record an email bounce',
        description:
          'Either `{dsn}`: the text of a delivery status notification (RFC 3464) as the mail server returned it, or its fields `{recipient, status, messageId?, diagnostic?}`. A permanent failure (status 5.x.x) marks the message bounced; it is found by the Message-ID TeleHub sent it with, else as the latest email to the recipient.',
        body: EmailBounceBody,
        response: { 200: EmailBounceResult },
      },
    },
    async (req) => delivery.bounce(req.body),
  );
};
