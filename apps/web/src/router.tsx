import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoading } from './components/FullPageStatus';
import { NotFound } from './components/NotFound';
import { RequireAbility, RequireAuth } from './features/auth/components/RequireAuth';
import { SignInPage } from './features/auth/routes/SignInPage';
import { LeadDetailPage } from './features/leads/routes/LeadDetailPage';
import { LeadsListPage } from './features/leads/routes/LeadsListPage';
import { ComingSoonPage } from './features/placeholders/routes/ComingSoonPage';
import { AppShell } from './features/shell/components/AppShell';

/** Admin-only pages load on first visit, so a telecaller never downloads them. */
const lazyPage = (load: () => Promise<{ default: React.ComponentType }>) => async () => ({ Component: (await load()).default });

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  {
    path: '/',
    hydrateFallbackElement: <FullPageLoading />,
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <Navigate to="/leads" replace /> },
      { path: 'workspace', element: <ComingSoonPage section="workspace" /> },
      { path: 'leads', element: <LeadsListPage /> },
      { path: 'leads/:id', element: <LeadDetailPage /> },
      {
        path: 'command-center',
        element: (
          <RequireAbility ability="viewCommandCenter">
            <ComingSoonPage section="commandCenter" />
          </RequireAbility>
        ),
      },
      {
        path: 'reports',
        element: (
          <RequireAbility ability="viewReports">
            <ComingSoonPage section="reports" />
          </RequireAbility>
        ),
      },
      {
        path: 'team',
        lazy: lazyPage(() => import('./features/users/routes/MyTeamPage').then((m) => ({ default: withAbility('viewTeam', m.MyTeamPage) }))),
      },
      {
        path: 'settings',
        lazy: lazyPage(() => import('./features/settings/routes/SettingsLayout').then((m) => ({ default: withAbility('viewSettings', m.SettingsLayout) }))),
        children: [
          { index: true, element: <Navigate to="users" replace /> },
          {
            path: 'users',
            lazy: lazyPage(() => import('./features/users/routes/UsersPage').then((m) => ({ default: withAbility('manageUsers', m.UsersPage) }))),
          },
          {
            path: 'teams',
            lazy: lazyPage(() => import('./features/users/routes/TeamsPage').then((m) => ({ default: withAbility('manageUsers', m.TeamsPage) }))),
          },
          {
            path: 'audit',
            lazy: lazyPage(() => import('./features/audit/routes/AuditLogPage').then((m) => ({ default: withAbility('viewAudit', m.AuditLogPage) }))),
          },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function withAbility(ability: Parameters<typeof RequireAbility>[0]['ability'], Page: React.ComponentType) {
  return function Guarded() {
    return (
      <RequireAbility ability={ability}>
        <Page />
      </RequireAbility>
    );
  };
}
