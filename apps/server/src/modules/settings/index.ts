// Settings: the values an admin changes in the product (connectors, SLA, compliance rules, alert
// thresholds) over the environment's, in force on every node without a restart; owns setting_overrides.
export { settingsPolicy } from './settings.policy.js';
export { settingsRoutes } from './settings.routes.js';
export { createSettingsService, type SettingsListener, type SettingsService } from './settings.service.js';
