import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { type BoardView, parseBoardView, writeBoardView } from '../components/boardView';

/**
 * The board's filters, sort and grouping, read from and written to the address, so a manager can
 * bookmark or send a view. Changes replace the history entry: Back leaves the page, not a filter.
 */
export function useBoardView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => parseBoardView(params), [params]);
  const update = useCallback(
    (change: Partial<BoardView>) => setParams((p) => writeBoardView({ ...parseBoardView(p), ...change }, p), { replace: true }),
    [setParams],
  );
  return { view, update };
}
