import type { CreateLeadFieldBody, LeadFieldDefinition, LeadFieldList, UnknownLeadFields, UpdateLeadFieldBody } from '@telehub/shared';
import type { z } from 'zod';
import { api } from '../../../lib/api';

/** What the client sends: the server fills in the defaults it documents. */
export type LeadFieldInput = z.input<typeof CreateLeadFieldBody>;
export type LeadFieldPatch = z.input<typeof UpdateLeadFieldBody>;

/** Query keys: the definitions (every lead page reads them) and the keys found in the data. */
export const leadFieldKeys = {
  all: ['leadFields'] as const,
  list: () => [...leadFieldKeys.all, 'list'] as const,
  unknown: () => [...leadFieldKeys.all, 'unknown'] as const,
};

const one = (id: string) => `/lead-fields/${encodeURIComponent(id)}`;

export const leadFieldsApi = {
  list: (signal?: AbortSignal) => api<LeadFieldList>('/lead-fields', { signal }),
  unknown: (signal?: AbortSignal) => api<UnknownLeadFields>('/lead-fields/unknown-keys', { signal }),
  create: (body: LeadFieldInput) => api<LeadFieldDefinition>('/lead-fields', { method: 'POST', body }),
  update: (id: string, body: LeadFieldPatch) => api<LeadFieldDefinition>(one(id), { method: 'PATCH', body }),
  remove: (id: string) => api<undefined>(one(id), { method: 'DELETE' }),
};
