// File imports (CSV and XLSX): upload, column mapping, streaming parse into staging, and the
// set-based merge into the lead base. Also reads DND lists for the compliance module.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import { IMPORT_JOB_ATTEMPTS, type ImportsService } from './imports.service.js';

export { FileError, formatOf, type ImportFormat, openSheet } from './imports.parse.js';
export { importsPolicy } from './imports.policy.js';
export { importsRoutes } from './imports.routes.js';
export { createImportsService, type ImportsService } from './imports.service.js';

/** Each import runs as a job: one at a time per node, retried, failed with a message after the last attempt. Rejected rows are lead data. */
export function register(r: Registrar, s: { imports: ImportsService; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.imports.dataHolder);
  r.job('imports.run', ({ importId }, ctx) => s.imports.runJob(importId, ctx.attempt), {
    attempts: IMPORT_JOB_ATTEMPTS,
    backoffMs: 2000,
    concurrency: 1,
  });
}
