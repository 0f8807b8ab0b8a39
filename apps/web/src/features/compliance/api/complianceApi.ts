import type { ImportList, ImportStatus } from '@telehub/shared';
import { api } from '../../../lib/api';

export type DndStats = { entries: number; lastUpdatedAt: string | null; flaggedLeads: number; category: number };
export type DndCheck = { phone: string; registered: boolean; fullyBlocked: boolean; categories: number[]; blocksUs: boolean; category: number };

/** Query keys for the DND registry; an upload that ends invalidates `all` (and the leads). */
export const dndKeys = {
  all: ['dnd'] as const,
  stats: () => [...dndKeys.all, 'stats'] as const,
  imports: () => [...dndKeys.all, 'imports'] as const,
  import: (id: string) => [...dndKeys.all, 'import', id] as const,
  check: (phone: string) => [...dndKeys.all, 'check', phone] as const,
};

export const complianceApi = {
  stats: (signal?: AbortSignal) => api<DndStats>('/compliance/dnd', { signal }),
  upload: (file: File, replace: boolean) => {
    const form = new FormData();
    // The flag goes first, so the server knows it before the file streams in.
    form.append('replace', replace ? 'true' : 'false');
    form.append('file', file, file.name);
    return api<{ id: string }>('/compliance/dnd/imports', { method: 'POST', body: form });
  },
  imports: (signal?: AbortSignal) => api<ImportList>('/compliance/dnd/imports', { signal }),
  import: (id: string, signal?: AbortSignal) => api<ImportStatus>(`/compliance/dnd/imports/${encodeURIComponent(id)}`, { signal }),
  check: (phone: string, signal?: AbortSignal) => api<DndCheck>('/compliance/dnd/check', { query: { phone }, signal }),
};
