/** Live assist: what the local understanding finds in an utterance, the cards it raises, the knowledge base and battlecards. */
import { z } from 'zod';
import { multiLine } from './text.js';

export const SPEECH_LANGUAGES = ['en', 'hi', 'hinglish'] as const;
export type SpeechLanguage = (typeof SPEECH_LANGUAGES)[number];

/** The objection taxonomy; `none` is what the classifier answers when there is no objection (never listed in `objections`). */
export const OBJECTION_TYPES = ['price', 'timing', 'callback_later', 'not_interested', 'trust', 'consult_family', 'already_enrolled', 'logistics'] as const;
export type ObjectionType = (typeof OBJECTION_TYPES)[number];
export const OBJECTION_LABELS = [...OBJECTION_TYPES, 'none'] as const;
export type ObjectionLabel = (typeof OBJECTION_LABELS)[number];

export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

export const Objection = z.object({ type: z.enum(OBJECTION_TYPES), confidence: z.number().min(0).max(1) });
export type Objection = z.infer<typeof Objection>;

export const Sentiment = z.object({ label: z.enum(SENTIMENTS), score: z.number().min(-1).max(1) });
export type Sentiment = z.infer<typeof Sentiment>;

/** What the local model reads in one utterance. */
export const Understanding = z.object({
  lang: z.enum(SPEECH_LANGUAGES),
  objections: z.array(Objection),
  sentiment: Sentiment,
});
export type Understanding = z.infer<typeof Understanding>;

/** The stages of a sales call the script checklist follows, in order. */
export const SCRIPT_CHECKPOINTS = ['greeting', 'recording_disclosure', 'need_discovery', 'pitch', 'objection_handling', 'close', 'next_step'] as const;
export type ScriptCheckpoint = (typeof SCRIPT_CHECKPOINTS)[number];

export const NUDGE_KINDS = ['recording_disclosure', 'talk_share', 'banned_phrase'] as const;
export type NudgeKind = (typeof NUDGE_KINDS)[number];

export const CARD_KINDS = ['objection', 'knowledge', 'script', 'sentiment', 'nudge', 'suggestion'] as const;
export type CardKind = (typeof CARD_KINDS)[number];

/** Text in both languages the product speaks; `hi` is null where nobody wrote it. */
export const BilingualText = z.object({ en: z.string(), hi: z.string().nullable() });
export type BilingualText = z.infer<typeof BilingualText>;

/** One card on the telecaller's screen. `key` is stable for what it is about, so a newer card replaces an older one. */
export const AssistCard = z.object({
  id: z.string(),
  callId: z.uuid(),
  kind: z.enum(CARD_KINDS),
  key: z.string(),
  title: BilingualText,
  body: BilingualText,
  /** Objection cards: the objection and how sure the model is. */
  objection: Objection.nullable(),
  /** Script cards: each checkpoint and whether it was reached. */
  checklist: z.array(z.object({ checkpoint: z.enum(SCRIPT_CHECKPOINTS), done: z.boolean() })).nullable(),
  /** Script cards: the campaign's script stage the agent's words reached last. */
  stage: z.object({ key: z.string(), title: BilingualText }).nullable(),
  /** Sentiment cards: the lead's recent scores, oldest first. */
  trend: z.array(z.number()).nullable(),
  nudge: z.enum(NUDGE_KINDS).nullable(),
  /** Where the card's words came from. */
  source: z.enum(['battlecard', 'knowledge', 'model', 'llm', 'rules']),
  /** The transcript segment that raised it, when one did. */
  segmentSeq: z.number().int().nullable(),
  /** Milliseconds from the utterance reaching the server to the card being published. */
  latencyMs: z.number().nullable(),
  createdAt: z.string(),
});
export type AssistCard = z.infer<typeof AssistCard>;

export const AnalyzeBody = z.object({
  text: multiLine(z.string().trim().min(1, 'text must not be empty').max(2000, 'text is at most 2,000 characters')),
  lang: z.enum(SPEECH_LANGUAGES).optional(),
});
export type AnalyzeBody = z.infer<typeof AnalyzeBody>;

export const AnalyzeResult = Understanding.extend({ cards: z.array(AssistCard.omit({ callId: true }).extend({ callId: z.uuid().nullable() })) });
export type AnalyzeResult = z.infer<typeof AnalyzeResult>;
