// Reports: the conversion funnel, campaign performance, telecallers and when to call, read from
// rollups kept as calls and leads change; files in PDF, Excel and CSV. Owns the report_* tables.
import type { Registrar } from '../../platform/modules.js';
import type { ReportMaintenance } from './reports.maintain.js';

export { createReportFiles, FILE_TYPES, type ReportFiles } from './reports.files.js';
export { createReportMaintenance, type ReportMaintenance } from './reports.maintain.js';
export { reportsPolicy } from './reports.policy.js';
export { createReportReader, type ReportReader } from './reports.read.js';
export { createRollups, type Rollups } from './reports.rollups.js';
export { reportsRoutes } from './reports.routes.js';
export { createReportsService, type ReportsService } from './reports.service.js';

/** Calls count as their events arrive; changed leads are swept; older data is walked in once. */
export function register(r: Registrar, s: { maintenance: ReportMaintenance }) {
  const apply = async (events: { callId: string }[]) => {
    await s.maintenance.applyCalls([...new Set(events.map((e) => e.callId))]);
  };
  r.on('call.ended', 'reports.count_ended', apply);
  r.on('call.disposed', 'reports.count_disposed', apply);
  r.on('call.recorded', 'reports.count_recorded', apply);
  r.schedule({ name: 'reports.sweep_leads', everyMs: 30_000, run: () => s.maintenance.sweepLeads() });
  r.schedule({ name: 'reports.fill', everyMs: 15_000, run: () => s.maintenance.fill() });
}
