import type {
  Call,
  CallAnalysis,
  CallPage,
  CallWithLead,
  DialBlockReason,
  DispositionBody,
  DispositionList,
  DraftNote,
  StartCallBody,
  TelephonyInfo,
  Transcript,
} from '@telehub/shared';
import { DIAL_BLOCK_REASONS } from '@telehub/shared';
import { api, apiResponse } from '../../../lib/api';
import { isApiError } from '../../../lib/errors';

const path = (id: string, rest = '') => `/calls/${encodeURIComponent(id)}${rest}`;

export const callsApi = {
  start: (body: StartCallBody) => api<Call>('/calls', { method: 'POST', body }),
  get: (id: string, signal?: AbortSignal) => api<CallWithLead>(path(id), { signal }),
  analysis: (id: string, signal?: AbortSignal) => api<CallAnalysis>(path(id, '/analysis'), { signal }),
  transcript: (id: string, afterSeq: number, signal?: AbortSignal) => api<Transcript>(path(id, '/transcript'), { query: { afterSeq }, signal }),
  hangup: (id: string) => api<Call>(path(id, '/hangup'), { method: 'POST' }),
  dispose: (id: string, body: DispositionBody) => api<Call>(path(id, '/disposition'), { method: 'POST', body }),
  /** A lead's calls, newest first, a page at a time. */
  forLead: (leadId: string, page: number, pageSize: number, signal?: AbortSignal) => api<CallPage>('/calls', { query: { leadId, page, pageSize }, signal }),
  /** With a campaign: the outcomes a call in that campaign offers (its own list, or the organisation's as it narrows it). */
  dispositions: (campaignId: string | null, signal?: AbortSignal) =>
    api<DispositionList>('/dispositions', { query: campaignId ? { campaignId } : undefined, signal }),
  draftNote: (id: string, signal?: AbortSignal) => api<DraftNote>(path(id, '/draft-note'), { signal }),
  saveDraftNote: (id: string, text: string) => api<DraftNote>(path(id, '/draft-note'), { method: 'PUT', body: { text } }),
  telephony: (signal?: AbortSignal) => api<TelephonyInfo>('/telephony', { signal }),
  /** The recording as a Blob: an <audio> element cannot send the bearer token itself. */
  recording: async (id: string): Promise<Blob> => (await apiResponse(path(id, '/recording'), { accept: 'audio/*' })).blob(),
};

const isReason = (v: unknown): v is DialBlockReason => typeof v === 'string' && (DIAL_BLOCK_REASONS as readonly string[]).includes(v);

/** Why the server refused a dial (409 DIAL_BLOCKED), or null for any other failure. */
export function dialBlockReason(err: unknown): DialBlockReason | null {
  if (!isApiError(err) || err.code !== 'DIAL_BLOCKED') return null;
  return isReason(err.extra.reason) ? err.extra.reason : null;
}
