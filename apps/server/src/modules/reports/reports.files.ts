/**
 * A report as a file: the JSON report laid out as a document in the asked language, written as
 * PDF, Excel or CSV, with (for Excel and CSV) the rows behind it: every call of the period for
 * the call and compliance reports, every lead of the cohort for the funnel and sources, streamed a page at a time so that a
 * million rows take the memory of one page. Every file made is audited.
 */
import type { Cell, DocColumn, Report, ReportDocument, ReportFilters, ReportFormat, ReportKind } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import { taskModule, type WorkerPool } from '../../platform/workers/index.js';
import { type FilterWords, type Lang, reportDocument, weekdayNames, wordsOf } from './reports.document.js';
import type * as Encode from './reports.encode.js';
import type { ReportReader, Scope } from './reports.read.js';
import type { ReportsService } from './reports.service.js';

/** The encoding runs in the worker pool; the database is read here. */
const ENCODE = taskModule<typeof Encode>(import.meta.url, './reports.encode');

export const FILE_TYPES: Record<Exclude<ReportFormat, 'json'>, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
};

/** What the Excel and CSV of a report carry behind it: every call, or every lead of the cohort. */
export const detailOf = (kind: ReportKind): 'calls' | 'leads' => (kind === 'funnel' || kind === 'sources' ? 'leads' : 'calls');

type Query = ReportFilters & { format: ReportFormat; lang: Lang };
const PAGE = 5000;

export type ReportFilesDeps = {
  clock: Clock;
  reports: ReportsService;
  reader: ReportReader;
  audit: { record(actor: Actor | null, entries: { action: string; entityType: string; entityId?: string; details?: Record<string, unknown> }): Promise<void> };
  names: {
    users(ids: string[]): Promise<Map<string, string>>;
    teams(actor: Actor): Promise<Map<string, string>>;
    campaigns(): Promise<Map<string, string>>;
    leads(ids: string[]): Promise<Map<string, { name: string; status: string }>>;
  };
  /** Where the files are encoded (worker threads, or this thread when the pool has none). */
  workers: Pick<WorkerPool, 'stream'>;
};

export function createReportFiles(deps: ReportFilesDeps) {
  const { reports, reader } = deps;

  async function report(actor: Actor, kind: ReportKind, f: ReportFilters): Promise<Report> {
    if (kind === 'funnel') return reports.funnel(actor, f);
    if (kind === 'campaigns') return reports.campaigns(actor, f);
    if (kind === 'telecallers') return reports.telecallers(actor, f);
    if (kind === 'compliance') return reports.compliance(actor, f);
    if (kind === 'sources') return reports.sources(actor, f);
    return reports.hours(actor, f);
  }

  async function filterWords(actor: Actor, f: ReportFilters): Promise<FilterWords> {
    const [teams, campaigns, users] = await Promise.all([
      f.teamId ? deps.names.teams(actor) : Promise.resolve(new Map<string, string>()),
      f.campaignId ? deps.names.campaigns() : Promise.resolve(new Map<string, string>()),
      f.agentId ? deps.names.users([f.agentId]) : Promise.resolve(new Map<string, string>()),
    ]);
    return {
      team: f.teamId ? teams.get(f.teamId) : undefined,
      campaign: f.campaignId ? campaigns.get(f.campaignId) : undefined,
      source: f.source,
      telecaller: f.agentId ? users.get(f.agentId) : undefined,
    };
  }

  /** Every call of the scope, with names, a page at a time. */
  async function* callRows(s: Scope, lang: Lang, onPage?: () => void): AsyncIterable<Record<string, Cell>> {
    const days = weekdayNames(lang);
    const campaigns = await deps.names.campaigns();
    const agents = new Map<string, string>();
    let after: { hour: string; id: string } | null = null;
    for (;;) {
      const rows = await reader.callFactsAfter(s, after, PAGE);
      if (rows.length === 0) return;
      const missing = [...new Set(rows.flatMap((r) => (r.agent_id && !agents.has(String(r.agent_id)) ? [String(r.agent_id)] : [])))];
      if (missing.length > 0) for (const [id, name] of await deps.names.users(missing)) agents.set(id, name);
      const leads = await deps.names.leads(rows.flatMap((r) => (r.lead_id ? [String(r.lead_id)] : [])));
      for (const r of rows) {
        const hour = new Date(String(r.hour instanceof Date ? r.hour.toISOString() : r.hour));
        yield {
          callId: String(r.call_id),
          startedHour: hour,
          lead: r.lead_id ? (leads.get(String(r.lead_id))?.name ?? '') : '',
          telecaller: r.agent_id ? (agents.get(String(r.agent_id)) ?? '') : '',
          campaign: r.campaign_id ? (campaigns.get(String(r.campaign_id)) ?? '') : '',
          source: (r.source as string | null) ?? '',
          direction: (r.direction as string | null) ?? '',
          weekday: r.local_dow === null ? '' : (days[Number(r.local_dow)] ?? ''),
          hour: r.local_hour === null ? null : Number(r.local_hour),
          connected: Number(r.connects),
          converted: Number(r.conversions),
          abandoned: Number(r.abandons),
          talk: Number(r.talk_seconds),
          wrap: Number(r.wrap_seconds),
        };
      }
      onPage?.();
      const last = rows[rows.length - 1] as Record<string, unknown>;
      after = { hour: last.hour instanceof Date ? last.hour.toISOString() : String(last.hour), id: String(last.call_id) };
    }
  }

  /** Every lead of the scope's cohort, with names, a page at a time. */
  async function* leadRows(s: Scope, lang: Lang, onPage?: () => void): AsyncIterable<Record<string, Cell>> {
    const w = wordsOf(lang);
    const campaigns = await deps.names.campaigns();
    const owners = new Map<string, string>();
    let after: string | null = null;
    for (;;) {
      const rows = await reader.leadFactsAfter(s, after, PAGE);
      if (rows.length === 0) return;
      const missing = [...new Set(rows.flatMap((r) => (r.owner_id && !owners.has(String(r.owner_id)) ? [String(r.owner_id)] : [])))];
      if (missing.length > 0) for (const [id, name] of await deps.names.users(missing)) owners.set(id, name);
      const leads = await deps.names.leads(rows.map((r) => String(r.lead_id)));
      for (const r of rows) {
        const lead = leads.get(String(r.lead_id));
        const exit = Number(r.not_interested) ? 'not_interested' : Number(r.lost) ? 'lost' : Number(r.invalid) ? 'invalid' : null;
        yield {
          leadId: String(r.lead_id),
          created: r.day ? new Date(`${r.day instanceof Date ? r.day.toISOString().slice(0, 10) : String(r.day).slice(0, 10)}T12:00:00+05:30`) : null,
          lead: lead?.name ?? '',
          status: lead ? (w[lead.status] ?? lead.status) : '',
          source: (r.source as string | null) ?? '',
          telecaller: r.owner_id ? (owners.get(String(r.owner_id)) ?? '') : '',
          campaign: r.campaign_id ? (campaigns.get(String(r.campaign_id)) ?? '') : '',
          contacted: Number(r.contacted),
          interested: Number(r.interested),
          converted: Number(r.converted),
          left: exit ? (w[exit] ?? exit) : '',
        };
      }
      onPage?.();
      after = String((rows[rows.length - 1] as Record<string, unknown>).lead_id);
    }
  }

  function leadColumns(lang: Lang): DocColumn[] {
    const w = wordsOf(lang);
    const c = (key: string, label: string | undefined, type: DocColumn['type']): DocColumn => ({ key, label: label ?? key, type });
    return [
      c('leadId', 'ID', 'text'),
      c('created', w.created, 'date'),
      c('lead', w.leads, 'text'),
      c('status', w.status, 'text'),
      c('source', w.source, 'text'),
      c('telecaller', w.telecaller, 'text'),
      c('campaign', w.campaign, 'text'),
      c('contacted', w.contacted, 'int'),
      c('interested', w.interested, 'int'),
      c('converted', w.converted, 'int'),
      c('left', w.exits, 'text'),
    ];
  }

  function callColumns(lang: Lang): DocColumn[] {
    const w = wordsOf(lang);
    const c = (key: string, label: string | undefined, type: DocColumn['type']): DocColumn => ({ key, label: label ?? key, type });
    return [
      c('callId', 'ID', 'text'),
      c('startedHour', lang === 'hi' ? 'घंटा (शुरुआत)' : 'Hour started', 'datetime'),
      c('lead', w.leads, 'text'),
      c('telecaller', w.telecaller, 'text'),
      c('campaign', w.campaign, 'text'),
      c('source', w.source, 'text'),
      c('direction', lang === 'hi' ? 'दिशा' : 'Direction', 'text'),
      c('weekday', w.weekday, 'text'),
      c('hour', w.hour, 'int'),
      c('connected', w.connects, 'int'),
      c('converted', w.conversions, 'int'),
      c('abandoned', w.abandons, 'int'),
      c('talk', w.talk, 'seconds'),
      c('wrap', w.wrap, 'seconds'),
    ];
  }

  return {
    /** Checks the reader may have this report (before any byte is sent) and names the file. */
    async begin(actor: Actor, kind: ReportKind, q: Query): Promise<{ filename: string }> {
      await reports.scopeOf(actor, kind, q);
      return { filename: `telehub-${kind}-${q.from}-to-${q.to}.${q.format}` };
    },

    /** The document a file of this report draws. */
    async document(actor: Actor, kind: ReportKind, q: Query): Promise<ReportDocument> {
      const [r, words] = await Promise.all([report(actor, kind, q), filterWords(actor, q)]);
      return reportDocument(r, q.lang, words, deps.clock.now());
    },

    /**
     * Writes the report as `q.format` into `out` and audits it; `onRows` hears how many detail
     * rows are written so far (exports show it as progress).
     */
    async write(
      actor: Actor,
      kind: ReportKind,
      q: Query,
      out: NodeJS.WritableStream,
      onRows?: (rows: number) => void,
      opts: { detail?: boolean } = {},
    ): Promise<{ rows: number }> {
      if (q.format === 'json') throw new Error('a file format is needed');
      const doc = await this.document(actor, kind, q);
      const scope = await reports.scopeOf(actor, kind, q);
      const detail =
        q.format === 'pdf' || opts.detail === false
          ? undefined
          : detailOf(kind) === 'leads'
            ? { head: { title: q.lang === 'hi' ? 'लीड' : 'Leads', columns: leadColumns(q.lang) }, rows: leadRows(scope, q.lang) }
            : { head: { title: q.lang === 'hi' ? 'कॉल' : 'Calls', columns: callColumns(q.lang) }, rows: callRows(scope, q.lang) };
      // Audited as it starts: the file leaves as it is written.
      const { format, lang, ...filters } = q;
      await deps.audit.record(actor, { action: 'report.export', entityType: 'report', details: { kind, format, lang, ...filters } });
      // The rows go to the encoder a few pages ahead at most, and its bytes come back as `out` takes them.
      return deps.workers.stream(ENCODE, 'encodeReport', [q.format, doc, detail?.head ?? null], { input: detail?.rows, out, onProgress: onRows });
    },
  };
}

export type ReportFiles = ReturnType<typeof createReportFiles>;
