// Privacy: the data principal's rights under the DPDP Act (requests for access, correction,
// erasure, grievance and nomination, with due dates), legal holds, erasure tombstones, retention
// policies and their runs, and the processing log. Owns privacy_requests, privacy_request_actions,
// legal_holds, erasure_tombstones, retention_policies, retention_runs and processing_log.
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { Registrar } from '../../platform/modules.js';
import type { AuditService } from '../audit/index.js';
import type { CallsRetention } from '../calls/index.js';
import type { LeadsService } from '../leads/index.js';
import { createPrivacyHolder } from './privacy.holder.js';
import { createHolds } from './privacy.holds.js';
import type { ProcessingLog } from './privacy.processing.js';
import { createPrivacyRequests, type RequestType } from './privacy.requests.js';
import { createRetention } from './privacy.retention.js';
import { createTombstones } from './privacy.tombstones.js';

export { PrivacyErrors } from './privacy.errors.js';
export { privacyPolicy } from './privacy.policy.js';
export { createProcessingLog, PROCESSING_LOG_MIN_DAYS, type ProcessingLog } from './privacy.processing.js';
export { REQUEST_TYPES, type RequestType } from './privacy.requests.js';
export { RETENTION_KINDS } from './privacy.retention.js';
export { privacyRoutes } from './privacy.routes.js';
export { ERASED_BEFORE_TAG } from './privacy.tombstones.js';

export type PrivacyDeps = {
  db: Db;
  clock: Clock;
  logger: Pick<Logger, 'warn'>;
  audit: Pick<AuditService, 'record'>;
  leads: LeadsService;
  calls: CallsRetention;
  /** Removes messages older than a cut-off (the messaging module), for retention. */
  messages: (before: Date, exceptLeadIds: string[]) => Promise<number>;
  processing: ProcessingLog;
  dueDays: (type: RequestType) => number;
};

/** The module's services, assembled. */
export function createPrivacy(deps: PrivacyDeps) {
  const { db, clock, audit, leads, processing } = deps;
  const holds = createHolds({ db, clock, audit, leads, processing });
  const tombstones = createTombstones({ db, clock, leads, processing });
  const requests = createPrivacyRequests({ db, clock, audit, leads, holds, tombstones, processing, dueDays: deps.dueDays });
  const retention = createRetention({ db, clock, logger: deps.logger, audit, calls: deps.calls, messages: deps.messages, holds, processing });
  return { requests, holds, tombstones, retention, processing, dataHolder: createPrivacyHolder({ requests, holds, processing }) };
}

export type Privacy = ReturnType<typeof createPrivacy>;

/**
 * Requests, holds and the log are lead data; a re-imported number of an erased person is flagged
 * on arrival; retention runs every six hours (each run a report, the processing log pruned to no
 * less than a year).
 */
export function register(r: Registrar, s: { privacy: Privacy; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.privacy.dataHolder);
  r.on('leads.arrived', 'privacy.flag_erased_before', async (events) => {
    await s.privacy.tombstones.flagArrivals([...new Set(events.flatMap((e) => e.leadIds))]);
  });
  r.schedule({ name: 'privacy.retention', everyMs: 6 * 3_600_000, run: async () => void (await s.privacy.retention.run('schedule')) });
}
