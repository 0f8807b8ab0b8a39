/** Live assist on the client: the cards subscription (shared socket) and the REST calls beside it. */
import type { AnalyzeResult, AssistCard, SpeechLanguage } from '@telehub/shared';
import { api } from '../../../lib/api';

export const ASSIST_CARDS = `subscription AssistCards($callId: ID!) {
  assistCards(callId: $callId) {
    id callId kind key source nudge segmentSeq latencyMs createdAt trend
    title { en hi } body { en hi }
    objection { type confidence }
    checklist { checkpoint done }
    stage { key title { en hi } }
  }
}`;

export const assistApi = {
  cards: (callId: string, signal?: AbortSignal) => api<{ items: AssistCard[] }>(`/calls/${encodeURIComponent(callId)}/assist`, { signal }),
  suggest: (callId: string) => api<AssistCard>(`/calls/${encodeURIComponent(callId)}/assist/suggest`, { method: 'POST' }),
  analyze: (text: string, lang?: SpeechLanguage) => api<AnalyzeResult>('/assist/analyze', { method: 'POST', body: { text, ...(lang ? { lang } : {}) } }),
};
