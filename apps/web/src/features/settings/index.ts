// Settings: the sections an admin or manager may open, as tabs over each section's page (the
// pages themselves belong to their features). The menu asks it whether to show Settings at all.
export { settingsSections } from './sections';

export const loadSettingsLayout = () => import('./routes/SettingsLayout').then((m) => m.SettingsLayout);
export const loadSettingsIndex = () => import('./routes/SettingsLayout').then((m) => m.SettingsIndex);
