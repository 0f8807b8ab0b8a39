import type { AssignmentRule, AssignmentRuleBody, AssignmentRuleList, AssignmentRulePatch, AssignResult, BulkAssignBody } from '@telehub/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api';

/** What the client sends: the server fills in the defaults it documents. */
export type RuleInput = z.input<typeof AssignmentRuleBody>;

export const assignmentKeys = {
  all: ['assignment'] as const,
  rules: () => [...assignmentKeys.all, 'rules'] as const,
};

const rule = (id: string) => `/assignment/rules/${encodeURIComponent(id)}`;

export const assignmentApi = {
  rules: (signal?: AbortSignal) => api<AssignmentRuleList>('/assignment/rules', { signal }),
  create: (body: RuleInput) => api<AssignmentRule>('/assignment/rules', { method: 'POST', body }),
  update: (id: string, body: AssignmentRulePatch) => api<AssignmentRule>(rule(id), { method: 'PATCH', body }),
  remove: (id: string) => api<undefined>(rule(id), { method: 'DELETE' }),
  run: () => api<{ assigned: number }>('/assignment/run', { method: 'POST' }),
  bulkAssign: (body: BulkAssignBody) => api<AssignResult>('/leads/assign', { method: 'POST', body }),
};
