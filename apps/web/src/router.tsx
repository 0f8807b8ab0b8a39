import type { Abilities } from '@telehub/shared';
import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { FullPageLoading } from './components/FullPageStatus';
import { NotFound } from './components/NotFound';
import { loadAssignmentRulesPage } from './features/assignment';
import { loadAuditLogPage } from './features/audit';
import { RequireAbility, RequireAuth, SignInPage } from './features/auth';
import { loadCallPage } from './features/call-review';
import { loadCallSearchPage } from './features/call-search';
import { loadCampaignEditPage, loadCampaignLivePage, loadCampaignsPage, loadDispositionsPage } from './features/campaigns';
import { loadCoachingPage, loadReviewPage } from './features/coaching';
import { loadCommandCenterPage } from './features/command-center';
import { loadDndRegistryPage } from './features/compliance';
import { loadDuplicatesPage } from './features/duplicates';
import { loadFollowupRulesPage } from './features/followups';
import { loadImportLeadsPage } from './features/imports';
import { loadInboundHoursPage } from './features/inbound';
import { loadArticleEditorPage, loadBattlecardsPage, loadKnowledgeImportPage, loadKnowledgePage } from './features/knowledge';
import { loadLeadFieldsPage } from './features/lead-fields';
import { LeadDetailPage, LeadsListPage } from './features/leads';
import { loadInboxPage, loadMessagingSettingsPage } from './features/messaging';
import { loadPrivacyPage } from './features/privacy';
import { loadScorecardEditPage, loadScorecardsPage } from './features/qa';
import { loadReportsPage } from './features/reports';
import { loadRulesPage, loadSettingsIndex, loadSettingsLayout } from './features/settings';
import { HomeRedirect, loadSetupPage } from './features/setup';
import { AppShell } from './features/shell';
import { loadSourcesPage } from './features/sources';
import { loadMyTeamPage, loadTeamsPage, loadUsersPage } from './features/users';
import { WorkspacePage } from './features/workspace';

/**
 * Admin and manager pages load on first visit, so a telecaller never downloads them; with an
 * ability, the page shows only to those who have it (the server enforces the same rule).
 */
const lazyPage = (load: () => Promise<ComponentType>, ability?: keyof Abilities) => async () => {
  const Page = await load();
  return { Component: ability ? withAbility(ability, Page) : Page };
};

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
      // Each role to its home: telecallers the workspace, managers the command center, admins the setup checklist until the organisation is set up.
      { index: true, element: <HomeRedirect /> },
      { path: 'setup', lazy: lazyPage(loadSetupPage, 'manageUsers') },
      { path: 'workspace', element: <WorkspacePage /> },
      { path: 'leads', element: <LeadsListPage /> },
      { path: 'leads/import', lazy: lazyPage(loadImportLeadsPage, 'importLeads') },
      { path: 'leads/duplicates', lazy: lazyPage(loadDuplicatesPage, 'mergeLeads') },
      { path: 'leads/:id', element: <LeadDetailPage /> },
      // Everyone: the server keeps a telecaller to their own calls and a manager to their team's.
      { path: 'calls', lazy: lazyPage(loadCallSearchPage) },
      // Everyone: the server keeps each to the leads they may see.
      { path: 'inbox', lazy: lazyPage(loadInboxPage) },
      // Whoever may see the call: the server answers 404 otherwise, and the page says so.
      { path: 'calls/:id', lazy: lazyPage(loadCallPage) },
      { path: 'command-center', lazy: lazyPage(loadCommandCenterPage, 'viewCommandCenter') },
      { path: 'campaigns', lazy: lazyPage(loadCampaignsPage, 'manageCampaigns') },
      { path: 'campaigns/new', lazy: lazyPage(loadCampaignEditPage, 'manageCampaigns') },
      { path: 'campaigns/dispositions', lazy: lazyPage(loadDispositionsPage, 'editDispositions') },
      { path: 'campaigns/:id', lazy: lazyPage(loadCampaignLivePage, 'manageCampaigns') },
      { path: 'campaigns/:id/edit', lazy: lazyPage(loadCampaignEditPage, 'manageCampaigns') },
      // Everyone: a telecaller gets their own telecaller report, which the server limits to them.
      { path: 'reports', lazy: lazyPage(loadReportsPage, 'viewReports') },
      { path: 'coaching', lazy: lazyPage(loadCoachingPage) },
      { path: 'coaching/review', lazy: lazyPage(loadReviewPage, 'reviewScores') },
      { path: 'team', lazy: lazyPage(loadMyTeamPage, 'viewTeam') },
      {
        path: 'settings',
        // The layout shows only the sections this user may open, and refuses when there are none.
        lazy: lazyPage(loadSettingsLayout),
        children: [
          { index: true, lazy: lazyPage(loadSettingsIndex) },
          { path: 'users', lazy: lazyPage(loadUsersPage, 'manageUsers') },
          { path: 'teams', lazy: lazyPage(loadTeamsPage, 'manageUsers') },
          { path: 'inbound-hours', lazy: lazyPage(loadInboundHoursPage, 'manageCampaigns') },
          { path: 'assignment', lazy: lazyPage(loadAssignmentRulesPage, 'manageAssignment') },
          { path: 'followups', lazy: lazyPage(loadFollowupRulesPage, 'manageFollowups') },
          { path: 'compliance', element: <Navigate to="dnd" replace /> },
          { path: 'compliance/dnd', lazy: lazyPage(loadDndRegistryPage, 'manageCompliance') },
          { path: 'privacy', lazy: lazyPage(loadPrivacyPage, 'manageCompliance') },
          { path: 'rules', lazy: lazyPage(loadRulesPage, 'manageSettings') },
          { path: 'sources', lazy: lazyPage(loadSourcesPage, 'manageSources') },
          { path: 'lead-fields', lazy: lazyPage(loadLeadFieldsPage, 'manageLeadFields') },
          { path: 'knowledge', lazy: lazyPage(loadKnowledgePage, 'manageKnowledge') },
          { path: 'knowledge/new', lazy: lazyPage(loadArticleEditorPage, 'manageKnowledge') },
          { path: 'knowledge/import', lazy: lazyPage(loadKnowledgeImportPage, 'manageKnowledge') },
          { path: 'knowledge/:id', lazy: lazyPage(loadArticleEditorPage, 'manageKnowledge') },
          { path: 'battlecards', lazy: lazyPage(loadBattlecardsPage, 'manageKnowledge') },
          { path: 'scorecards', lazy: lazyPage(loadScorecardsPage, 'manageScorecards') },
          { path: 'scorecards/:id', lazy: lazyPage(loadScorecardEditPage, 'manageScorecards') },
          { path: 'audit', lazy: lazyPage(loadAuditLogPage, 'viewAudit') },
          { path: 'messaging', lazy: lazyPage(loadMessagingSettingsPage, 'manageMessaging') },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function withAbility(ability: keyof Abilities, Page: ComponentType) {
  return function Guarded() {
    return (
      <RequireAbility ability={ability}>
        <Page />
      </RequireAbility>
    );
  };
}
