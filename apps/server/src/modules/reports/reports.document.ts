/**
 * A report laid out for a file, in English or Hindi: its sections, each with a chart and a table
 * of typed cells. The PDF, Excel and CSV writers draw the same document.
 */
import type {
  CampaignsReport,
  ComplianceReport,
  DocColumn,
  FunnelReport,
  HoursReport,
  Report,
  ReportDocument,
  SourcesReport,
  TelecallersReport,
} from '@telehub/shared';

export type Lang = 'en' | 'hi';
type Words = Record<string, string>;

const EN: Words = {
  new: 'New',
  callback: 'Callback',
  compliance: 'Compliance',
  sources: 'Sources and data quality',
  refusals: 'Dials refused by each rule',
  refused: 'Refused',
  rule: 'Rule',
  refusalsByDay: 'Refused dials by day',
  abandonsVsCap: 'Abandoned calls against the cap',
  cap: 'Cap',
  overCap: 'Over the cap',
  daysOverCap: 'Days over the cap',
  worstDay: 'Worst day',
  worstRate: 'Worst day’s rate',
  yes: 'Yes',
  no: 'No',
  recordings: 'Recordings and their notice',
  recorded: 'Recorded',
  recordedRate: 'Recorded share',
  noticed: 'Notice played',
  withoutNotice: 'Recorded without notice',
  noticeRate: 'Notice share',
  consents: 'Consent',
  purpose: 'Purpose',
  grants: 'Given',
  withdrawals: 'Withdrawn',
  received: 'Rows received',
  matched: 'Matched duplicates',
  rejected: 'Rejected',
  rejectRate: 'Reject rate',
  merges: 'Duplicates merged',
  undone: 'Undone',
  rejectReasons: 'Why rows were rejected',
  reason: 'Reason',
  rows: 'Rows',
  files: 'Files imported',
  file: 'File',
  intakeHidden: 'Rows received from files and connectors are the organisation’s and are not split by team, telecaller or campaign.',
  r_dnd: 'DND registry',
  r_calling_hours: 'Calling hours',
  r_consent_required: 'Consent missing',
  r_attempt_limit: 'Attempts per day',
  r_agent_busy: 'Telecaller busy',
  r_agent_offline: 'Telecaller offline',
  r_agent_on_break: 'Telecaller on a break',
  r_agent_phone_missing: 'Telecaller’s phone missing',
  r_lead_invalid: 'Lead unavailable',
  r_recently_abandoned: 'Abandoned recently',
  p_calls: 'Calls',
  p_recording: 'Recording',
  funnel: 'Conversion funnel',
  campaigns: 'Campaign performance',
  telecallers: 'Telecallers',
  hours: 'When to call',
  stages: 'Stages',
  exits: 'Left the funnel',
  bySource: 'By source',
  byCampaign: 'By campaign',
  byDay: 'By day',
  median: 'Median telecaller',
  heatmap: 'Connect rate by weekday and hour',
  byHour: 'By hour of the day',
  best: 'Best hours',
  stage: 'Stage',
  leads: 'Leads',
  fromPrevious: 'From previous stage',
  fromStart: 'Of the cohort',
  hoursFromPrevious: 'Hours from previous stage',
  status: 'Status',
  source: 'Source',
  campaign: 'Campaign',
  created: 'Created',
  contacted: 'Contacted',
  interested: 'Interested',
  converted: 'Converted',
  conversionRate: 'Conversion rate',
  not_interested: 'Not interested',
  lost: 'Lost',
  invalid: 'Invalid',
  dials: 'Dials',
  connects: 'Connects',
  connectRate: 'Connect rate',
  talk: 'Talk time',
  aht: 'Average handle time',
  conversions: 'Conversions',
  abandons: 'Abandons',
  abandonRate: 'Abandon rate',
  cost: 'Cost',
  costPerConversion: 'Cost per conversion',
  bestHours: 'Best hours',
  day: 'Day',
  telecaller: 'Telecaller',
  team: 'Team',
  wrap: 'Average wrap-up',
  loggedIn: 'Signed in',
  occupancy: 'Occupancy',
  qa: 'QA score',
  weekday: 'Weekday',
  hour: 'Hour',
  noCampaign: 'No campaign',
  total: 'All',
  period: 'From %from to %to',
  filters: 'Filters',
};

const HI: Words = {
  new: 'नई',
  callback: 'कॉलबैक',
  compliance: 'अनुपालन',
  sources: 'स्रोत और डेटा गुणवत्ता',
  refusals: 'हर नियम से रोके गए डायल',
  refused: 'रोके गए',
  rule: 'नियम',
  refusalsByDay: 'दिन के अनुसार रोके गए डायल',
  abandonsVsCap: 'सीमा के मुकाबले छोड़ी गई कॉल',
  cap: 'सीमा',
  overCap: 'सीमा से ऊपर',
  daysOverCap: 'सीमा से ऊपर वाले दिन',
  worstDay: 'सबसे खराब दिन',
  worstRate: 'सबसे खराब दिन की दर',
  yes: 'हाँ',
  no: 'नहीं',
  recordings: 'रिकॉर्डिंग और उनकी सूचना',
  recorded: 'रिकॉर्ड हुई',
  recordedRate: 'रिकॉर्ड हुई का हिस्सा',
  noticed: 'सूचना सुनाई गई',
  withoutNotice: 'बिना सूचना रिकॉर्ड हुई',
  noticeRate: 'सूचना का हिस्सा',
  consents: 'सहमति',
  purpose: 'उद्देश्य',
  grants: 'दी गई',
  withdrawals: 'वापस ली गई',
  received: 'मिली पंक्तियाँ',
  matched: 'मिलते-जुलते डुप्लिकेट',
  rejected: 'अस्वीकृत',
  rejectRate: 'अस्वीकृति दर',
  merges: 'मर्ज किए गए डुप्लिकेट',
  undone: 'वापस लिए गए',
  rejectReasons: 'पंक्तियाँ क्यों अस्वीकृत हुईं',
  reason: 'कारण',
  rows: 'पंक्तियाँ',
  files: 'इंपोर्ट की गई फ़ाइलें',
  file: 'फ़ाइल',
  intakeHidden: 'फ़ाइलों और कनेक्टरों से मिली पंक्तियाँ पूरे संगठन की हैं और टीम, टेलीकॉलर या कैंपेन के अनुसार बँटी नहीं हैं।',
  r_dnd: 'DND रजिस्ट्री',
  r_calling_hours: 'कॉल का समय',
  r_consent_required: 'सहमति नहीं',
  r_attempt_limit: 'प्रति दिन प्रयास',
  r_agent_busy: 'टेलीकॉलर व्यस्त',
  r_agent_offline: 'टेलीकॉलर ऑफ़लाइन',
  r_agent_on_break: 'टेलीकॉलर ब्रेक पर',
  r_agent_phone_missing: 'टेलीकॉलर का फ़ोन नहीं',
  r_lead_invalid: 'लीड उपलब्ध नहीं',
  r_recently_abandoned: 'हाल ही में छोड़ी गई',
  p_calls: 'कॉल',
  p_recording: 'रिकॉर्डिंग',
  funnel: 'कन्वर्ज़न फ़नल',
  campaigns: 'कैंपेन का प्रदर्शन',
  telecallers: 'टेलीकॉलर',
  hours: 'कॉल कब करें',
  stages: 'चरण',
  exits: 'फ़नल से बाहर',
  bySource: 'स्रोत के अनुसार',
  byCampaign: 'कैंपेन के अनुसार',
  byDay: 'दिन के अनुसार',
  median: 'मध्य टेलीकॉलर',
  heatmap: 'दिन और घंटे के अनुसार कनेक्ट दर',
  byHour: 'दिन के घंटे के अनुसार',
  best: 'सबसे अच्छे घंटे',
  stage: 'चरण',
  leads: 'लीड',
  fromPrevious: 'पिछले चरण से',
  fromStart: 'कुल में से',
  hoursFromPrevious: 'पिछले चरण से घंटे',
  status: 'स्थिति',
  source: 'स्रोत',
  campaign: 'कैंपेन',
  created: 'बनाए गए',
  contacted: 'संपर्क हुआ',
  interested: 'रुचि है',
  converted: 'कन्वर्ट हुए',
  conversionRate: 'कन्वर्ज़न दर',
  not_interested: 'रुचि नहीं',
  lost: 'खो गए',
  invalid: 'अमान्य',
  dials: 'डायल',
  connects: 'कनेक्ट',
  connectRate: 'कनेक्ट दर',
  talk: 'बातचीत का समय',
  aht: 'औसत हैंडल समय',
  conversions: 'कन्वर्ज़न',
  abandons: 'छोड़ी गई कॉल',
  abandonRate: 'छोड़ने की दर',
  cost: 'लागत',
  costPerConversion: 'प्रति कन्वर्ज़न लागत',
  bestHours: 'सबसे अच्छे घंटे',
  day: 'दिन',
  telecaller: 'टेलीकॉलर',
  team: 'टीम',
  wrap: 'औसत रैप-अप',
  loggedIn: 'साइन इन समय',
  occupancy: 'व्यस्तता',
  qa: 'QA स्कोर',
  weekday: 'दिन',
  hour: 'घंटा',
  noCampaign: 'बिना कैंपेन',
  total: 'सभी',
  period: '%from से %to तक',
  filters: 'फ़िल्टर',
};

const WEEKDAYS: Record<Lang, string[]> = {
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  hi: ['सोम', 'मंगल', 'बुध', 'गुरु', 'शुक्र', 'शनि', 'रवि'],
};

/** The words of a language. */
export const wordsOf = (lang: Lang): Words => (lang === 'hi' ? HI : EN);
export const weekdayNames = (lang: Lang) => WEEKDAYS[lang];
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** What the report was filtered by, in words (names resolved by the caller). */
export type FilterWords = { team?: string | undefined; campaign?: string | undefined; source?: string | undefined; telecaller?: string | undefined };

function subtitle(r: Report, w: Words, f: FilterWords): string {
  const period = w.period?.replace('%from', r.from).replace('%to', r.to) ?? `${r.from} – ${r.to}`;
  const parts = [
    f.team && `${w.team}: ${f.team}`,
    f.campaign && `${w.campaign}: ${f.campaign}`,
    f.source && `${w.source}: ${f.source}`,
    f.telecaller && `${w.telecaller}: ${f.telecaller}`,
  ].filter(Boolean);
  return parts.length > 0 ? `${period} · ${parts.join(' · ')}` : period;
}

const col = (key: string, label: string | undefined, type: DocColumn['type']): DocColumn => ({ key, label: label ?? key, type });

function funnelDoc(r: FunnelReport, w: Words): ReportDocument['sections'] {
  return [
    {
      title: w.stages ?? '',
      chart: {
        type: 'funnel',
        stages: r.stages.map((s) => ({
          label: w[s.stage] ?? s.stage,
          value: s.leads,
          note: s.fromPrevious === null ? undefined : `${Math.round(s.fromPrevious * 1000) / 10}%`,
        })),
      },
      table: {
        columns: [
          col('stage', w.stage, 'text'),
          col('leads', w.leads, 'int'),
          col('fromPrevious', w.fromPrevious, 'percent'),
          col('fromStart', w.fromStart, 'percent'),
          col('hours', w.hoursFromPrevious, 'number'),
        ],
        rows: r.stages.map((s) => ({
          stage: w[s.stage] ?? s.stage,
          leads: s.leads,
          fromPrevious: s.fromPrevious,
          fromStart: s.fromStart,
          hours: s.averageHoursFromPrevious,
        })),
      },
    },
    {
      title: w.exits ?? '',
      table: {
        columns: [col('status', w.status, 'text'), col('leads', w.leads, 'int')],
        rows: r.exits.map((e) => ({ status: w[e.status] ?? e.status, leads: e.leads })),
      },
    },
    {
      title: w.bySource ?? '',
      chart: {
        type: 'bar',
        categories: r.bySource.map((s) => s.source),
        series: [{ name: w.conversionRate ?? '', values: r.bySource.map((s) => s.conversionRate ?? 0) }],
        format: 'percent',
      },
      table: {
        columns: [col('source', w.source, 'text'), ...countColumns(w)],
        rows: r.bySource.map((s) => ({ source: s.source, ...countRow(s) })),
      },
    },
    {
      title: w.byCampaign ?? '',
      table: {
        columns: [col('campaign', w.campaign, 'text'), ...countColumns(w)],
        rows: r.byCampaign.map((c) => ({ campaign: c.name ?? w.noCampaign ?? '', ...countRow(c) })),
      },
    },
  ];
}

const countColumns = (w: Words) => [
  col('created', w.created, 'int'),
  col('contacted', w.contacted, 'int'),
  col('interested', w.interested, 'int'),
  col('converted', w.converted, 'int'),
  col('conversionRate', w.conversionRate, 'percent'),
];
const countRow = (c: { created: number; contacted: number; interested: number; converted: number; conversionRate: number | null }) => ({
  created: c.created,
  contacted: c.contacted,
  interested: c.interested,
  converted: c.converted,
  conversionRate: c.conversionRate,
});

function campaignsDoc(r: CampaignsReport, w: Words): ReportDocument['sections'] {
  const name = (c: { name: string | null }) => c.name ?? w.noCampaign ?? '';
  return [
    {
      title: w.campaigns ?? '',
      chart: {
        type: 'bar',
        categories: r.items.map(name),
        series: [
          { name: w.connectRate ?? '', values: r.items.map((c) => c.connectRate ?? 0) },
          { name: w.conversionRate ?? '', values: r.items.map((c) => c.conversionRate ?? 0) },
        ],
        format: 'percent',
      },
      table: {
        columns: [
          col('campaign', w.campaign, 'text'),
          col('dials', w.dials, 'int'),
          col('connects', w.connects, 'int'),
          col('connectRate', w.connectRate, 'percent'),
          col('talk', w.talk, 'seconds'),
          col('aht', w.aht, 'seconds'),
          col('conversions', w.conversions, 'int'),
          col('abandonRate', w.abandonRate, 'percent'),
          col('cost', w.cost, 'money'),
          col('costPerConversion', w.costPerConversion, 'money'),
          col('bestHours', w.bestHours, 'text'),
        ],
        rows: [
          ...r.items.map((c) => ({
            campaign: name(c),
            dials: c.dials,
            connects: c.connects,
            connectRate: c.connectRate,
            talk: c.talkSeconds,
            aht: c.averageHandleSeconds,
            conversions: c.conversions,
            abandonRate: c.abandonRate,
            cost: c.cost,
            costPerConversion: c.costPerConversion,
            bestHours: c.bestHours.map(hourLabel).join(', '),
          })),
          {
            campaign: w.total ?? '',
            dials: r.totals.dials,
            connects: r.totals.connects,
            connectRate: r.totals.connectRate,
            talk: r.totals.talkSeconds,
            aht: r.totals.averageHandleSeconds,
            conversions: r.totals.conversions,
            abandonRate: r.totals.abandonRate,
            cost: null,
            costPerConversion: null,
            bestHours: '',
          },
        ],
      },
    },
    {
      title: w.byDay ?? '',
      chart: {
        type: 'line',
        categories: r.byDay.map((d) => d.day.slice(5)),
        series: [
          { name: w.dials ?? '', values: r.byDay.map((d) => d.dials) },
          { name: w.connects ?? '', values: r.byDay.map((d) => d.connects) },
          { name: w.conversions ?? '', values: r.byDay.map((d) => d.conversions) },
        ],
        format: 'int',
      },
      table: {
        columns: [
          col('day', w.day, 'date'),
          col('dials', w.dials, 'int'),
          col('connects', w.connects, 'int'),
          col('conversions', w.conversions, 'int'),
          col('talk', w.talk, 'seconds'),
        ],
        rows: r.byDay.map((d) => ({
          day: new Date(`${d.day}T12:00:00+05:30`),
          dials: d.dials,
          connects: d.connects,
          conversions: d.conversions,
          talk: d.talkSeconds,
        })),
      },
    },
  ];
}

function telecallersDoc(r: TelecallersReport, w: Words): ReportDocument['sections'] {
  const columns = [
    col('name', w.telecaller, 'text'),
    col('team', w.team, 'text'),
    col('dials', w.dials, 'int'),
    col('connects', w.connects, 'int'),
    col('connectRate', w.connectRate, 'percent'),
    col('talk', w.talk, 'seconds'),
    col('aht', w.aht, 'seconds'),
    col('wrap', w.wrap, 'seconds'),
    col('occupancy', w.occupancy, 'percent'),
    col('conversions', w.conversions, 'int'),
    col('qa', w.qa, 'number'),
  ];
  const row = (name: string, team: string | null, m: TelecallersReport['median']) => ({
    name,
    team,
    dials: m.dials,
    connects: m.connects,
    connectRate: m.connectRate,
    talk: m.talkSeconds,
    aht: m.averageHandleSeconds,
    wrap: m.averageWrapSeconds,
    occupancy: m.occupancy,
    conversions: m.conversions,
    qa: m.qaScore,
  });
  return [
    {
      title: w.telecallers ?? '',
      chart: {
        type: 'bar',
        categories: r.items.map((i) => i.name),
        series: [{ name: w.conversions ?? '', values: r.items.map((i) => i.conversions) }],
        format: 'int',
      },
      table: { columns, rows: [...r.items.map((i) => row(i.name, i.teamName, i)), row(w.median ?? '', null, r.median)] },
    },
  ];
}

function hoursDoc(r: HoursReport, w: Words, lang: Lang): ReportDocument['sections'] {
  const days = weekdayNames(lang);
  const values = days.map((_, d) => Array.from({ length: 24 }, (_, h) => r.cells.find((c) => c.weekday === d && c.hour === h)?.connectRate ?? null));
  return [
    {
      title: w.heatmap ?? '',
      chart: { type: 'heatmap', rows: days, columns: Array.from({ length: 24 }, (_, h) => String(h)), values, format: 'percent' },
      table: {
        columns: [
          col('weekday', w.weekday, 'text'),
          col('hour', w.hour, 'text'),
          col('dials', w.dials, 'int'),
          col('connects', w.connects, 'int'),
          col('connectRate', w.connectRate, 'percent'),
        ],
        rows: r.best.map((c) => ({
          weekday: days[c.weekday] ?? '',
          hour: hourLabel(c.hour),
          dials: c.dials,
          connects: c.connects,
          connectRate: c.connectRate,
        })),
      },
    },
    {
      title: w.byHour ?? '',
      chart: {
        type: 'bar',
        categories: r.byHour.map((h) => hourLabel(h.hour)),
        series: [{ name: w.connectRate ?? '', values: r.byHour.map((h) => h.connectRate ?? 0) }],
        format: 'percent',
      },
      table: {
        columns: [col('hour', w.hour, 'text'), col('dials', w.dials, 'int'), col('connects', w.connects, 'int'), col('connectRate', w.connectRate, 'percent')],
        rows: r.byHour.map((h) => ({ hour: hourLabel(h.hour), dials: h.dials, connects: h.connects, connectRate: h.connectRate })),
      },
    },
  ];
}

function complianceDoc(r: ComplianceReport, w: Words): ReportDocument['sections'] {
  const rule = (reason: string) => w[`r_${reason}`] ?? reason;
  const purpose = (p: string) => w[`p_${p}`] ?? p;
  const yesNo = (b: boolean) => (b ? (w.yes ?? 'Yes') : (w.no ?? 'No'));
  return [
    {
      title: w.refusals ?? '',
      chart: {
        type: 'bar',
        categories: r.refusals.byReason.map((x) => rule(x.reason)),
        series: [{ name: w.refused ?? '', values: r.refusals.byReason.map((x) => x.refusals) }],
        format: 'int',
      },
      table: {
        columns: [col('rule', w.rule, 'text'), col('refused', w.refused, 'int')],
        rows: [...r.refusals.byReason.map((x) => ({ rule: rule(x.reason), refused: x.refusals })), { rule: w.total ?? '', refused: r.refusals.total }],
      },
    },
    {
      title: w.abandonsVsCap ?? '',
      chart: {
        type: 'line',
        categories: r.abandons.byDay.map((d) => d.day.slice(5)),
        series: [{ name: w.abandonRate ?? '', values: r.abandons.byDay.map((d) => d.abandonRate) }],
        format: 'percent',
      },
      table: {
        columns: [
          col('campaign', w.campaign, 'text'),
          col('connects', w.connects, 'int'),
          col('abandons', w.abandons, 'int'),
          col('abandonRate', w.abandonRate, 'percent'),
          col('cap', w.cap, 'percent'),
          col('overCap', w.overCap, 'text'),
          col('daysOverCap', w.daysOverCap, 'int'),
          col('worstDay', w.worstDay, 'date'),
          col('worstRate', w.worstRate, 'percent'),
        ],
        rows: r.abandons.items.map((c) => ({
          campaign: c.name ?? w.noCampaign ?? '',
          connects: c.connects,
          abandons: c.abandons,
          abandonRate: c.abandonRate,
          cap: c.cap,
          overCap: c.cap === null ? '' : yesNo(c.overCap),
          daysOverCap: c.cap === null ? null : c.daysOverCap,
          worstDay: c.worstDay ? new Date(`${c.worstDay}T12:00:00+05:30`) : null,
          worstRate: c.worstRate,
        })),
      },
    },
    {
      title: w.recordings ?? '',
      table: {
        columns: [
          col('connects', w.connects, 'int'),
          col('recorded', w.recorded, 'int'),
          col('recordedRate', w.recordedRate, 'percent'),
          col('noticed', w.noticed, 'int'),
          col('withoutNotice', w.withoutNotice, 'int'),
          col('noticeRate', w.noticeRate, 'percent'),
        ],
        rows: [{ ...r.recordings }],
      },
    },
    {
      title: w.consents ?? '',
      chart: {
        type: 'line',
        categories: r.consents.byDay.map((d) => d.day.slice(5)),
        series: [
          { name: w.grants ?? '', values: r.consents.byDay.map((d) => d.grants) },
          { name: w.withdrawals ?? '', values: r.consents.byDay.map((d) => d.withdrawals) },
        ],
        format: 'int',
      },
      table: {
        columns: [col('purpose', w.purpose, 'text'), col('grants', w.grants, 'int'), col('withdrawals', w.withdrawals, 'int')],
        rows: [
          ...r.consents.byPurpose.map((c) => ({ purpose: purpose(c.purpose), grants: c.grants, withdrawals: c.withdrawals })),
          { purpose: w.total ?? '', grants: r.consents.grants, withdrawals: r.consents.withdrawals },
        ],
      },
    },
  ];
}

function sourcesDoc(r: SourcesReport, w: Words): ReportDocument['sections'] {
  const intake = r.intakeShown;
  const sections: ReportDocument['sections'] = [
    {
      title: w.sources ?? '',
      chart: {
        type: 'bar',
        categories: r.items.map((i) => i.source),
        series: [
          { name: w.created ?? '', values: r.items.map((i) => i.created) },
          ...(intake ? [{ name: w.rejected ?? '', values: r.items.map((i) => i.rejected) }] : []),
        ],
        format: 'int',
      },
      table: {
        columns: [
          col('source', w.source, 'text'),
          col('created', w.created, 'int'),
          col('contacted', w.contacted, 'int'),
          col('converted', w.converted, 'int'),
          col('conversionRate', w.conversionRate, 'percent'),
          ...(intake
            ? [
                col('received', w.received, 'int'),
                col('matched', w.matched, 'int'),
                col('rejected', w.rejected, 'int'),
                col('rejectRate', w.rejectRate, 'percent'),
              ]
            : []),
        ],
        rows: r.items.map((i) => ({
          source: i.source,
          created: i.created,
          contacted: i.contacted,
          converted: i.converted,
          conversionRate: i.conversionRate,
          ...(intake ? { received: i.received, matched: i.matched, rejected: i.rejected, rejectRate: i.rejectRate } : {}),
        })),
      },
    },
    {
      title: w.merges ?? '',
      chart: {
        type: 'line',
        categories: r.merges.byDay.map((d) => d.day.slice(5)),
        series: [{ name: w.merges ?? '', values: r.merges.byDay.map((d) => d.merges) }],
        format: 'int',
      },
      table: {
        columns: [col('merges', w.merges, 'int'), col('undone', w.undone, 'int')],
        rows: [{ merges: r.merges.total, undone: r.merges.undone }],
      },
    },
  ];
  if (!intake) {
    sections.push({ title: w.rejectReasons ?? '', table: { columns: [col('note', w.reason, 'text')], rows: [{ note: w.intakeHidden ?? '' }] } });
    return sections;
  }
  sections.push(
    {
      title: w.rejectReasons ?? '',
      table: { columns: [col('reason', w.reason, 'text'), col('rows', w.rows, 'int')], rows: r.rejectReasons.map((x) => ({ ...x })) },
    },
    {
      title: w.files ?? '',
      table: {
        columns: [
          col('file', w.file, 'text'),
          col('source', w.source, 'text'),
          col('status', w.status, 'text'),
          col('at', w.day, 'datetime'),
          col('received', w.received, 'int'),
          col('created', w.created, 'int'),
          col('matched', w.matched, 'int'),
          col('rejected', w.rejected, 'int'),
        ],
        rows: r.imports.map((i) => ({
          file: i.filename,
          source: i.source,
          status: i.status,
          at: new Date(i.createdAt),
          received: i.total,
          created: i.created,
          matched: i.merged,
          rejected: i.rejected,
        })),
      },
    },
  );
  return sections;
}

/** The report as a document in `lang`. */
export function reportDocument(r: Report, lang: Lang, filters: FilterWords, generatedAt: Date): ReportDocument {
  const w = wordsOf(lang);
  const sections =
    r.kind === 'funnel'
      ? funnelDoc(r, w)
      : r.kind === 'campaigns'
        ? campaignsDoc(r, w)
        : r.kind === 'telecallers'
          ? telecallersDoc(r, w)
          : r.kind === 'compliance'
            ? complianceDoc(r, w)
            : r.kind === 'sources'
              ? sourcesDoc(r, w)
              : hoursDoc(r, w, lang);
  return { title: w[r.kind] ?? r.kind, subtitle: subtitle(r, w, filters), generatedAt, lang, sections };
}
