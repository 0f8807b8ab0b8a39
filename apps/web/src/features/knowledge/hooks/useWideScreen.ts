import { useEffect, useState } from 'react';

const QUERY = '(min-width: 1024px)';

/** Whether the window is wide enough to show the Markdown and its preview side by side. */
export function useWideScreen(): boolean {
  const [wide, setWide] = useState(() => window.matchMedia(QUERY).matches);
  useEffect(() => {
    const list = window.matchMedia(QUERY);
    const on = () => setWide(list.matches);
    list.addEventListener('change', on);
    return () => list.removeEventListener('change', on);
  }, []);
  return wide;
}
