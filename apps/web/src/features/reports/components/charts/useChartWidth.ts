import { useEffect, useRef, useState } from 'react';

/**
 * The width a chart gets, so it is drawn at that size and its labels stay readable on a phone
 * instead of shrinking with a scaled viewBox.
 */
export function useChartWidth<T extends HTMLElement = HTMLDivElement>(fallback = 640, min = 260) {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = (w: number) => setWidth(Math.max(min, Math.floor(w)));
    measure(el.getBoundingClientRect().width);
    const observer = new ResizeObserver(([entry]) => {
      if (entry) measure(entry.contentRect.width);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [min]);
  return { ref, width };
}
