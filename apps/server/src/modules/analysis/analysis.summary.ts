/**
 * The call's summary from the configured language model, in the language the call was mostly
 * spoken in; the local extractive summary stands when no model is configured or it does not answer.
 */
import type { LlmGateway } from '../llm/index.js';
import type { Line } from './analysis.text.js';

export type Summarizer = (lines: Line[], lang: 'en' | 'hi') => Promise<string | null>;

/** A summarizer on the language-model gateway (its masking, time-out and day budget); null without a model. */
export function modelSummarizer(llm: Pick<LlmGateway, 'configured' | 'suggest'>): Summarizer | null {
  if (!llm.configured) return null;
  return async (lines, lang) => {
    if (lines.length === 0) return null;
    // Outside the call's own budget (spent on live suggestions): the per-request and daily limits apply.
    const r = await llm.suggest({ callId: null, lang, purpose: 'summary', transcript: lines.map((l) => ({ speaker: l.speaker, text: l.text })) });
    return r.ok && r.text.trim() !== '' ? r.text.trim() : null;
  };
}
