// Reports: the conversion funnel, campaign performance, telecallers, when to call, compliance and
// sources, read from rollups kept as calls and leads change (and refusals as the rules refuse); files in PDF, Excel and CSV. Owns the report_* tables.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { ReportExports } from './reports.exports.js';
import { createReportsHolder } from './reports.holder.js';
import type { ReportMaintenance } from './reports.maintain.js';
import type { RefusalCounter } from './reports.refusals.js';
import type { ReportSchedules } from './reports.schedules.js';

export { createReportExports, type ReportExports } from './reports.exports.js';
export { createReportFiles, FILE_TYPES, type ReportFiles } from './reports.files.js';
export { createIntakeReader, type IntakeReader } from './reports.intake.js';
export { createReportMaintenance, type ReportMaintenance } from './reports.maintain.js';
export { writeReportPdf } from './reports.pdf.js';
export { reportsPolicy } from './reports.policy.js';
export { createReportReader, type ReportReader } from './reports.read.js';
export { createRefusalCounter, type Refusal, type RefusalCounter } from './reports.refusals.js';
export { createRollups, type Rollups } from './reports.rollups.js';
export { reportExportRoutes, reportsRoutes } from './reports.routes.js';
export { createReportSchedules, type ReportSchedules } from './reports.schedules.js';
export { createReportsService, type ReportsService } from './reports.service.js';

/**
 * Calls count as their events arrive, refused dials as theirs do; changed leads are swept; older data is walked in once.
 * Exports are jobs; scheduled reports go out when due; exports older than a week are deleted.
 */
export function register(
  r: Registrar,
  s: { maintenance: ReportMaintenance; exports: ReportExports; schedules: ReportSchedules; refusals: RefusalCounter; leads: Pick<LeadsService, 'holders'> },
) {
  s.leads.holders.add(createReportsHolder());
  const apply = async (events: { callId: string }[]) => {
    await s.maintenance.applyCalls([...new Set(events.map((e) => e.callId))]);
  };
  r.on('call.ended', 'reports.count_ended', apply);
  r.on('call.disposed', 'reports.count_disposed', apply);
  r.on('call.recorded', 'reports.count_recorded', apply);
  r.on('dial.refused', 'reports.count_refusals', (events) => s.refusals.count(events.map((e) => ({ ...e, at: new Date(e.at) }))));
  r.schedule({ name: 'reports.prune_refusals_counted', everyMs: 24 * 3_600_000, run: () => s.refusals.prune() });
  r.schedule({ name: 'reports.sweep_leads', everyMs: 30_000, run: () => s.maintenance.sweepLeads() });
  r.schedule({ name: 'reports.fill', everyMs: 15_000, run: () => s.maintenance.fill() });
  r.job('reports.export', ({ exportId }) => s.exports.run(exportId), { attempts: 2, concurrency: 1 });
  r.schedule({ name: 'reports.send_due', everyMs: 60_000, run: () => s.schedules.sendDue() });
  r.schedule({ name: 'reports.prune_exports', everyMs: 3_600_000, run: () => s.exports.prune() });
}
