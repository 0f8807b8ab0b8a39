/**
 * What every inline SVG chart in the app shares (no chart library): straight scales, round steps
 * for axes, and lines that break where there is nothing to draw. The campaign's day chart and the
 * reports' charts are built on these.
 */

/** A straight map from [d0, d1] onto [r0, r1]; a domain of one value lands in the middle. */
export function scaleLinear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  const k = (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * k;
}

/** 1, 2 or 5 times a power of ten, the smallest at or above v (0.13 -> 0.2, 340 -> 500); `fallback` for nothing above zero. */
export function niceStep(v: number, fallback = 1): number {
  if (!(v > 0)) return fallback;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) {
    const step = m * exp;
    if (step >= v - 1e-12) return Number(step.toPrecision(12));
  }
  return 10 * exp;
}

/** An SVG path through the points; a null breaks the line. */
export function linePath(points: { x: number; y: number | null }[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${p.x.toFixed(1)},${p.y.toFixed(1)} `;
    pen = true;
  }
  return d.trim();
}
