/**
 * The scorecard form's state and the rules it edits by: a question's check changes shape with its
 * kind, keys are made from the question's words and kept unique, phrases are one per line.
 */
import type { QaCheck, QaCheckKind, QaQuestion, QaSection, Scorecard } from '@telehub/shared';

/** `uid` keeps a question's or section's fields in place on screen while its key and words change. */
export type DraftQuestion = Omit<QaQuestion, 'check'> & { check: QaCheck; uid: string };
export type DraftSection = Omit<QaSection, 'questions'> & { questions: DraftQuestion[]; uid: string };

let uids = 0;
export const uid = () => `draft-${++uids}`;
export type Draft = { name: string; description: string; campaignId: string | null; active: boolean; sections: DraftSection[] };

/** A check of this kind with sensible defaults. */
export function defaultCheck(kind: QaCheckKind): QaCheck {
  switch (kind) {
    case 'phrase':
      return { kind, phrases: [], by: 'agent', withinSeconds: null, absent: false };
    case 'checkpoint':
      return { kind, checkpoint: 'greeting' };
    case 'talk_ratio':
      return { kind, min: 0.35, max: 0.7 };
    case 'sentiment':
      return { kind, side: 'lead', atLeast: 'neutral' };
    case 'objection_handled':
      return { kind, objection: null };
    case 'llm':
      return { kind, instruction: '' };
  }
}

/** A key from the question's words: lower-case, dashes, at most 40 characters, not one of `taken`. */
export function keyFrom(text: string, taken: ReadonlySet<string>): string {
  const base =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 36)
      .replace(/-+$/, '') || 'question';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Phrases as typed, one per line: blank lines dropped, duplicates once. */
export function phrasesFrom(text: string): string[] {
  return [
    ...new Set(
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    ),
  ];
}

export function emptyQuestion(taken: ReadonlySet<string>): DraftQuestion {
  return { uid: uid(), key: keyFrom('question', taken), text: '', textHi: null, weight: 1, check: defaultCheck('checkpoint') };
}

export const emptySection = (taken: ReadonlySet<string>): DraftSection => ({ uid: uid(), title: '', titleHi: null, questions: [emptyQuestion(taken)] });

export const emptyDraft = (): Draft => ({ name: '', description: '', campaignId: null, active: true, sections: [emptySection(new Set())] });

export function draftOf(card: Scorecard): Draft {
  return {
    name: card.name,
    description: card.description ?? '',
    campaignId: card.campaignId,
    active: card.active,
    sections: card.sections.map((s) => ({ ...s, uid: uid(), questions: s.questions.map((q) => ({ ...q, uid: uid() })) })),
  };
}

/** What the server is sent: trimmed words, empty Hindi as null. */
export function inputOf(d: Draft) {
  const opt = (s: string | null) => (s?.trim() ? s.trim() : null);
  return {
    name: d.name.trim(),
    description: opt(d.description),
    campaignId: d.campaignId,
    active: d.active,
    sections: d.sections.map((s) => ({
      title: s.title.trim(),
      titleHi: opt(s.titleHi),
      questions: s.questions.map(({ uid: _, ...q }) => ({ ...q, text: q.text.trim(), textHi: opt(q.textHi) })),
    })),
  };
}

/** Every question key in the draft. */
export const keysOf = (d: Draft) => new Set(d.sections.flatMap((s) => s.questions.map((q) => q.key)));
