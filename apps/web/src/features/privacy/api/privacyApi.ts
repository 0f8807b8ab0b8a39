import { api, downloadFile } from '../../../lib/api';

export const REQUEST_TYPES = ['access', 'correction', 'erasure', 'grievance', 'nomination'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];
export const REQUEST_STATUSES = ['open', 'in_progress', 'completed', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_CHANNELS = ['phone', 'email', 'web_form', 'letter', 'in_person'] as const;
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export const CORRECTABLE = ['name', 'phone', 'email', 'city', 'language'] as const;
export type Corrections = Partial<Record<(typeof CORRECTABLE)[number], string | null>>;
export const RETENTION_KINDS = ['recordings', 'transcripts', 'call_logs', 'messages'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];
export const CONSENT_PURPOSES = ['calls', 'recording', 'whatsapp', 'email', 'marketing'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const CONSENT_CHANNELS = ['call', 'web_form', 'sms', 'whatsapp', 'email', 'in_person', 'agent_confirmed'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];
export const LAWFUL_BASES = ['consent', 'voluntarily_provided', 'legal_obligation', 'court_order', 'medical_emergency', 'employment'] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

export type PrivacyRequest = {
  id: string;
  type: RequestType;
  status: RequestStatus;
  leadId: string;
  leadName: string | null;
  channel: string;
  details: string | null;
  input: Record<string, unknown>;
  result: Record<string, unknown> | null;
  hasExport: boolean;
  rejectReason: string | null;
  dueAt: string;
  overdue: boolean;
  createdAt: string;
  closedAt: string | null;
};
export type RequestAction = { id: string; action: string; actorId: string | null; note: string | null; details: Record<string, unknown>; at: string };
export type PrivacyRequestDetail = PrivacyRequest & { actions: RequestAction[] };
export type RequestPage = { items: PrivacyRequest[]; total: number; overdue: number; page: number; pageSize: number };
export type RequestFilters = { status?: RequestStatus; type?: RequestType; overdue?: boolean; leadId?: string; page?: number };
export type OpenRequestBody = {
  type: RequestType;
  leadId?: string;
  phone?: string;
  channel: RequestChannel;
  details?: string | null;
  corrections?: Corrections;
  nominee?: { name: string; relation?: string | null; contact: string };
};
export type CompleteBody = { note?: string | null; corrections?: Corrections; resolution?: string | null };
export type Hold = { id: string; leadId: string; reason: string; placedAt: string; liftedAt: string | null; liftReason: string | null };
export type RetentionPolicy = { kind: RetentionKind; days: number | null; updatedAt: string | null };
export type RetentionRun = {
  id: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  removed: Record<string, number>;
  heldLeads: number;
  error: string | null;
};
export type Consent = {
  id: string;
  purpose: string;
  granted: boolean;
  channel: string;
  evidence: string | null;
  noticeId: string | null;
  noticeVersion: number | null;
  lawfulBasis: string;
  createdAt: string;
};
export type Notice = { id: string; purpose: string; version: number; textEn: string; textHi: string; createdAt: string };

/** Query keys; a change to a request invalidates `all` (its lead's panel too). */
export const privacyKeys = {
  all: ['privacy'] as const,
  requests: (f: RequestFilters) => [...privacyKeys.all, 'requests', f] as const,
  request: (id: string) => [...privacyKeys.all, 'request', id] as const,
  holds: (leadId?: string) => [...privacyKeys.all, 'holds', leadId ?? 'all'] as const,
  retention: () => [...privacyKeys.all, 'retention'] as const,
  consents: (leadId: string) => [...privacyKeys.all, 'consents', leadId] as const,
  notices: () => [...privacyKeys.all, 'notices'] as const,
};

export const privacyApi = {
  requests: (f: RequestFilters, signal?: AbortSignal) =>
    api<RequestPage>('/privacy/requests', { query: { ...f, overdue: f.overdue ? 'true' : undefined, pageSize: 25 }, signal }),
  request: (id: string, signal?: AbortSignal) => api<PrivacyRequestDetail>(`/privacy/requests/${encodeURIComponent(id)}`, { signal }),
  open: (body: OpenRequestBody) => api<PrivacyRequest>('/privacy/requests', { method: 'POST', body }),
  start: (id: string) => api<PrivacyRequestDetail>(`/privacy/requests/${encodeURIComponent(id)}/start`, { method: 'POST', body: {} }),
  complete: (id: string, body: CompleteBody) => api<PrivacyRequestDetail>(`/privacy/requests/${encodeURIComponent(id)}/complete`, { method: 'POST', body }),
  reject: (id: string, reason: string) => api<PrivacyRequestDetail>(`/privacy/requests/${encodeURIComponent(id)}/reject`, { method: 'POST', body: { reason } }),
  download: (id: string, format: 'json' | 'pdf', lang: 'en' | 'hi') =>
    downloadFile(`/privacy/requests/${encodeURIComponent(id)}/export`, { query: { format, lang }, fallbackName: `access-${id.slice(0, 8)}.${format}` }),
  holds: (leadId: string | undefined, signal?: AbortSignal) => api<{ items: Hold[] }>('/privacy/holds', { query: { leadId }, signal }),
  placeHold: (leadId: string, reason: string) => api<Hold>('/privacy/holds', { method: 'POST', body: { leadId, reason } }),
  liftHold: (id: string, reason: string) => api<Hold>(`/privacy/holds/${encodeURIComponent(id)}/lift`, { method: 'POST', body: { reason } }),
  retention: (signal?: AbortSignal) => api<{ policies: RetentionPolicy[]; runs: RetentionRun[] }>('/privacy/retention', { signal }),
  setRetention: (kind: RetentionKind, days: number | null) =>
    api<{ policies: RetentionPolicy[] }>(`/privacy/retention/${kind}`, { method: 'PUT', body: { days } }),
  runRetention: () => api<RetentionRun>('/privacy/retention/run', { method: 'POST', body: {} }),
  consents: (leadId: string, signal?: AbortSignal) => api<{ items: Consent[] }>(`/leads/${encodeURIComponent(leadId)}/consents`, { signal }),
  recordConsent: (
    leadId: string,
    body: { purpose: ConsentPurpose; granted: boolean; channel: ConsentChannel; evidence?: string | null; lawfulBasis?: LawfulBasis },
  ) => api<Consent>(`/leads/${encodeURIComponent(leadId)}/consents`, { method: 'POST', body }),
  notices: (signal?: AbortSignal) => api<{ items: Notice[] }>('/compliance/notices', { signal }),
  publishNotice: (body: { purpose: ConsentPurpose; textEn: string; textHi: string }) => api<Notice>('/compliance/notices', { method: 'POST', body }),
};
