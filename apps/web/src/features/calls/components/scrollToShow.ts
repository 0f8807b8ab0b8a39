/**
 * Where to scroll a list so that an item shows: null while it is already in view with `margin`
 * to spare, else a scrollTop that puts it a third of the way down (what is said next stays in sight).
 */
export function scrollToShow(item: { top: number; height: number }, view: { scrollTop: number; height: number }, margin = 24): number | null {
  const inView = item.top >= view.scrollTop + margin && item.top + item.height <= view.scrollTop + view.height - margin;
  if (inView) return null;
  return Math.max(0, Math.round(item.top - Math.max(margin, (view.height - item.height) / 3)));
}
