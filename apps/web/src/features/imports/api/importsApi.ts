import type { ImportList, ImportPreview, ImportStatus, StartImportBody } from '@telehub/shared';
import { api, downloadFile } from '../../../lib/api';

const path = (id: string) => `/imports/${encodeURIComponent(id)}`;

export const importsApi = {
  /** Uploads the file; nothing is imported until start(). */
  preview: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<ImportPreview>('/imports/preview', { method: 'POST', body: form });
  },
  start: (id: string, body: StartImportBody) => api<ImportStatus>(`${path(id)}/start`, { method: 'POST', body }),
  list: (signal?: AbortSignal) => api<ImportList>('/imports', { signal }),
  get: (id: string, signal?: AbortSignal) => api<ImportStatus>(path(id), { signal }),
  /** Lead and DND imports share the report. */
  downloadRejects: (id: string, filename: string) =>
    downloadFile(`${path(id)}/rejects.csv`, { accept: 'text/csv', fallbackName: `${filename.replace(/\.[^.]+$/, '')}-rejected-rows.csv` }),
};

/** Still moving: worth asking again in a second. */
export const isRunning = (s: Pick<ImportStatus, 'status'>) => s.status === 'queued' || s.status === 'running';
