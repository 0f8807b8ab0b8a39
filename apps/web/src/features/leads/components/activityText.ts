/** Turns a timeline entry into a sentence in the interface language. */
import { type Activity, LEAD_STATUSES, type LeadStatus, SKIP_REASONS, type SkipReason } from '@telehub/shared';
import type { TFunction } from 'i18next';
import { formatDateTime, formatPhone, formatTalkTime, languageName } from '../../../lib/format';
import { sourceName } from './sourceName';

const isStatus = (v: unknown): v is LeadStatus => typeof v === 'string' && (LEAD_STATUSES as readonly string[]).includes(v);
const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

const FIELDS = ['name', 'phone', 'email', 'city', 'language', 'score', 'tags', 'timezone', 'metadata', 'status', 'owner'] as const;
/** Stored names that differ from the label's key. */
const ALIASES: Record<string, (typeof FIELDS)[number]> = { ownerId: 'owner' };
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

export type FieldChange = { field: string; label: string; from: string; to: string; showValues: boolean };

export type ActivityText = {
  sentence: string;
  changes: FieldChange[];
  /** Further lines in words (what an import filled in, what the CRM could not change). */
  details?: string[];
  /** Where to read more (the import this entry came from). */
  link?: { to: string; label: string };
};

type Ctx = {
  t: TFunction;
  lng: string;
  nameOf: (id: string | null) => string;
  /** A disposition code in the interface language, when the list is known. */
  outcomeOf?: (code: string) => string | undefined;
};

function fieldLabel(t: TFunction, field: string): string {
  const f = ALIASES[field] ?? field;
  return isField(f) ? t(`lead.fields.${f}`) : field;
}

function valueText(ctx: Ctx, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return ctx.t('common.empty');
  if (field === 'phone' && typeof v === 'string') return formatPhone(v);
  if (field === 'language' && typeof v === 'string') return languageName(v, ctx.lng);
  if (field === 'ownerId' && typeof v === 'string') return ctx.nameOf(v);
  if (field === 'status' && isStatus(v)) return ctx.t(`status.${v}`);
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function listFormat(lng: string, items: string[]): string {
  return new Intl.ListFormat(lng === 'hi' ? 'hi-IN' : 'en-IN', { style: 'long', type: 'conjunction' }).format(items);
}

const fieldList = (ctx: Ctx, fields: string[]) =>
  listFormat(
    ctx.lng,
    fields.map((f) => fieldLabel(ctx.t, f)),
  );

/** "Filled in: Email and City" and "In the file but not used: City “Delhi”". */
function fillDetails(ctx: Ctx, filled: string[], differing: Record<string, unknown>): string[] {
  const { t } = ctx;
  const lines: string[] = [];
  const shown = filled.filter((f) => f !== 'metadata' && f !== 'tags');
  if (shown.length > 0) lines.push(t('activity.details.filled', { fields: fieldList(ctx, shown) }));
  if (filled.includes('tags')) lines.push(t('activity.details.tagsAdded'));
  if (filled.includes('metadata')) lines.push(t('activity.details.metadataAdded'));
  const differs = Object.entries(differing).map(([field, values]) => ({
    label: fieldLabel(t, field),
    values: asStrings(values).map((v) => valueText(ctx, field, v)),
  }));
  for (const d of differs.filter((x) => x.values.length > 0)) lines.push(t('activity.details.differing', { field: d.label, values: d.values.join(', ') }));
  return lines;
}

function importedText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const d = a.data;
  const rows = (Array.isArray(d.rows) ? d.rows : []).filter((r): r is number => typeof r === 'number');
  const count = typeof d.rowCount === 'number' ? d.rowCount : rows.length;
  const file = asString(d.filename);
  const rowList = rows.join(', ') + (count > rows.length ? '…' : '');
  const sentence = file
    ? t('activity.importedRows', { actor, count, rows: rowList, file })
    : t('activity.imported', { actor, source: sourceName(asString(d.source) ?? 'file', t) });
  const importId = asString(d.importId);
  return {
    sentence,
    changes: [],
    details: fillDetails(ctx, asStrings(d.filled), asRecord(d.differing)),
    link: importId ? { to: `/leads/import?id=${importId}`, label: t('activity.viewImport') } : undefined,
  };
}

function mergedText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const d = a.data;
  const other = asString(d.otherName);
  if (d.undone === true) {
    return { sentence: other ? t('activity.mergeUndone', { actor, other }) : t('activity.mergeUndoneRestored', { actor }), changes: [] };
  }
  if (!other) return { sentence: t('activity.merged', { actor }), changes: [] };
  const phone = asString(d.otherPhone);
  return {
    sentence: phone ? t('activity.mergedFrom', { actor, other, phone: formatPhone(phone) }) : t('activity.mergedName', { actor, other }),
    changes: [],
    details: fillDetails(ctx, asStrings(d.filled), {}),
  };
}

function assignmentText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const d = a.data;
  // The server adds the owners' names, so even a telecaller (who cannot list users) reads them.
  const to = asString(d.to);
  const from = asString(d.from);
  const toName = asString(d.toName) ?? ctx.nameOf(to);
  const fromName = asString(d.fromName) ?? ctx.nameOf(from);
  if (d.reason === 'rule' && to) return { sentence: t('activity.assignedByRule', { to: toName }), changes: [] };
  if (d.reason === 'sla' && to) return { sentence: t('activity.assignedBySla', { from: fromName, to: toName }), changes: [] };
  if (!to) return { sentence: t('activity.unassigned', { actor }), changes: [] };
  return { sentence: from ? t('activity.reassigned', { actor, from: fromName, to: toName }) : t('activity.assigned', { actor, to: toName }), changes: [] };
}

function updatedText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const d = a.data;
  const raw = asRecord(d.changes) as Record<string, { from?: unknown; to?: unknown } | undefined>;
  const changes = Object.entries(raw).map(([field, c]) => ({
    field,
    label: fieldLabel(t, field),
    from: valueText(ctx, field, c?.from),
    to: valueText(ctx, field, c?.to),
    // Metadata changes are recorded without values.
    showValues: field !== 'metadata',
  }));
  const fields =
    changes.length > 0
      ? listFormat(
          ctx.lng,
          changes.map((c) => c.label),
        )
      : t('lead.details');
  const source = asString(d.source);
  const keptLocal = asStrings(d.keptLocal);
  return {
    sentence: source ? t('activity.updatedBySource', { source: sourceName(source, t), fields }) : t('activity.updated', { actor, fields }),
    changes,
    details: keptLocal.length > 0 ? [t('activity.details.keptLocal', { fields: fieldList(ctx, keptLocal) })] : undefined,
  };
}

/** Words stored with an entry in both languages: the reader's, else English. */
const inLanguage = (ctx: Ctx, en: unknown, hi: unknown) => (ctx.lng === 'hi' ? (asString(hi) ?? asString(en)) : asString(en));

/** A wrapped-up call: its outcome (with the reason chosen under it), talk time, the answer to its question and callback (the notes show as the entry's body). */
function callText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const d = a.data;
  const code = asString(d.disposition);
  const chosen = code ? (ctx.outcomeOf?.(code) ?? inLanguage(ctx, d.dispositionLabel, d.dispositionLabelHi) ?? code) : null;
  const reason = inLanguage(ctx, d.subDispositionLabel, d.subDispositionLabelHi) ?? asString(d.subDisposition);
  const outcome = chosen && reason ? `${chosen} · ${reason}` : chosen;
  const details: string[] = [];
  const question = inLanguage(ctx, d.question, d.questionHi);
  const answer = asString(d.answer);
  if (question && answer) details.push(t('wrapUp.timeline.answer', { question, answer }));
  if (typeof d.durationSeconds === 'number' && d.durationSeconds > 0)
    details.push(t('activity.details.talk', { duration: formatTalkTime(d.durationSeconds, ctx.lng) }));
  const callbackAt = asString(d.callbackAt);
  if (callbackAt) details.push(t('activity.details.callbackAt', { when: formatDateTime(callbackAt, ctx.lng) }));
  return { sentence: outcome ? t('activity.callOutcome', { actor, outcome }) : t('activity.call', { actor }), changes: [], details };
}

const isSkipReason = (v: unknown): v is SkipReason => typeof v === 'string' && (SKIP_REASONS as readonly string[]).includes(v);

/** An agent passed over the lead in their queue: who, why, and when it came back (the note shows as the entry's body). */
/** A WhatsApp or email message: sent by someone (with its template), or written by the lead; its text shows as the body. */
function messageText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const channel = t(asString(a.data.channel) === 'email' ? 'messaging.channel.email' : 'messaging.channel.whatsapp');
  const template = asString(a.data.template);
  if (a.data.direction === 'in') return { sentence: t('messaging.timeline.received', { channel }), changes: [] };
  return {
    sentence: template ? t('messaging.timeline.sentTemplate', { actor, channel, template }) : t('messaging.timeline.sent', { actor, channel }),
    changes: [],
  };
}

function skippedText(a: Activity, ctx: Ctx, actor: string): ActivityText {
  const { t } = ctx;
  const reason = isSkipReason(a.data.reason) ? t(`wrapUp.skip.reasons.${a.data.reason}`) : (asString(a.data.reason) ?? '');
  const until = asString(a.data.until);
  return {
    sentence: t('wrapUp.timeline.skipped', { actor, reason }),
    changes: [],
    details: until ? [t('wrapUp.timeline.backAt', { when: formatDateTime(until, ctx.lng) })] : undefined,
  };
}

/** A file's rows are recorded as "name.csv#12". */
function recordDetail(t: TFunction, externalId: string): string {
  const m = /^(.+)#(\d+)$/.exec(externalId);
  return m?.[1] && m[2] ? t('activity.details.fileRow', { file: m[1], row: m[2] }) : t('activity.details.record', { id: externalId });
}

export function activityText(a: Activity, ctx: Ctx): ActivityText {
  const { t } = ctx;
  const actor = a.actorName ?? (a.actorId ? ctx.nameOf(a.actorId) : t('common.system'));
  const d = a.data;
  switch (a.type) {
    case 'created': {
      const source = asString(d.source);
      const externalId = asString(d.externalId);
      if (!source) return { sentence: t('activity.created', { actor }), changes: [] };
      const from = sourceName(source, t);
      return {
        // Leads from imports and syncs have no person behind them: say where they came from.
        sentence: a.actorId ? t('activity.createdFrom', { actor, source: from }) : t('activity.createdVia', { source: from }),
        changes: [],
        details: externalId ? [recordDetail(t, externalId)] : undefined,
      };
    }
    case 'note':
      return { sentence: t('activity.note', { actor }), changes: [] };
    case 'status_change': {
      const from = isStatus(d.from) ? t(`status.${d.from}`) : t('common.empty');
      const to = isStatus(d.to) ? t(`status.${d.to}`) : t('common.empty');
      return { sentence: t('activity.statusChange', { actor, from, to }), changes: [] };
    }
    case 'assignment':
      return assignmentText(a, ctx, actor);
    case 'updated':
      return updatedText(a, ctx, actor);
    case 'merged':
      return mergedText(a, ctx, actor);
    case 'call':
      return callText(a, ctx, actor);
    case 'imported':
      return importedText(a, ctx, actor);
    case 'skipped':
      return skippedText(a, ctx, actor);
    case 'message':
      return messageText(a, ctx, actor);
  }
}
