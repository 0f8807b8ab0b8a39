/** Turns a timeline entry into a sentence in the interface language. */
import { type Activity, LEAD_STATUSES, type LeadStatus } from '@telehub/shared';
import type { TFunction } from 'i18next';
import { formatPhone, languageName } from '../../../lib/format';

const isStatus = (v: unknown): v is LeadStatus => typeof v === 'string' && (LEAD_STATUSES as readonly string[]).includes(v);
const asString = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const FIELDS = ['name', 'phone', 'email', 'city', 'language', 'score', 'tags', 'timezone', 'metadata', 'status', 'owner'] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

export type FieldChange = { field: string; label: string; from: string; to: string; showValues: boolean };

export type ActivityText = { sentence: string; changes: FieldChange[] };

type Ctx = { t: TFunction; lng: string; nameOf: (id: string | null) => string };

function fieldLabel(t: TFunction, field: string): string {
  return isField(field) ? t(`lead.fields.${field}`) : field;
}

function valueText(ctx: Ctx, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return ctx.t('common.empty');
  if (field === 'phone' && typeof v === 'string') return formatPhone(v);
  if (field === 'language' && typeof v === 'string') return languageName(v, ctx.lng);
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function listFormat(lng: string, items: string[]): string {
  return new Intl.ListFormat(lng === 'hi' ? 'hi-IN' : 'en-IN', { style: 'long', type: 'conjunction' }).format(items);
}

export function activityText(a: Activity, ctx: Ctx): ActivityText {
  const { t } = ctx;
  const actor = a.actorName ?? (a.actorId ? ctx.nameOf(a.actorId) : t('common.system'));
  const d = a.data;
  switch (a.type) {
    case 'created': {
      const source = asString(d.source);
      return { sentence: source ? t('activity.createdFrom', { actor, source }) : t('activity.created', { actor }), changes: [] };
    }
    case 'note':
      return { sentence: t('activity.note', { actor }), changes: [] };
    case 'status_change': {
      const from = isStatus(d.from) ? t(`status.${d.from}`) : t('common.empty');
      const to = isStatus(d.to) ? t(`status.${d.to}`) : t('common.empty');
      return { sentence: t('activity.statusChange', { actor, from, to }), changes: [] };
    }
    case 'assignment': {
      // The server adds the owners' names, so even a telecaller (who cannot list users) reads them.
      const to = asString(d.to);
      const toName = asString(d.toName) ?? ctx.nameOf(to);
      return { sentence: to ? t('activity.assigned', { actor, to: toName }) : t('activity.unassigned', { actor }), changes: [] };
    }
    case 'updated': {
      const raw = d.changes && typeof d.changes === 'object' ? (d.changes as Record<string, { from?: unknown; to?: unknown } | undefined>) : {};
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
      return { sentence: t('activity.updated', { actor, fields }), changes };
    }
    case 'merged':
      return { sentence: t('activity.merged', { actor }), changes: [] };
    case 'call':
      return { sentence: t('activity.call', { actor }), changes: [] };
    case 'imported':
      return { sentence: t('activity.imported', { actor, source: asString(d.source) ?? t('common.system') }), changes: [] };
  }
}
