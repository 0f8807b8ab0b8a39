// Settings: the sections an admin or manager may open, as tabs over each section's page (the
// pages themselves belong to their features). The menu asks it whether to show Settings at all.
// It also owns the settings held in the product over the server's environment (the Rules page,
// and the fields other features use for connections and alert thresholds).

export { SettingsActions, SettingsFields, SettingsStatus } from './components/SettingsForm';
export { ALERT_FIELDS, AMQP_FIELDS, LARAVEL_FIELDS, MYSQL_FIELDS } from './components/settingFields';
export { useOrgSettings, useTestConnection } from './hooks/useOrgSettings';
export { type SettingsForm, useSettingsForm } from './hooks/useSettingsForm';
export { settingsSections } from './sections';

export const loadSettingsLayout = () => import('./routes/SettingsLayout').then((m) => m.SettingsLayout);
export const loadSettingsIndex = () => import('./routes/SettingsLayout').then((m) => m.SettingsIndex);
export const loadRulesPage = () => import('./routes/RulesPage').then((m) => m.RulesPage);
