/**
 * The numbers behind the reports' charts (inline SVG, no chart library): straight scales, round
 * axis tops and ticks, lines with gaps, which labels fit, and the heat map's colour ramp.
 */

import { linePath, niceStep, scaleLinear } from '../../../../lib/chart';

export { linePath, niceStep, scaleLinear };

/** Okabe–Ito: told apart with every common colour-vision deficiency. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'] as const;

/**
 * An axis from 0 to a round top at or above the largest value, with about `count` ticks.
 * `minTop` keeps an axis of nothing but zeros from collapsing (1 for counts, 0.1 for rates);
 * `integer` keeps count axes on whole numbers.
 */
export function niceAxis(maxValue: number, { count = 4, minTop = 1, integer = false } = {}): { top: number; ticks: number[] } {
  const target = Math.max(maxValue, minTop) / count;
  const step = integer ? Math.max(1, niceStep(target)) : niceStep(target);
  const top = Number((Math.ceil(Math.max(maxValue, minTop) / step - 1e-9) * step).toPrecision(12));
  const ticks: number[] = [];
  for (let v = 0; v <= top + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return { top, ticks };
}

/** Which of `count` evenly spaced labels to draw so that each has `minGap` px: the first always, the last when it fits. */
export function labelIndexes(count: number, span: number, minGap: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const gap = span / (count - 1);
  const step = Math.max(1, Math.ceil(minGap / Math.max(gap, 1e-9)));
  const out: number[] = [];
  for (let i = 0; i < count; i += step) out.push(i);
  const last = count - 1;
  const tail = out[out.length - 1] ?? 0;
  if (tail !== last) {
    // The last label replaces the one before it when they would touch.
    if ((last - tail) * gap < minGap) out.pop();
    out.push(last);
  }
  return out;
}

/** Text cut to about `maxChars` characters, with an ellipsis (labels in a fixed width). */
export function clip(text: string, maxChars: number): string {
  const chars = [...text];
  return chars.length <= maxChars ? text : `${chars.slice(0, Math.max(1, maxChars - 1)).join('')}…`;
}

type Rgb = [number, number, number];
const hex = (c: string): Rgb => [Number.parseInt(c.slice(1, 3), 16), Number.parseInt(c.slice(3, 5), 16), Number.parseInt(c.slice(5, 7), 16)];
const toHex = (rgb: Rgb) => `#${rgb.map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

/** The heat map's ramp: one hue (Okabe–Ito blue) from pale to deep, read by lightness alone. */
const RAMP: Rgb[] = [hex('#EAF3FA'), hex('#9CC9E8'), hex('#3A93CC'), hex('#0072B2'), hex('#003F63')];

/** The colour of a share of the way from the lowest to the highest value (0..1). */
export function heatColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (RAMP.length - 1);
  const i = Math.min(RAMP.length - 2, Math.floor(x));
  const a = RAMP[i] as Rgb;
  const b = RAMP[i + 1] as Rgb;
  const f = x - i;
  return toHex([a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f]);
}

/** Whether text on that share of the ramp should be white (the darker half) to stay readable. */
export const heatTextLight = (t: number) => t >= 0.55;
