import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoading } from './components/FullPageStatus';
import { NotFound } from './components/NotFound';
import { RequireAbility, RequireAuth } from './features/auth/components/RequireAuth';
import { SignInPage } from './features/auth/routes/SignInPage';
import { LeadDetailPage } from './features/leads/routes/LeadDetailPage';
import { LeadsListPage } from './features/leads/routes/LeadsListPage';
import { ComingSoonPage } from './features/placeholders/routes/ComingSoonPage';
import { AppShell } from './features/shell/components/AppShell';
import { WorkspacePage } from './features/workspace/routes/WorkspacePage';

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
      { path: 'workspace', element: <WorkspacePage /> },
      { path: 'leads', element: <LeadsListPage /> },
      {
        path: 'leads/import',
        lazy: lazyPage(() => import('./features/imports/routes/ImportLeadsPage').then((m) => ({ default: withAbility('importLeads', m.ImportLeadsPage) }))),
      },
      {
        path: 'leads/duplicates',
        lazy: lazyPage(() => import('./features/duplicates/routes/DuplicatesPage').then((m) => ({ default: withAbility('mergeLeads', m.DuplicatesPage) }))),
      },
      { path: 'leads/:id', element: <LeadDetailPage /> },
      {
        path: 'command-center',
        lazy: lazyPage(() =>
          import('./features/command-center/routes/CommandCenterPage').then((m) => ({ default: withAbility('viewCommandCenter', m.default) })),
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
        // The layout shows only the sections this user may open, and refuses when there are none.
        lazy: lazyPage(() => import('./features/settings/routes/SettingsLayout').then((m) => ({ default: m.SettingsLayout }))),
        children: [
          { index: true, lazy: lazyPage(() => import('./features/settings/routes/SettingsLayout').then((m) => ({ default: m.SettingsIndex }))) },
          {
            path: 'users',
            lazy: lazyPage(() => import('./features/users/routes/UsersPage').then((m) => ({ default: withAbility('manageUsers', m.UsersPage) }))),
          },
          {
            path: 'teams',
            lazy: lazyPage(() => import('./features/users/routes/TeamsPage').then((m) => ({ default: withAbility('manageUsers', m.TeamsPage) }))),
          },
          {
            path: 'assignment',
            lazy: lazyPage(() =>
              import('./features/assignment/routes/AssignmentRulesPage').then((m) => ({ default: withAbility('manageAssignment', m.AssignmentRulesPage) })),
            ),
          },
          { path: 'compliance', element: <Navigate to="dnd" replace /> },
          {
            path: 'compliance/dnd',
            lazy: lazyPage(() =>
              import('./features/compliance/routes/DndRegistryPage').then((m) => ({ default: withAbility('manageCompliance', m.DndRegistryPage) })),
            ),
          },
          {
            path: 'sources',
            lazy: lazyPage(() => import('./features/sources/routes/SourcesPage').then((m) => ({ default: withAbility('manageSources', m.SourcesPage) }))),
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
