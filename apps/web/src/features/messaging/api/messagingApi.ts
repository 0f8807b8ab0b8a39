import type {
  EmailTemplate,
  EmailTemplateBody,
  Inbox,
  LeadMessages,
  MessageQueued,
  MessagingTemplates,
  SendMessageBody,
  TemplateSyncResult,
} from '@telehub/shared';
import { api } from '../../../lib/api';

export const messagingKeys = {
  all: ['messaging'] as const,
  lead: (leadId: string) => [...messagingKeys.all, 'lead', leadId] as const,
  inbox: () => [...messagingKeys.all, 'inbox'] as const,
  templates: () => [...messagingKeys.all, 'templates'] as const,
};

const lead = (id: string) => `/leads/${encodeURIComponent(id)}`;

export const messagingApi = {
  forLead: (leadId: string, signal?: AbortSignal) => api<LeadMessages>(`${lead(leadId)}/messages`, { signal }),
  send: (leadId: string, body: SendMessageBody) => api<MessageQueued>(`${lead(leadId)}/messages`, { method: 'POST', body }),
  markSeen: (leadId: string) => api<{ seen: number }>(`${lead(leadId)}/messages/seen`, { method: 'POST' }),
  inbox: (signal?: AbortSignal) => api<Inbox>('/messaging/inbox', { signal }),
  templates: (signal?: AbortSignal) => api<MessagingTemplates>('/messaging/templates', { signal }),
  sync: () => api<TemplateSyncResult>('/messaging/whatsapp/templates/sync', { method: 'POST' }),
  createEmail: (body: EmailTemplateBody) => api<EmailTemplate>('/messaging/email/templates', { method: 'POST', body }),
  updateEmail: (id: string, body: EmailTemplateBody) => api<EmailTemplate>(`/messaging/email/templates/${encodeURIComponent(id)}`, { method: 'PUT', body }),
  removeEmail: (id: string) => api<null>(`/messaging/email/templates/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
