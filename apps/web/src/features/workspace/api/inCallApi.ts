/** The agent's controls on a live call, over REST: the call's control state, the actions, the colleagues to transfer to, the redial. */
import type { Call, CallControlBody, CallControls, RedialBody, TransferTargetList } from '@telehub/shared';
import { api } from '../../../lib/api';

const path = (callId: string, rest: string) => `/calls/${encodeURIComponent(callId)}/${rest}`;

export const inCallKeys = {
  all: ['inCall'] as const,
  /** By status too: what can be used changes as the call is answered, so each status reads it again. */
  controls: (callId: string, status: string) => [...inCallKeys.all, 'controls', callId, status] as const,
  targets: (callId: string) => [...inCallKeys.all, 'targets', callId] as const,
};

export const inCallApi = {
  controls: (callId: string, signal?: AbortSignal) => api<CallControls>(path(callId, 'controls'), { signal }),
  act: (callId: string, body: CallControlBody) => api<CallControls>(path(callId, 'controls'), { method: 'POST', body }),
  targets: (callId: string, signal?: AbortSignal) => api<TransferTargetList>(path(callId, 'transfer-targets'), { signal }),
  redial: (callId: string, body: RedialBody) => api<Call>(path(callId, 'redial'), { method: 'POST', body }),
};
