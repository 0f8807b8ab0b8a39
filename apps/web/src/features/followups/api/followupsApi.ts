import type { FollowupRule, FollowupRuleInput, FollowupRulePatch, FollowupRun, FollowupRunList, MessagingTemplates } from '@telehub/shared';
import { api } from '../../../lib/api';

export const followupKeys = {
  all: ['followups'] as const,
  rules: () => [...followupKeys.all, 'rules'] as const,
  lead: (leadId: string) => [...followupKeys.all, 'lead', leadId] as const,
  templates: () => [...followupKeys.all, 'templates'] as const,
};

const rule = (id: string) => `/followups/rules/${encodeURIComponent(id)}`;

export const followupsApi = {
  rules: (signal?: AbortSignal) => api<{ items: FollowupRule[] }>('/followups/rules', { signal }),
  create: (body: FollowupRuleInput) => api<FollowupRule>('/followups/rules', { method: 'POST', body }),
  update: (id: string, body: FollowupRulePatch) => api<FollowupRule>(rule(id), { method: 'PATCH', body }),
  remove: (id: string) => api<undefined>(rule(id), { method: 'DELETE' }),
  leadRuns: (leadId: string, signal?: AbortSignal) => api<FollowupRunList>(`/leads/${encodeURIComponent(leadId)}/followups`, { signal }),
  cancel: (runId: string) => api<FollowupRun>(`/followups/runs/${encodeURIComponent(runId)}/cancel`, { method: 'POST' }),
  /** The messaging module's templates (approved WhatsApp ones, the email ones kept here), for the step editor. */
  templates: (signal?: AbortSignal) => api<MessagingTemplates>('/messaging/templates', { signal }),
};
