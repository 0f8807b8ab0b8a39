/** Call analysis after the call: what the recording and the transcript say (GET /api/v1/calls/:id/analysis). */
import { z } from 'zod';
import { OBJECTION_TYPES, SENTIMENTS } from './assist.js';

export const ANALYSIS_STATUSES = ['pending', 'done', 'failed'] as const;
export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];

export const KEYWORD_KINDS = ['programme', 'fee', 'date', 'place'] as const;
export const COMMITMENT_KINDS = ['callback', 'documents', 'visit', 'payment'] as const;

const Sides = <T extends z.ZodType>(t: T) => z.object({ lead: t, agent: t });
const Span = z.object({ startMs: z.number().int().min(0), endMs: z.number().int().min(0) });

export const CallAnalysis = z.object({
  callId: z.uuid(),
  status: z.enum(ANALYSIS_STATUSES),
  /** The agent's share of the speech, 0..1 (from the recording; null without one). */
  talkRatio: z.number().min(0).max(1).nullable(),
  talkSeconds: Sides(z.number().min(0)).nullable(),
  /** Silences of both sides over 3 s, summed. */
  deadAirSeconds: z.number().min(0).nullable(),
  longestMonologueSeconds: z.number().min(0).nullable(),
  longestMonologueBy: z.enum(['lead', 'agent']).nullable(),
  /** Overlaps started by either side; `interruptionsBy` splits them. */
  interruptions: z.number().int().min(0).nullable(),
  interruptionsBy: Sides(z.number().int().min(0)).nullable(),
  /** Syllables per second of each side's speech. */
  speakingRate: Sides(z.number().min(0).nullable()).nullable(),
  /** When each side spoke (ms from the start of the recording). */
  timeline: Sides(z.array(Span)).nullable(),
  sentiment: Sides(z.enum(SENTIMENTS).nullable()),
  /** Each side's sentiment score (-1..1) over the quarters of its speech. */
  sentimentArc: Sides(z.array(z.number().min(-1).max(1))),
  objections: z.array(z.object({ type: z.enum(OBJECTION_TYPES), handled: z.boolean(), atMs: z.number().int().min(0) })),
  keywords: z.array(z.string()),
  topics: z.array(z.object({ kind: z.enum(KEYWORD_KINDS), text: z.string() })),
  commitments: z.array(
    z.object({ kind: z.enum(COMMITMENT_KINDS), by: z.enum(['lead', 'agent']), text: z.string(), atMs: z.number().int().min(0), when: z.string().nullable() }),
  ),
  summary: z.string(),
  /** The wrap-up the call suggests: the telecaller confirms instead of typing. */
  wrapUp: z.object({ disposition: z.string(), callbackWhen: z.string().nullable(), note: z.string() }).nullable(),
  /** The automatic QA score, 0..100 (null until a scorecard applies). */
  qaScore: z.number().min(0).max(100).nullable(),
  /**
   * What the analysis had to go on; `transcriptFrom` says where the transcript's words came from:
   * heard live, transcribed from the recording after the call, or both (a side the live transcript
   * missed). `summaryBy` says who wrote the summary: the configured language model, or the local
   * rules (extractive). Null without a transcript; absent on analyses saved before they were recorded.
   */
  sources: z.object({
    recording: z.boolean(),
    transcript: z.boolean(),
    transcriptFrom: z.enum(['live', 'recording', 'both']).nullable().optional(),
    summaryBy: z.enum(['model', 'rules']).nullable().optional(),
  }),
  /** Why a part could not be analysed (a failed analysis, or a recording that could not be read). */
  error: z.string().nullable(),
  analyzedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type CallAnalysis = z.infer<typeof CallAnalysis>;
