import type {
  CampaignsReport,
  ComplianceReport,
  CreateReportExportBody,
  CreateReportSubscriptionBody,
  FunnelReport,
  HoursReport,
  ReportCallOutcome,
  ReportCallPage,
  ReportExport,
  ReportFilters,
  ReportKind,
  ReportLeadPage,
  ReportSubscription,
  SourcesReport,
  TelecallersReport,
} from '@telehub/shared';
import { API_BASE, api, downloadFile } from '../../../lib/api';

export type ReportOf = {
  funnel: FunnelReport;
  campaigns: CampaignsReport;
  telecallers: TelecallersReport;
  hours: HoursReport;
  compliance: ComplianceReport;
  sources: SourcesReport;
};

/** Which stage or exit of the funnel to list. */
export type FunnelDrill = 'created' | 'contacted' | 'interested' | 'converted' | 'not_interested' | 'lost' | 'invalid';
/** Every dial, answered, converted, abandoned, recorded, or recorded without the recording notice. */
export type CallOutcome = ReportCallOutcome;
/** Which calls behind a number to list: by campaign (`none`: outside any), outcome, weekday and hour. */
export type CallDrill = { outcome: CallOutcome; campaign?: string; weekday?: number; hour?: number };
/** Which leads behind the compliance report's consent figures to list: those who withdrew (or gave) consent, for one purpose or any. */
export type ConsentDrill = { granted: boolean; purpose?: string };
export type ExportFormat = 'xlsx' | 'pdf' | 'csv';
export type Lang = 'en' | 'hi';

export const reportKeys = {
  all: ['reports'] as const,
  report: (kind: ReportKind, q: ReportFilters) => [...reportKeys.all, kind, q] as const,
  leads: (q: ReportFilters, stage: FunnelDrill, page: number, pageSize: number) => [...reportKeys.all, 'leads', q, stage, page, pageSize] as const,
  calls: (q: ReportFilters, drill: CallDrill, page: number, pageSize: number) => [...reportKeys.all, 'calls', q, drill, page, pageSize] as const,
  consents: (q: ReportFilters, drill: ConsentDrill, page: number, pageSize: number) => [...reportKeys.all, 'consents', q, drill, page, pageSize] as const,
  export: (id: string) => [...reportKeys.all, 'export', id] as const,
  subscriptions: () => [...reportKeys.all, 'subscriptions'] as const,
};

const EXT: Record<ExportFormat, string> = { xlsx: 'xlsx', pdf: 'pdf', csv: 'csv' };

/** A path the server gives (`/api/v1/...`) as the client's path under API_BASE. */
export const apiPath = (url: string) => (url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url);

export const reportsApi = {
  report: <K extends ReportKind>(kind: K, q: ReportFilters, signal?: AbortSignal) => api<ReportOf[K]>(`/reports/${kind}`, { query: q, signal }),
  funnelLeads: (q: ReportFilters, stage: FunnelDrill, page: number, pageSize: number, signal?: AbortSignal) =>
    api<ReportLeadPage>('/reports/funnel/leads', { query: { ...q, stage, page, pageSize }, signal }),
  calls: (q: ReportFilters, drill: CallDrill, page: number, pageSize: number, signal?: AbortSignal) =>
    api<ReportCallPage>('/reports/calls', { query: { ...q, ...drill, page, pageSize }, signal }),
  consentLeads: (q: ReportFilters, drill: ConsentDrill, page: number, pageSize: number, signal?: AbortSignal) =>
    api<ReportLeadPage>('/reports/compliance/consents', { query: { ...q, granted: drill.granted, purpose: drill.purpose, page, pageSize }, signal }),
  /** Starts writing the file; its progress is read with `exportJob`. */
  createExport: (body: CreateReportExportBody) => api<ReportExport>('/reports/exports', { method: 'POST', body }),
  exportJob: (id: string, signal?: AbortSignal) => api<ReportExport>(`/reports/exports/${encodeURIComponent(id)}`, { signal }),
  /** The finished file, fetched with the bearer token and saved under the server's name. */
  downloadExport: (job: Pick<ReportExport, 'downloadUrl' | 'filename'>) =>
    job.downloadUrl ? downloadFile(apiPath(job.downloadUrl), { fallbackName: job.filename }) : Promise.reject(new Error('no file yet')),
  /** The file straight from the report's own path (used when the export service cannot take the job). */
  downloadDirect: (kind: ReportKind, q: ReportFilters, format: ExportFormat, lang: Lang) =>
    downloadFile(`/reports/${kind}`, { query: { ...q, format, lang }, fallbackName: `${kind}-${q.from}-${q.to}.${EXT[format]}` }),
  subscriptions: (signal?: AbortSignal) => api<{ items: ReportSubscription[] }>('/reports/subscriptions', { signal }),
  subscribe: (body: CreateReportSubscriptionBody) => api<ReportSubscription>('/reports/subscriptions', { method: 'POST', body }),
  unsubscribe: (id: string) => api<undefined>(`/reports/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
};
