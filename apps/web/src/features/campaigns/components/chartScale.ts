/**
 * The numbers behind the campaign's day chart (an inline SVG, no chart library): where each
 * half-hour lands across, where a rate lands up, and the lines through them.
 */
import type { CampaignStats } from '@telehub/shared';
import { linePath, niceStep, scaleLinear } from '../../../lib/chart';

export { linePath, scaleLinear };

export type TimelinePoint = CampaignStats['timeline'][number];
export type Box = { width: number; height: number; top: number; right: number; bottom: number; left: number };

/** The next "round" fraction at or above v for an axis top: 1, 2 or 5 times a power of ten (0.013 -> 0.02). */
export const niceCeil = (v: number) => niceStep(v, 0.01);

/** The top of the abandon-rate axis: room above the cap, and above the highest rate seen. */
export const rateTop = (rates: number[], cap: number) => niceCeil(Math.max(cap * 1.5, ...rates, 0.01));

/**
 * The day from the half-hour before the first with any dialing or agent time: a campaign started
 * in the evening would otherwise draw most of its chart as a flat line at zero since midnight.
 * Empty when nothing happened yet.
 */
export function fromFirstActivity(timeline: TimelinePoint[]): TimelinePoint[] {
  const first = timeline.findIndex((p) => p.dialed > 0 || p.occupancy > 0);
  return first < 0 ? [] : timeline.slice(Math.max(0, first - 1));
}

/** Which points carry a time label: at most `max`, evenly spaced, the first always. */
export function tickIndexes(count: number, max: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / max));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  return out;
}

export type ChartLayout = {
  xs: number[];
  /** Where each half-hour's abandon rate is drawn (y null: nothing dialed then). */
  ratePoints: { x: number; y: number | null }[];
  ratePath: string;
  occupancyPath: string;
  /** y of the abandon cap line. */
  capY: number;
  rateMax: number;
  /** Values of the left (occupancy) and right (abandon rate) axis lines, with their y. */
  occupancyTicks: { value: number; y: number }[];
  rateTicks: { value: number; y: number }[];
  timeTicks: number[];
};

/**
 * Occupancy (0-100 %) on the left axis, the abandon rate on the right axis scaled to its own
 * top, so a 3 % cap is not a flat line at the bottom. A half-hour with no dial has no abandon rate.
 */
export function chartLayout(points: TimelinePoint[], cap: number, box: Box): ChartLayout {
  const x = scaleLinear(0, Math.max(0, points.length - 1), box.left, box.width - box.right);
  const bottom = box.height - box.bottom;
  const yOcc = scaleLinear(0, 1, bottom, box.top);
  const rateMax = rateTop(
    points.filter((p) => p.dialed > 0).map((p) => p.abandonRate),
    cap,
  );
  const yRate = scaleLinear(0, rateMax, bottom, box.top);
  const xs = points.map((_, i) => x(i));
  const ratePoints = points.map((p, i) => ({ x: xs[i] ?? 0, y: p.dialed > 0 ? yRate(Math.min(p.abandonRate, rateMax)) : null }));
  return {
    xs,
    ratePoints,
    ratePath: linePath(ratePoints),
    occupancyPath: linePath(points.map((p, i) => ({ x: xs[i] ?? 0, y: yOcc(Math.min(1, Math.max(0, p.occupancy))) }))),
    capY: yRate(cap),
    rateMax,
    occupancyTicks: [0, 0.5, 1].map((value) => ({ value, y: yOcc(value) })),
    rateTicks: [0, rateMax / 2, rateMax].map((value) => ({ value, y: yRate(value) })),
    timeTicks: tickIndexes(points.length, 6),
  };
}
