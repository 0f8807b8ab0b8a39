import type { AuditFilter } from '@telehub/shared';

/** The page's filters as they stand in the address (shareable, kept on reload). */
export const PARAM_KEYS = ['actor', 'group', 'action', 'entity', 'entityId', 'from', 'to'] as const;
export type ParamKey = (typeof PARAM_KEYS)[number];

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Midnight starting `day` (YYYY-MM-DD) in this browser's time zone, `plusDays` later; null if no such day. */
export function localMidnight(day: string, plusDays = 0): string | null {
  if (!DAY.test(day)) return null;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const at = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/**
 * The server's filter for the address's values: dates as whole local days (`to` inclusive, so up
 * to the midnight after it), and whether the range runs backwards (then nothing is asked).
 */
export function filterFromParams(params: URLSearchParams): { filter: AuditFilter; rangeInvalid: boolean } {
  const get = (k: ParamKey) => params.get(k)?.trim() || undefined;
  const from = get('from') ? (localMidnight(get('from') ?? '') ?? undefined) : undefined;
  const to = get('to') ? (localMidnight(get('to') ?? '', 1) ?? undefined) : undefined;
  const actor = get('actor');
  const filter: AuditFilter = {
    actorId: actor && UUID.test(actor) ? actor : undefined,
    group: (get('group') as AuditFilter['group']) ?? undefined,
    action: get('action'),
    entityType: get('entity'),
    entityId: get('entityId'),
    from,
    to,
  };
  const cleaned = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as AuditFilter;
  return { filter: cleaned, rangeInvalid: Boolean(from && to && from >= to) };
}

export const hasFilters = (params: URLSearchParams): boolean => PARAM_KEYS.some((k) => params.has(k));
