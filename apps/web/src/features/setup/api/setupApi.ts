import type { SetupChecklist } from '@telehub/shared';
import { api } from '../../../lib/api';

export const setupKeys = { checklist: ['setup', 'checklist'] as const };

export const setupApi = {
  checklist: (signal?: AbortSignal) => api<SetupChecklist>('/setup', { signal }),
};
