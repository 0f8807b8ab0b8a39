import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * Text a user types, committed `delay` ms after they stop (or at once with `flush`). When the
 * committed value changes from elsewhere (back/forward, "clear filters"), the text follows it.
 */
export function useDebouncedInput(value: string, onCommit: (value: string) => void, delay = 300) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const commitRef = useRef(onCommit);

  useEffect(() => {
    commitRef.current = onCommit;
  }, [onCommit]);

  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      clearTimeout(timer.current);
      setText(value);
    }
  }, [value]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const commit = useCallback((next: string) => {
    clearTimeout(timer.current);
    if (next === committed.current) return;
    committed.current = next;
    commitRef.current(next);
  }, []);

  const onChange = useCallback(
    (next: string) => {
      setText(next);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => commit(next), delay);
    },
    [commit, delay],
  );

  return { text, onChange, flush: () => commit(text) };
}
