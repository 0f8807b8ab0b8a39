/** A merge plan in words: each field's value after the merge and how it got there. */
import { LEAD_STATUSES, type MergePlan } from '@telehub/shared';
import type { TFunction } from 'i18next';
import { formatNumber, formatPhone, languageName } from '../../../lib/format';

type Ctx = { t: TFunction; lng: string; nameOf: (id: string | null) => string };

export type PlanLine = { field: string; label: string; value: string; note: string };

const FIELD_LABELS = ['name', 'phone', 'email', 'city', 'language', 'score', 'tags', 'status', 'owner'] as const;
type Labelled = (typeof FIELD_LABELS)[number];
const labelKey = (field: string): Labelled | null => {
  const f = field === 'ownerId' ? 'owner' : field;
  return (FIELD_LABELS as readonly string[]).includes(f) ? (f as Labelled) : null;
};

const isBlank = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
const isStatus = (v: unknown): v is (typeof LEAD_STATUSES)[number] => typeof v === 'string' && (LEAD_STATUSES as readonly string[]).includes(v);

export function planValue(field: string, v: unknown, { t, lng, nameOf }: Ctx): string {
  if (isBlank(v)) return t('duplicates.plan.notSet');
  if (field === 'phone' && typeof v === 'string') return formatPhone(v);
  if (field === 'language' && typeof v === 'string') return languageName(v, lng);
  if (field === 'status' && isStatus(v)) return t(`status.${v}`);
  if (field === 'ownerId' && typeof v === 'string') return nameOf(v);
  if (typeof v === 'number') return formatNumber(v, lng);
  if (Array.isArray(v)) return v.map(String).join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function planLines(plan: MergePlan, ctx: Ctx): PlanLine[] {
  const { t } = ctx;
  return plan.fields.map((f) => {
    const key = labelKey(f.field);
    const label = key ? t(`lead.fields.${key}`) : f.field;
    const other = planValue(f.field, f.other, ctx);
    const differs = !isBlank(f.other) && JSON.stringify(f.other) !== JSON.stringify(f.survivor);
    let note: string;
    switch (f.action) {
      case 'fill':
        note = t('duplicates.plan.fill');
        break;
      case 'union':
        note = differs ? t('duplicates.plan.union') : t('duplicates.plan.same');
        break;
      case 'alternate':
        note = differs ? t('duplicates.plan.alternate', { other }) : t('duplicates.plan.same');
        break;
      default:
        if (differs) note = t('duplicates.plan.keepOver', { other });
        else if (isBlank(f.result)) note = t('duplicates.plan.bothEmpty');
        else note = isBlank(f.other) ? t('duplicates.plan.kept') : t('duplicates.plan.same');
    }
    return { field: f.field, label, value: planValue(f.field, f.result, ctx), note };
  });
}
