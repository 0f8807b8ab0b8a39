// Alerts: what the command center warns managers about, raised and cleared by a per-second look at the floor.
import type { Registrar } from '../../platform/modules.js';
import type { LeadsService } from '../leads/index.js';
import type { AlertsService } from './alerts.service.js';

export { AlertErrors } from './alerts.errors.js';
export { alertsPolicy } from './alerts.policy.js';
export { alertsRoutes } from './alerts.routes.js';
export { type AlertsService, type AlertThresholds, createAlertsService } from './alerts.service.js';

/** Every second, so an alert shows within one; a short lease, so a dead node's turn passes on quickly. Alerts are lead data. */
export function register(r: Registrar, s: { alerts: AlertsService; leads: Pick<LeadsService, 'holders'> }) {
  s.leads.holders.add(s.alerts.dataHolder);
  r.schedule({ name: 'alerts.evaluate', everyMs: 1000, leaseMs: 30_000, run: () => s.alerts.evaluate() });
}
