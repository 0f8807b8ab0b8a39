import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../lib/errors';
import { onReconnect, subscribe } from '../lib/graphql';

/**
 * Subscribes on the shared socket while the component is on screen (variables null: not now).
 * After a dropped connection the socket subscribes again by itself; a subscription the server
 * ended with an error is made again when the socket next comes back. Returns that error, if any.
 */
export function useLiveSubscription<T>(query: string, variables: Record<string, unknown> | null, onData: (data: T) => void): ApiError | null {
  const handler = useRef(onData);
  handler.current = onData;
  const [error, setError] = useState<ApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const vars = variables === null ? null : JSON.stringify(variables);

  useEffect(() => {
    if (!error) return;
    return onReconnect(() => {
      setError(null);
      setAttempt((a) => a + 1);
    });
  }, [error]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new attempt subscribes again
  useEffect(() => {
    if (vars === null) return;
    return subscribe<T>(query, JSON.parse(vars) as Record<string, unknown>, { next: (d) => handler.current(d), error: setError });
  }, [query, vars, attempt]);

  return error;
}
