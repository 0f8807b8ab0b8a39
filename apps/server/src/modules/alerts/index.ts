// Alerts: what the command center warns managers about, raised and cleared by a per-second look at the floor.
export { AlertErrors } from './alerts.errors.js';
export { alertsRoutes } from './alerts.routes.js';
export { type AlertsService, type AlertThresholds, createAlertsService } from './alerts.service.js';
