/** A small line of values over time; gaps (null) break the line. Decorative: the number beside it carries the meaning. */
export function Sparkline({ values, className }: { values: (number | null)[]; className?: string }) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 2) return <svg aria-hidden className={className} viewBox="0 0 100 28" />;
  const max = Math.max(...known);
  const min = Math.min(...known);
  const span = max - min || 1;
  const step = 100 / Math.max(1, values.length - 1);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (24 - ((v - min) / span) * 20).toFixed(1);
    d += `${pen ? 'L' : 'M'}${x},${y} `;
    pen = true;
  });
  const last = values.at(-1);
  return (
    <svg aria-hidden className={className} viewBox="0 0 100 28" preserveAspectRatio="none">
      <path d={d.trim()} fill="none" stroke="currentColor" strokeWidth="2" vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
      {last !== null && last !== undefined && <circle cx="100" cy={24 - ((last - min) / span) * 20} r="2.5" fill="currentColor" />}
    </svg>
  );
}
