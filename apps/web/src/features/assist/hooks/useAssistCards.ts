import type { AssistCard } from '@telehub/shared';
import { useEffect, useState } from 'react';
import type { ApiError } from '../../../lib/errors';
import { onReconnect, subscribe } from '../../../lib/graphql';
import { ASSIST_CARDS } from '../api/assistApi';

type State = { callId: string | null; cards: AssistCard[]; error: ApiError | null };

/**
 * The cards on a live call, newest first, one per key: a newer card about the same thing (the
 * checklist, the sentiment, one objection) takes the older one's place. On subscribing the server
 * sends the cards so far, so a reconnect or a manager opening the call mid-way misses none.
 */
export function useAssistCards(callId: string | null) {
  const [state, setState] = useState<State>({ callId, cards: [], error: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => onReconnect(() => setGeneration((g) => g + 1)), []);
  // biome-ignore lint/correctness/useExhaustiveDependencies: each reconnect (or retry) subscribes again
  useEffect(() => {
    if (!callId) return;
    setState((s) => (s.callId === callId ? s : { callId, cards: [], error: null }));
    return subscribe<{ assistCards: AssistCard }>(
      ASSIST_CARDS,
      { callId },
      {
        next: (d) => setState((s) => (s.callId !== callId ? s : { ...s, error: null, cards: place(s.cards, d.assistCards) })),
        error: (error) => setState((s) => ({ ...s, error })),
      },
    );
  }, [callId, generation]);
  const retry = () => setGeneration((g) => g + 1);
  const add = (card: AssistCard) => setState((s) => (s.callId === card.callId ? { ...s, cards: place(s.cards, card) } : s));
  return state.callId === callId ? { ...state, retry, add } : { callId, cards: [], error: null, retry, add };
}

/** The card in its key's place (a replay may bring an older one after a newer: the newer stays). */
export function place(cards: AssistCard[], card: AssistCard): AssistCard[] {
  const old = cards.find((c) => c.key === card.key);
  if (old && (old.id === card.id || old.createdAt > card.createdAt)) return cards;
  return [card, ...cards.filter((c) => c.key !== card.key)].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
