import type { AssistCard } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { place } from './useAssistCards';

const card = (id: string, key: string, at: string): AssistCard => ({
  id,
  callId: '00000000-0000-4000-8000-000000000001',
  kind: 'objection',
  key,
  title: { en: key, hi: null },
  body: { en: id, hi: null },
  objection: null,
  checklist: null,
  stage: null,
  trend: null,
  nudge: null,
  source: 'rules',
  segmentSeq: null,
  latencyMs: null,
  createdAt: at,
});

describe('place', () => {
  it('keeps one card per key, the newest, newest first', () => {
    let cards: AssistCard[] = [];
    cards = place(cards, card('a', 'objection:price', '2026-01-01T10:00:01Z'));
    cards = place(cards, card('b', 'script', '2026-01-01T10:00:02Z'));
    cards = place(cards, card('c', 'objection:price', '2026-01-01T10:00:03Z'));
    expect(cards.map((c) => c.id)).toEqual(['c', 'b']);
  });

  it('ignores a replayed card older than the one shown, and a repeat', () => {
    const newer = card('n', 'sentiment', '2026-01-01T10:00:05Z');
    const cards = [newer];
    expect(place(cards, card('o', 'sentiment', '2026-01-01T10:00:01Z'))).toBe(cards);
    expect(place(cards, newer)).toBe(cards);
  });
});
