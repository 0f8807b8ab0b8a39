/**
 * Reports: the conversion funnel, campaign performance, telecallers, when to call, compliance
 * and sources with their data quality, over a period of days in the organisation's time zone, read from rollups kept as calls and leads
 * change. Answered by /api/v1/reports/*; the same paths with `format=xlsx|pdf|csv` give the file.
 */
import { z } from 'zod';
import { DIAL_BLOCK_REASONS } from './calls.js';

export const REPORT_KINDS = ['funnel', 'campaigns', 'telecallers', 'hours', 'compliance', 'sources'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_FORMATS = ['json', 'xlsx', 'pdf', 'csv'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The funnel's stages in order: every lead of the cohort was created; some went further. */
export const FUNNEL_STAGES = ['created', 'contacted', 'interested', 'converted'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];
/** Where leads leave the funnel. */
export const FUNNEL_EXITS = ['not_interested', 'lost', 'invalid'] as const;
export type FunnelExit = (typeof FUNNEL_EXITS)[number];

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');

/** At most this many days in one report (a little over two years). */
export const MAX_REPORT_DAYS = 800;

/** The filters every report takes, and the file it is wanted as. */
const ReportFields = z.object({
  /** First day, inclusive, in the organisation's time zone. */
  from: day,
  /** Last day, inclusive. */
  to: day,
  teamId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  /** A lead source (`manual`, `import`, `crm`, `mysql`, `inbound`, …). */
  source: z.string().trim().min(1).max(80).optional(),
  /** One telecaller. */
  agentId: z.uuid().optional(),
  format: z.enum(REPORT_FORMATS).default('json'),
  /** The language of a file's labels (the JSON answer carries codes, not words). */
  lang: z.enum(['en', 'hi']).default('en'),
});

function periodCheck(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be on or after from' });
  const span = (Date.parse(`${q.to}T00:00:00Z`) - Date.parse(`${q.from}T00:00:00Z`)) / 86_400_000 + 1;
  if (Number.isNaN(span)) ctx.addIssue({ code: 'custom', path: ['from'], message: 'is not a calendar date' });
  else if (span > MAX_REPORT_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `a report covers at most ${MAX_REPORT_DAYS} days` });
}

export const ReportQuery = ReportFields.superRefine(periodCheck);
export type ReportQuery = z.infer<typeof ReportQuery>;
export type ReportFilters = Omit<ReportQuery, 'format' | 'lang'>;

const rate = z.number().min(0).nullable();

const ReportHead = z.object({
  from: day,
  to: day,
  /** The zone the days are counted in. */
  timeZone: z.string(),
  generatedAt: z.iso.datetime({ offset: true }),
});

// ── Funnel ──────────────────────────────────────────────────────────────────────────────────────

export const FunnelCounts = z.object({
  created: z.number().int(),
  contacted: z.number().int(),
  interested: z.number().int(),
  converted: z.number().int(),
  /** converted / created. */
  conversionRate: rate,
});
export type FunnelCounts = z.infer<typeof FunnelCounts>;

export const FunnelReport = ReportHead.extend({
  kind: z.literal('funnel'),
  stages: z.array(
    z.object({
      stage: z.enum(FUNNEL_STAGES),
      /** Leads of the cohort that reached this stage (or went past it). */
      leads: z.number().int(),
      /** Share of the previous stage's leads that reached this one. */
      fromPrevious: rate,
      /** Share of the cohort. */
      fromStart: rate,
      /** Average hours from the previous stage to this one, over the leads that reached it. */
      averageHoursFromPrevious: z.number().nullable(),
    }),
  ),
  exits: z.array(z.object({ status: z.enum(FUNNEL_EXITS), leads: z.number().int() })),
  bySource: z.array(FunnelCounts.extend({ source: z.string() })),
  byCampaign: z.array(FunnelCounts.extend({ campaignId: z.uuid().nullable(), name: z.string().nullable() })),
});
export type FunnelReport = z.infer<typeof FunnelReport>;

// ── Calls: campaigns and telecallers ────────────────────────────────────────────────────────────

export const CallMeasures = z.object({
  dials: z.number().int(),
  connects: z.number().int(),
  connectRate: rate,
  talkSeconds: z.number().int(),
  /** Talk plus wrap-up over the answered calls whose disposition is saved. */
  averageHandleSeconds: z.number().nullable(),
  conversions: z.number().int(),
  /** conversions / connects. */
  conversionRate: rate,
  abandons: z.number().int(),
  /** abandons / connects, as the dialer's cap counts it. */
  abandonRate: rate,
});
export type CallMeasures = z.infer<typeof CallMeasures>;

export const DayPoint = z.object({ day, dials: z.number().int(), connects: z.number().int(), conversions: z.number().int(), talkSeconds: z.number().int() });
export type DayPoint = z.infer<typeof DayPoint>;

export const CampaignsReport = ReportHead.extend({
  kind: z.literal('campaigns'),
  items: z.array(
    CallMeasures.extend({
      /** Null: calls outside any campaign (click-to-call, inbound). */
      campaignId: z.uuid().nullable(),
      name: z.string().nullable(),
      /** What the campaign cost, as entered by a manager (null: not entered). */
      cost: z.number().nullable(),
      costPerConversion: z.number().nullable(),
      /** The three hours of the day (0-23, leads' time) with the best connect rate, over enough dials. */
      bestHours: z.array(z.number().int().min(0).max(23)),
    }),
  ),
  totals: CallMeasures,
  byDay: z.array(DayPoint),
});
export type CampaignsReport = z.infer<typeof CampaignsReport>;

export const TelecallerMeasures = CallMeasures.extend({
  /** Average wrap-up seconds (end of call to disposition). */
  averageWrapSeconds: z.number().nullable(),
  /** Signed-in time (any state but offline). */
  loggedInSeconds: z.number().int(),
  /** Talk plus wrap-up over signed-in time. */
  occupancy: rate,
  /** Average automatic QA score (0-100) of the period's scored calls. */
  qaScore: z.number().nullable(),
});
export type TelecallerMeasures = z.infer<typeof TelecallerMeasures>;

export const TelecallersReport = ReportHead.extend({
  kind: z.literal('telecallers'),
  items: z.array(
    TelecallerMeasures.extend({
      agentId: z.uuid(),
      name: z.string(),
      teamId: z.uuid().nullable(),
      teamName: z.string().nullable(),
      trend: z.array(DayPoint),
    }),
  ),
  /** The median telecaller of those shown, measure by measure. */
  median: TelecallerMeasures,
});
export type TelecallersReport = z.infer<typeof TelecallersReport>;

// ── When to call ────────────────────────────────────────────────────────────────────────────────

export const HourCell = z.object({
  /** 0 Monday … 6 Sunday, in the lead's time zone. */
  weekday: z.number().int().min(0).max(6),
  hour: z.number().int().min(0).max(23),
  dials: z.number().int(),
  connects: z.number().int(),
  connectRate: rate,
});
export type HourCell = z.infer<typeof HourCell>;

export const HoursReport = ReportHead.extend({
  kind: z.literal('hours'),
  /** Only cells with dials. */
  cells: z.array(HourCell),
  /** Hours of the day over the whole week. */
  byHour: z.array(HourCell.omit({ weekday: true })),
  /** The best cells with at least a handful of dials, best first. */
  best: z.array(HourCell),
});
export type HoursReport = z.infer<typeof HoursReport>;

// ── Compliance ──────────────────────────────────────────────────────────────────────────────────

export const ComplianceReport = ReportHead.extend({
  kind: z.literal('compliance'),
  /** Dials the rules refused (DND, calling hours, consent, attempts, …), by the rule that refused. */
  refusals: z.object({
    total: z.number().int(),
    byReason: z.array(z.object({ reason: z.enum(DIAL_BLOCK_REASONS), refusals: z.number().int() })),
    byDay: z.array(z.object({ day, refusals: z.number().int() })),
  }),
  /** Abandoned calls (answered by the lead, no agent free) against each campaign's cap. */
  abandons: z.object({
    items: z.array(
      z.object({
        /** Null: calls outside any campaign (they have no cap). */
        campaignId: z.uuid().nullable(),
        name: z.string().nullable(),
        connects: z.number().int(),
        abandons: z.number().int(),
        /** abandons / (connects + abandons), as the dialer's cap counts it. */
        abandonRate: rate,
        /** The campaign's cap (null: no campaign). */
        cap: z.number().nullable(),
        overCap: z.boolean(),
        /** Days of the period on which the day's rate went over the cap. */
        daysOverCap: z.number().int(),
        worstDay: day.nullable(),
        worstRate: rate,
      }),
    ),
    byDay: z.array(z.object({ day, connects: z.number().int(), abandons: z.number().int(), abandonRate: rate })),
  }),
  /** Answered calls, those recorded, and whether the recording notice was played on them. */
  recordings: z.object({
    connects: z.number().int(),
    recorded: z.number().int(),
    noticed: z.number().int(),
    /** Recorded without the notice: each one is a finding. */
    withoutNotice: z.number().int(),
    recordedRate: rate,
    noticeRate: rate,
  }),
  /** The consent ledger's entries in the period (leads in scope). */
  consents: z.object({
    grants: z.number().int(),
    withdrawals: z.number().int(),
    byPurpose: z.array(z.object({ purpose: z.string(), grants: z.number().int(), withdrawals: z.number().int() })),
    byDay: z.array(z.object({ day, grants: z.number().int(), withdrawals: z.number().int() })),
  }),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

// ── Sources and data quality ────────────────────────────────────────────────────────────────────

export const SourcesReport = ReportHead.extend({
  kind: z.literal('sources'),
  /**
   * Whether rows received, matched and rejected (and the files) are shown: they are the
   * organisation's intake, so a report narrowed to a team, telecaller or campaign leaves them out.
   */
  intakeShown: z.boolean(),
  items: z.array(
    z.object({
      source: z.string(),
      /** Leads first seen from this source in the period (in scope), and how far they went. */
      created: z.number().int(),
      contacted: z.number().int(),
      converted: z.number().int(),
      conversionRate: rate,
      /** Rows that arrived from files and connectors in the period (the organisation's intake). */
      received: z.number().int(),
      /** Rows that matched a lead already held (same normalized phone or record) and were merged into it. */
      matched: z.number().int(),
      /** Rows refused (no valid phone, bad values, a failed record). */
      rejected: z.number().int(),
      rejectRate: rate,
    }),
  ),
  /** Leads merged as duplicates (by hand or by rule) in the period, survivors in scope. */
  merges: z.object({ total: z.number().int(), undone: z.number().int(), byDay: z.array(z.object({ day, merges: z.number().int() })) }),
  /** Why rows were rejected, most frequent first. */
  rejectReasons: z.array(z.object({ reason: z.string(), rows: z.number().int() })),
  /** The files imported in the period, newest first. */
  imports: z.array(
    z.object({
      id: z.uuid(),
      filename: z.string(),
      source: z.string(),
      status: z.string(),
      createdAt: z.iso.datetime({ offset: true }),
      total: z.number().int(),
      created: z.number().int(),
      merged: z.number().int(),
      rejected: z.number().int(),
    }),
  ),
});
export type SourcesReport = z.infer<typeof SourcesReport>;

export const Report = z.discriminatedUnion('kind', [FunnelReport, CampaignsReport, TelecallersReport, HoursReport, ComplianceReport, SourcesReport]);
export type Report = z.infer<typeof Report>;

// ── Drill-down ──────────────────────────────────────────────────────────────────────────────────

export const FunnelLeadsQuery = ReportFields.omit({ format: true, lang: true })
  .extend({
    stage: z.enum([...FUNNEL_STAGES, ...FUNNEL_EXITS]),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(periodCheck);
export type FunnelLeadsQuery = z.infer<typeof FunnelLeadsQuery>;

/** The leads behind the compliance report's consent figures. */
export const ConsentLeadsQuery = ReportFields.omit({ format: true, lang: true })
  .extend({
    granted: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true'),
    purpose: z.string().trim().min(1).max(40).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(periodCheck);
export type ConsentLeadsQuery = z.infer<typeof ConsentLeadsQuery>;

export const ReportLeadRow = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.string(),
  source: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  ownerName: z.string().nullable(),
});
export const ReportLeadPage = z.object({ items: z.array(ReportLeadRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ReportLeadPage = z.infer<typeof ReportLeadPage>;

export const REPORT_CALL_OUTCOMES = ['all', 'connected', 'converted', 'abandoned', 'recorded', 'no_notice'] as const;
export type ReportCallOutcome = (typeof REPORT_CALL_OUTCOMES)[number];

export const ReportCallsQuery = ReportFields.omit({ format: true, lang: true })
  .extend({
    /** Only answered calls, converted, abandoned, recorded, or recorded without the notice. */
    outcome: z.enum(REPORT_CALL_OUTCOMES).default('all'),
    weekday: z.coerce.number().int().min(0).max(6).optional(),
    hour: z.coerce.number().int().min(0).max(23).optional(),
    /** `none`: calls outside any campaign. */
    campaign: z.union([z.uuid(), z.literal('none')]).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(periodCheck);
export type ReportCallsQuery = z.infer<typeof ReportCallsQuery>;

export const ReportCallRow = z.object({
  id: z.uuid(),
  leadId: z.uuid(),
  leadName: z.string(),
  agentName: z.string().nullable(),
  campaignName: z.string().nullable(),
  startedAt: z.iso.datetime({ offset: true }),
  status: z.string(),
  talkSeconds: z.number().int(),
  disposition: z.string().nullable(),
});
export const ReportCallPage = z.object({ items: z.array(ReportCallRow), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type ReportCallPage = z.infer<typeof ReportCallPage>;

// ── Files ───────────────────────────────────────────────────────────────────────────────────────

/**
 * A report laid out for a file: what the PDF, Excel and CSV writers draw. Labels are already in
 * the asked language; cells carry typed values and the writers format them.
 */
export type ColumnType = 'text' | 'int' | 'number' | 'seconds' | 'percent' | 'money' | 'date' | 'datetime';
export type Cell = string | number | Date | null;
export type DocColumn = { key: string; label: string; type: ColumnType };
export type DocTable = { columns: DocColumn[]; rows: Record<string, Cell>[] };
export type DocChart =
  | { type: 'bar'; categories: string[]; series: { name: string; values: number[] }[]; format: 'int' | 'percent' | 'seconds' }
  | { type: 'line'; categories: string[]; series: { name: string; values: (number | null)[] }[]; format: 'int' | 'percent' }
  | { type: 'funnel'; stages: { label: string; value: number; note?: string }[] }
  | { type: 'heatmap'; rows: string[]; columns: string[]; values: (number | null)[][]; format: 'percent' };
export type DocSection = { title: string; chart?: DocChart; table: DocTable };
export type ReportDocument = {
  title: string;
  /** One line: the period and the filters, in words. */
  subtitle: string;
  generatedAt: Date;
  lang: 'en' | 'hi';
  sections: DocSection[];
};

// ── Exports and schedules ───────────────────────────────────────────────────────────────────────

/** Filters a saved or scheduled report keeps (its period follows from when it runs). */
export const ReportFilterSet = z.object({
  teamId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  source: z.string().trim().min(1).max(80).optional(),
  agentId: z.uuid().optional(),
});
export type ReportFilterSet = z.infer<typeof ReportFilterSet>;

export const CreateReportExportBody = z.object({
  kind: z.enum(REPORT_KINDS),
  format: z.enum(['xlsx', 'pdf', 'csv']),
  query: ReportFields.omit({ format: true }).superRefine(periodCheck),
});
export type CreateReportExportBody = z.infer<typeof CreateReportExportBody>;

export const REPORT_EXPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const ReportExport = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  format: z.enum(['xlsx', 'pdf', 'csv']),
  status: z.enum(REPORT_EXPORT_STATUSES),
  /** Detail rows written so far, and the rows expected (null: not known). */
  rows: z.number().int(),
  totalRows: z.number().int().nullable(),
  bytes: z.number().int().nullable(),
  error: z.string().nullable(),
  /** Where the file is, once done. */
  downloadUrl: z.string().nullable(),
  filename: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type ReportExport = z.infer<typeof ReportExport>;

export const REPORT_FREQUENCIES = ['daily', 'weekly'] as const;
export const CreateReportSubscriptionBody = z
  .object({
    kind: z.enum(REPORT_KINDS),
    filters: ReportFilterSet.default({}),
    /** daily: yesterday's report each morning; weekly: the last seven days, on `weekday`. */
    frequency: z.enum(REPORT_FREQUENCIES),
    /** 0 Monday … 6 Sunday; weekly only. */
    weekday: z.number().int().min(0).max(6).optional(),
    /** The hour it is sent, in the organisation's time zone. */
    hour: z.number().int().min(0).max(23).default(8),
    /** Where it goes; the subscriber's own address when left out. */
    email: z.email().optional(),
    lang: z.enum(['en', 'hi']).default('en'),
  })
  .superRefine((b, ctx) => {
    if (b.frequency === 'weekly' && b.weekday === undefined)
      ctx.addIssue({ code: 'custom', path: ['weekday'], message: 'a weekly report needs the weekday it is sent on' });
  });
export type CreateReportSubscriptionBody = z.input<typeof CreateReportSubscriptionBody>;

export const ReportSubscription = z.object({
  id: z.uuid(),
  kind: z.enum(REPORT_KINDS),
  filters: ReportFilterSet,
  frequency: z.enum(REPORT_FREQUENCIES),
  weekday: z.number().int().nullable(),
  hour: z.number().int(),
  email: z.string(),
  lang: z.enum(['en', 'hi']),
  nextRunAt: z.iso.datetime({ offset: true }),
  lastSentAt: z.iso.datetime({ offset: true }).nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type ReportSubscription = z.infer<typeof ReportSubscription>;
