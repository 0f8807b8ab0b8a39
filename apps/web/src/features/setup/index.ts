// Setup: the admin's checklist, and where each role lands when it opens the app.
export { HOME_OF, HomeRedirect } from './components/HomeRedirect';
export const loadSetupPage = () => import('./routes/SetupPage').then((m) => m.SetupPage);
