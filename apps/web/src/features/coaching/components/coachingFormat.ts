/**
 * The pure parts of the coaching pages: shares as percentages, where a telecaller stands against the
 * team (and the colour that says it), the words for a skill, and the order of the review queue.
 */
import { type CoachingItem, OBJECTION_TYPES, type ObjectionType, type ReviewQueueItem, type SkillRef, type SkillValue } from '@telehub/shared';
import { intlLocale } from '../../../i18n';

const percent = new Map<string, Intl.NumberFormat>();

/** 0.917 -> "92%"; null (nothing measured) -> the dash the caller passes. */
export function formatShare(value: number | null | undefined, lng: string, none = '–'): string {
  if (value === null || value === undefined || Number.isNaN(value)) return none;
  let f = percent.get(lng);
  if (!f) {
    f = new Intl.NumberFormat(intlLocale(lng), { style: 'percent', maximumFractionDigits: 0 });
    percent.set(lng, f);
  }
  return f.format(value);
}

/** A difference of two shares in points, signed: 0.2 -> 0.8 is "+60". */
export function formatPoints(points: number, lng: string): string {
  const f = new Intl.NumberFormat(intlLocale(lng), { maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  return f.format(Math.round(points * 10) / 10);
}

export type Standing = 'none' | 'few' | 'above' | 'level' | 'below' | 'wellBelow';

/** Within this many points of the team counts as level with it. */
export const LEVEL_BAND = 0.05;
/** This far under the team is where the engine suggests coaching (the server's gap). */
export const WELL_BELOW = 0.15;
/** Fewer observations than this are too few to compare (the server's minimum for a suggestion). */
export const MIN_OBSERVATIONS = 5;

/** Where a telecaller's share stands against the team's. */
export function standing(agent: SkillValue | null | undefined, team: SkillValue | null | undefined): Standing {
  if (!agent || agent.n === 0) return 'none';
  if (!team || team.n === 0 || agent.n < MIN_OBSERVATIONS) return 'few';
  const d = Math.round((agent.value - team.value) * 1000) / 1000;
  if (d >= LEVEL_BAND) return 'above';
  if (d <= -WELL_BELOW) return 'wellBelow';
  if (d <= -LEVEL_BAND) return 'below';
  return 'level';
}

/** Where a telecaller stood against the rest of the team when an item was set. */
export function itemStanding(item: Pick<CoachingItem, 'baseline' | 'teamBaseline' | 'baselineCalls'>): Standing {
  if (item.baseline === null) return 'none';
  // The team's baseline is kept without its count; it was measured on enough calls to suggest from.
  const team = item.teamBaseline === null ? null : { value: item.teamBaseline, n: MIN_OBSERVATIONS };
  return standing({ value: item.baseline, n: item.baselineCalls }, team);
}

/** Cell colours by standing: green above, red well below, amber below; grey when there is nothing to compare. */
export const STANDING_TONE: Record<Standing, string> = {
  above: 'bg-emerald-50 text-emerald-900 ring-emerald-200',
  level: 'bg-white text-gray-900 ring-gray-200',
  below: 'bg-amber-50 text-amber-900 ring-amber-200',
  wellBelow: 'bg-red-50 text-red-900 ring-red-200',
  few: 'bg-gray-50 text-gray-600 ring-gray-200',
  none: 'bg-gray-50 text-gray-400 ring-gray-100',
};

/** The bar of a telecaller's share, coloured like the cell. */
export const STANDING_BAR: Record<Standing, string> = {
  above: 'bg-emerald-500',
  level: 'bg-indigo-500',
  below: 'bg-amber-500',
  wellBelow: 'bg-red-500',
  few: 'bg-gray-400',
  none: 'bg-gray-300',
};

/** How to name a skill: words of ours (by kind and objection type), or the server's label (a QA question's text). */
export type SkillWords =
  | { key: 'coaching.skills.qa_score' | 'coaching.skills.talk_balance' | 'coaching.skills.lead_sentiment' | 'coaching.skills.dead_air' }
  | { key: `coaching.skills.objections.${ObjectionType}` }
  | { text: string };

const isObjection = (p: string | null): p is ObjectionType => p !== null && (OBJECTION_TYPES as readonly string[]).includes(p);

/** `lang`: the interface language; a QA question is named in Hindi where the scorecard has its Hindi words. */
export function skillWords(ref: SkillRef, lang = 'en'): SkillWords {
  switch (ref.kind) {
    case 'qa':
      return { text: lang === 'hi' && ref.labelHi ? ref.labelHi : ref.label };
    case 'objection':
      return isObjection(ref.param) ? { key: `coaching.skills.objections.${ref.param}` } : { text: ref.label };
    default:
      return { key: `coaching.skills.${ref.kind}` };
  }
}

const REASON_ORDER: Record<ReviewQueueItem['reason'], number> = { dispute: 0, low_score: 1, unreviewed: 2 };

/** Disputes first, then low scores (lowest first), then the rest unreviewed; the server's order within each otherwise. */
export function orderQueue(items: readonly ReviewQueueItem[]): ReviewQueueItem[] {
  return items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) =>
        REASON_ORDER[a.item.reason] - REASON_ORDER[b.item.reason] ||
        (a.item.reason === 'low_score' ? (a.item.score ?? 0) - (b.item.score ?? 0) : 0) ||
        a.i - b.i,
    )
    .map((x) => x.item);
}

/** The share of the calls asked for that have been made since an item was set, 0..1. */
export function progressShare(progress: number, measureAfterCalls: number): number {
  if (measureAfterCalls <= 0) return 1;
  return Math.min(1, Math.max(0, progress / measureAfterCalls));
}

/** "from" for the calibration window: the start of the day `days` days before `now`, as ISO. */
export function windowStart(days: number, now: number = Date.now()): string {
  const d = new Date(now - days * 86_400_000);
  d.setUTCHours(0, 0, 0, 0);
  return d.toISOString();
}

/**
 * An SVG path through shares (0..1) spread evenly across `width`, 1 at the top and 0 at `height`;
 * a week with nothing measured breaks the line rather than drawing it to zero.
 */
export function trendPath(values: readonly (number | null)[], width: number, height: number): string {
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const x = (i: number) => (values.length > 1 ? i * step : width / 2);
  let d = '';
  let drawing = false;
  values.forEach((v, i) => {
    if (v === null) {
      drawing = false;
      return;
    }
    const y = (1 - Math.min(1, Math.max(0, v))) * height;
    d += `${drawing ? 'L' : 'M'}${Math.round(x(i) * 10) / 10} ${Math.round(y * 10) / 10}`;
    drawing = true;
  });
  return d;
}
