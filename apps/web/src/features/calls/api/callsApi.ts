import type {
  Call,
  CallAnalysis,
  CallPage,
  CallWithLead,
  DialBlockReason,
  DispositionBody,
  DispositionList,
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
  forLead: (leadId: string, signal?: AbortSignal) => api<CallPage>('/calls', { query: { leadId, pageSize: 20 }, signal }),
  dispositions: (signal?: AbortSignal) => api<DispositionList>('/dispositions', { signal }),
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
