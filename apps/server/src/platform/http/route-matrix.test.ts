/**
 * Every /api route, called by nobody and by every role, answers what it should. A new route
 * that is missing from this table fails the first test, so the matrix cannot fall behind.
 */
import { AssignmentRuleBody, type Role } from '@telehub/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alerts } from '../../modules/alerts/alerts.tables.js';
import { calls } from '../../modules/calls/calls.tables.js';
import { DEFAULT_DISPOSITIONS } from '../../modules/calls/index.js';
import { coachingItems } from '../../modules/coaching/coaching.tables.js';
import { createTestApp, type Person, type TestApp } from '../../test/harness.js';
import { SYSTEM_ACTOR } from '../context.js';

let t: TestApp;
let seq = 0;
const MISSING = '00000000-0000-4000-8000-000000000000';
const phone = () => `+9198${String(10_000_000 + ++seq * 7919).slice(-8)}`;

type Ctx = { otherLead: string; ownLead: string; otherUser: string; otherTeam: string; campaign: string; freshLead(): Promise<string> };
type Row = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  route: string;
  url: (c: Ctx) => string;
  body?: (c: Ctx) => unknown | Promise<unknown>;
  cookie?: boolean;
  /** Called with a session of its own, signed in for the call: the call ends the session it is made with. */
  ownSession?: boolean;
  expect: { anon: number } & Record<Role, number>;
};

/** A valid scorecard (the default one) for the QA routes. */
const SCORECARD = {
  name: 'Matrix card',
  sections: [{ title: 'Opening', questions: [{ key: 'greet', text: 'Greets the lead', check: { kind: 'checkpoint', checkpoint: 'greeting' } }] }],
};

const ROWS: Row[] = [
  {
    method: 'POST',
    route: '/api/v1/auth/login',
    url: () => '/api/v1/auth/login',
    body: () => ({ email: 'x@test.example', password: 'wrong-password' }),
    expect: { anon: 401, admin: 401, manager: 401, telecaller: 401 },
  },
  { method: 'POST', route: '/api/v1/auth/refresh', url: () => '/api/v1/auth/refresh', expect: { anon: 401, admin: 401, manager: 401, telecaller: 401 } },
  {
    method: 'POST',
    route: '/api/v1/auth/logout',
    url: () => '/api/v1/auth/logout',
    ownSession: true,
    expect: { anon: 204, admin: 204, manager: 204, telecaller: 204 },
  },
  { method: 'GET', route: '/api/v1/auth/me', url: () => '/api/v1/auth/me', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/auth/options', url: () => '/api/v1/auth/options', expect: { anon: 200, admin: 200, manager: 200, telecaller: 200 } },
  // Browser redirects: without single sign-on set up (this app), back to the sign-in page with the reason.
  {
    method: 'GET',
    route: '/api/v1/auth/oidc/start',
    url: () => '/api/v1/auth/oidc/start',
    expect: { anon: 302, admin: 302, manager: 302, telecaller: 302 },
  },
  {
    method: 'GET',
    route: '/api/v1/auth/oidc/callback',
    url: () => '/api/v1/auth/oidc/callback?code=x&state=y',
    expect: { anon: 302, admin: 302, manager: 302, telecaller: 302 },
  },
  { method: 'GET', route: '/api/v1/users', url: () => '/api/v1/users', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/users',
    url: () => '/api/v1/users',
    body: () => ({ email: `u${++seq}@test.example`, name: 'New', role: 'telecaller', password: 'a-long-password' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  // The other team's telecaller: outside the manager's teams, so hidden from them.
  { method: 'GET', route: '/api/v1/users/:id', url: (c) => `/api/v1/users/${c.otherUser}`, expect: { anon: 401, admin: 200, manager: 404, telecaller: 403 } },
  {
    method: 'PATCH',
    route: '/api/v1/users/:id',
    url: (c) => `/api/v1/users/${c.otherUser}`,
    body: () => ({ name: `Renamed ${++seq}` }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/users/bulk',
    url: () => '/api/v1/users/bulk',
    body: () => ({ csv: `name,email\nBulk,bulk${++seq}@test.example`, dryRun: true }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/users/:id/holdings',
    url: (c) => `/api/v1/users/${c.otherUser}/holdings`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 403 },
  },
  // A missing user: the other rows need the cast active.
  {
    method: 'POST',
    route: '/api/v1/users/:id/deactivate',
    url: () => `/api/v1/users/${MISSING}/deactivate`,
    body: () => ({ handOverTo: null }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/reactivate',
    url: () => `/api/v1/users/${MISSING}/reactivate`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/teams', url: () => '/api/v1/teams', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/teams',
    url: () => '/api/v1/teams',
    body: () => ({ name: `Team ${++seq}` }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/teams/:id',
    url: (c) => `/api/v1/teams/${c.otherTeam}`,
    body: () => ({ name: `Beta ${++seq}` }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/leads', url: () => '/api/v1/leads', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/leads/export', url: () => '/api/v1/leads/export', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/leads',
    url: () => '/api/v1/leads',
    body: () => ({ name: 'Matrix Lead', phone: phone() }),
    expect: { anon: 401, admin: 201, manager: 201, telecaller: 201 },
  },
  { method: 'GET', route: '/api/v1/leads/:id', url: (c) => `/api/v1/leads/${c.otherLead}`, expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 } },
  {
    method: 'PATCH',
    route: '/api/v1/leads/:id',
    url: (c) => `/api/v1/leads/${c.otherLead}`,
    body: () => ({ city: 'Pune' }),
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  { method: 'DELETE', route: '/api/v1/leads/:id', url: () => 'fresh', expect: { anon: 401, admin: 204, manager: 404, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/activities',
    url: (c) => `/api/v1/leads/${c.otherLead}/activities`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/notes',
    url: (c) => `/api/v1/leads/${c.otherLead}/notes`,
    body: () => ({ body: 'note' }),
    expect: { anon: 401, admin: 201, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/campaigns', url: () => '/api/v1/campaigns', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'POST',
    route: '/api/v1/campaigns',
    url: () => '/api/v1/campaigns',
    body: () => ({ name: `Campaign ${++seq}` }),
    expect: { anon: 401, admin: 201, manager: 201, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/campaigns/:id/leads',
    url: (c) => `/api/v1/campaigns/${c.campaign}/leads`,
    body: (c) => ({ leadIds: [c.ownLead] }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/campaigns/:id',
    url: (c) => `/api/v1/campaigns/${c.campaign}`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/campaigns/:id',
    url: (c) => `/api/v1/campaigns/${c.campaign}`,
    body: () => ({ description: 'Edited' }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  ...(['start', 'pause', 'stop', 'archive'] as const).map(
    (to): Row => ({
      method: 'POST',
      route: `/api/v1/campaigns/:id/${to}`,
      url: () => `/api/v1/campaigns/${MISSING}/${to}`,
      expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
    }),
  ),
  {
    method: 'GET',
    route: '/api/v1/campaigns/:id/stats',
    url: (c) => `/api/v1/campaigns/${c.campaign}/stats`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  // Preview mode is for agents in the campaign: nobody here has joined it.
  {
    method: 'GET',
    route: '/api/v1/campaigns/:id/next',
    url: (c) => `/api/v1/campaigns/${c.campaign}/next`,
    expect: { anon: 401, admin: 403, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/campaigns/:id/skip',
    url: (c) => `/api/v1/campaigns/${c.campaign}/skip`,
    body: (c) => ({ leadId: c.ownLead }),
    expect: { anon: 401, admin: 403, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/campaigns/:id/dial',
    url: (c) => `/api/v1/campaigns/${c.campaign}/dial`,
    body: (c) => ({ leadId: c.ownLead }),
    expect: { anon: 401, admin: 403, manager: 403, telecaller: 403 },
  },
  // The other team's telecaller is offline: an admin is told so; their team's manager does not see them.
  {
    method: 'PUT',
    route: '/api/v1/agents/:id/campaign',
    url: (c) => `/api/v1/agents/${c.otherUser}/campaign`,
    body: async (c) => {
      await t.app.services.agents.presence.set(c.otherUser, 'offline');
      return { campaignId: null };
    },
    expect: { anon: 401, admin: 409, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/audit', url: () => '/api/v1/audit', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/setup', url: () => '/api/v1/setup', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/settings', url: () => '/api/v1/settings', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'PATCH',
    route: '/api/v1/settings',
    url: () => '/api/v1/settings',
    body: () => ({ values: { TELEHUB_ALERT_BREAK: '15m' } }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/:source/connection-test',
    url: () => '/api/v1/sources/amqp/connection-test',
    body: () => ({ values: {} }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/audit/export', url: () => '/api/v1/audit/export', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/leads/duplicates', url: () => '/api/v1/leads/duplicates', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/leads/duplicates/dismiss',
    url: () => '/api/v1/leads/duplicates/dismiss',
    body: (c) => ({ leadIds: [c.ownLead, c.otherLead] }),
    expect: { anon: 401, admin: 204, manager: 404, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/duplicates',
    url: (c) => `/api/v1/leads/${c.ownLead}/duplicates`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/merge-preview',
    url: (c) => `/api/v1/leads/${c.ownLead}/merge-preview?otherId=${c.otherLead}`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/merge',
    url: (c) => `/api/v1/leads/${c.ownLead}/merge`,
    body: () => ({ otherId: MISSING }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/merges',
    url: (c) => `/api/v1/leads/${c.ownLead}/merges`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/merges/:mergeId/undo',
    url: () => `/api/v1/leads/merges/${MISSING}/undo`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/assignment/rules', url: () => '/api/v1/assignment/rules', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/assignment/rules',
    url: () => '/api/v1/assignment/rules',
    body: (c) => ({ name: `Rule ${++seq}`, teamId: c.otherTeam }),
    // The other team: not one this manager leads.
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/assignment/rules/:id',
    url: () => `/api/v1/assignment/rules/${MISSING}`,
    body: () => ({ active: false }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/assignment/rules/:id',
    url: () => `/api/v1/assignment/rules/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/assignment/run',
    url: () => '/api/v1/assignment/run',
    body: () => ({}),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/assign',
    url: () => '/api/v1/leads/assign',
    body: (c) => ({ leadIds: [c.otherLead], ownerId: c.otherUser }),
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/compliance/dnd/imports',
    url: () => '/api/v1/compliance/dnd/imports',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/imports',
    url: () => '/api/v1/compliance/dnd/imports',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/imports/:id',
    url: () => `/api/v1/compliance/dnd/imports/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/compliance/dnd', url: () => '/api/v1/compliance/dnd', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/compliance/notices',
    url: () => '/api/v1/compliance/notices',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'POST',
    route: '/api/v1/compliance/notices',
    url: () => '/api/v1/compliance/notices',
    body: () => ({ purpose: 'email', textEn: 'We email you about admissions.', textHi: 'हम आपको प्रवेश के बारे में ईमेल करते हैं।' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/requests',
    url: () => '/api/v1/privacy/requests',
    body: (c) => ({ type: 'grievance', leadId: c.otherLead }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/privacy/requests', url: () => '/api/v1/privacy/requests', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/privacy/requests/:id',
    url: () => `/api/v1/privacy/requests/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/requests/:id/start',
    url: () => `/api/v1/privacy/requests/${MISSING}/start`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/requests/:id/complete',
    url: () => `/api/v1/privacy/requests/${MISSING}/complete`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/requests/:id/reject',
    url: () => `/api/v1/privacy/requests/${MISSING}/reject`,
    body: () => ({ reason: 'Not the person' }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/privacy/requests/:id/export',
    url: () => `/api/v1/privacy/requests/${MISSING}/export`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/privacy/holds', url: () => '/api/v1/privacy/holds', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/privacy/holds',
    url: () => '/api/v1/privacy/holds',
    body: async (c) => ({ leadId: await c.freshLead(), reason: 'Matrix hold' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/holds/:id/lift',
    url: () => `/api/v1/privacy/holds/${MISSING}/lift`,
    body: () => ({ reason: 'Settled' }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/privacy/retention',
    url: () => '/api/v1/privacy/retention',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/privacy/retention/:kind',
    url: () => '/api/v1/privacy/retention/recordings',
    body: () => ({ days: null }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/privacy/retention/run',
    url: () => '/api/v1/privacy/retention/run',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/privacy/processing-log',
    url: () => '/api/v1/privacy/processing-log',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/compliance/dnd/check',
    url: () => '/api/v1/compliance/dnd/check?phone=9876543210',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  // Imports: uploads are checked in imports.test.ts; here a JSON body answers 415 (multipart needed) past the role check.
  {
    method: 'POST',
    route: '/api/v1/imports',
    url: () => '/api/v1/imports',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 415, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/imports/preview',
    url: () => '/api/v1/imports/preview',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 415, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/imports/:id/start',
    url: () => `/api/v1/imports/${MISSING}/start`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/imports', url: () => '/api/v1/imports', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/imports/:id', url: () => `/api/v1/imports/${MISSING}`, expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/imports/:id/rejects.csv',
    url: () => `/api/v1/imports/${MISSING}/rejects.csv`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  // Sources: admin only. No connector is configured here, so running one answers 409 SOURCE_NOT_CONFIGURED.
  { method: 'GET', route: '/api/v1/sources', url: () => '/api/v1/sources', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/sources/:source/runs',
    url: () => '/api/v1/sources/laravel/runs',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/laravel/sync',
    url: () => '/api/v1/sources/laravel/sync',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/sources/laravel/users',
    url: () => '/api/v1/sources/laravel/users',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/laravel/users/refresh',
    url: () => '/api/v1/sources/laravel/users/refresh',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/sources/laravel/users/:externalId',
    url: () => '/api/v1/sources/laravel/users/4242',
    body: () => ({ userId: null }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/sources/mysql/config',
    url: () => '/api/v1/sources/mysql/config',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/sources/mysql/config',
    url: () => '/api/v1/sources/mysql/config',
    body: () => ({ table: 'enquiries', idColumn: 'id', updatedAtColumn: 'updated_at', mapping: { name: 'full_name', phone: 'mobile_no' } }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/mysql/test',
    url: () => '/api/v1/sources/mysql/test',
    body: () => ({}),
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/sources/mysql/sync',
    url: () => '/api/v1/sources/mysql/sync',
    expect: { anon: 401, admin: 409, manager: 403, telecaller: 403 },
  },
  // Calls: a missing lead or call answers 404 to everyone past the role check.
  {
    method: 'POST',
    route: '/api/v1/calls',
    url: () => '/api/v1/calls',
    body: () => ({ leadId: MISSING }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/calls', url: () => '/api/v1/calls', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/calls/:id', url: () => `/api/v1/calls/${MISSING}`, expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 } },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/hangup',
    url: () => `/api/v1/calls/${MISSING}/hangup`,
    body: () => ({}),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/disposition',
    url: () => `/api/v1/calls/${MISSING}/disposition`,
    body: () => ({ disposition: 'interested' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/transcript',
    url: () => `/api/v1/calls/${MISSING}/transcript`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  // A call's analysis follows the call.
  {
    method: 'GET',
    route: '/api/v1/calls/:id/analysis',
    url: () => `/api/v1/calls/${MISSING}/analysis`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/calls/search', url: () => '/api/v1/calls/search?q=fees', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  // QA: scorecards are the admins' to write and staff's to read; a call's score follows the call; reviews and disputes' settling are staff's.
  { method: 'GET', route: '/api/v1/qa/scorecards', url: () => '/api/v1/qa/scorecards', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/qa/scorecards/:id',
    url: () => `/api/v1/qa/scorecards/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/qa/scorecards',
    url: () => '/api/v1/qa/scorecards',
    body: () => SCORECARD,
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/qa/scorecards/:id',
    url: () => `/api/v1/qa/scorecards/${MISSING}`,
    body: () => SCORECARD,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/score',
    url: () => `/api/v1/calls/${MISSING}/score`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/review',
    url: () => `/api/v1/calls/${MISSING}/score/review`,
    body: () => ({ answers: [] }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/disputes',
    url: () => `/api/v1/calls/${MISSING}/score/disputes`,
    body: () => ({ reason: 'the recording notice was given at the start' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/disputes/:disputeId/resolve',
    url: () => `/api/v1/calls/${MISSING}/score/disputes/${MISSING}/resolve`,
    body: () => ({ outcome: 'rejected', resolution: 'the notice came after a minute' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/qa/queue', url: () => '/api/v1/qa/queue', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/qa/calibration', url: () => '/api/v1/qa/calibration', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  // Coaching: everyone reads their own; staff assign, dismiss and ask for suggestions.
  { method: 'GET', route: '/api/v1/coaching/skills', url: () => '/api/v1/coaching/skills', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'GET',
    route: '/api/v1/coaching/skills/:agentId/history',
    url: () => `/api/v1/coaching/skills/${MISSING}/history?skill=qa_score`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/coaching/items', url: () => '/api/v1/coaching/items', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'GET',
    route: '/api/v1/reports/funnel',
    url: () => '/api/v1/reports/funnel?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/campaigns',
    url: () => '/api/v1/reports/campaigns?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/telecallers',
    url: () => '/api/v1/reports/telecallers?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/hours',
    url: () => '/api/v1/reports/hours?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/compliance',
    url: () => '/api/v1/reports/compliance?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/sources',
    url: () => '/api/v1/reports/sources?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/compliance/consents',
    url: () => '/api/v1/reports/compliance/consents?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/funnel/leads',
    url: () => '/api/v1/reports/funnel/leads?from=2026-03-02&to=2026-03-08&stage=created',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/calls',
    url: () => '/api/v1/reports/calls?from=2026-03-02&to=2026-03-08',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'POST',
    route: '/api/v1/reports/exports',
    url: () => '/api/v1/reports/exports',
    body: () => ({ kind: 'telecallers', format: 'csv', query: { from: '2026-03-02', to: '2026-03-08' } }),
    expect: { anon: 401, admin: 202, manager: 202, telecaller: 202 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/exports/:id',
    url: () => `/api/v1/reports/exports/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/exports/:id/file',
    url: () => `/api/v1/reports/exports/${MISSING}/file`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/reports/subscriptions',
    url: () => '/api/v1/reports/subscriptions',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/reports/subscriptions',
    url: () => '/api/v1/reports/subscriptions',
    body: () => ({ kind: 'campaigns', frequency: 'daily' }),
    // No SMTP_URL here: a manager is told email is not set up.
    expect: { anon: 401, admin: 503, manager: 503, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/reports/subscriptions/:id',
    url: () => `/api/v1/reports/subscriptions/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/coaching/items',
    url: () => '/api/v1/coaching/items',
    body: () => ({ agentId: MISSING, skill: 'talk_balance' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/coaching/items/:id',
    url: () => `/api/v1/coaching/items/${MISSING}`,
    body: () => ({ status: 'dismissed' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/coaching/suggest',
    url: () => '/api/v1/coaching/suggest',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  // Live assist: analyze is for everyone signed in; a call's cards and suggestions follow the call.
  {
    method: 'POST',
    route: '/api/v1/assist/analyze',
    url: () => '/api/v1/assist/analyze',
    body: () => ({ text: 'the fee is too expensive' }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/assist',
    url: () => `/api/v1/calls/${MISSING}/assist`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/assist/suggest',
    url: () => `/api/v1/calls/${MISSING}/assist/suggest`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/recording',
    url: () => `/api/v1/calls/${MISSING}/recording`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/supervise',
    url: () => `/api/v1/calls/${MISSING}/supervise`,
    body: () => ({ mode: 'listen' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  // In-call controls and the redial: the agent on the call only; a missing call answers 404 to everyone.
  {
    method: 'GET',
    route: '/api/v1/calls/:id/controls',
    url: () => `/api/v1/calls/${MISSING}/controls`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/controls',
    url: () => `/api/v1/calls/${MISSING}/controls`,
    body: () => ({ action: 'mute' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/transfer-targets',
    url: () => `/api/v1/calls/${MISSING}/transfer-targets`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/redial',
    url: () => `/api/v1/calls/${MISSING}/redial`,
    body: () => ({ phone: '+919800000001' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/consents',
    url: (c) => `/api/v1/leads/${c.otherLead}/consents`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/consents',
    url: (c) => `/api/v1/leads/${c.otherLead}/consents`,
    body: () => ({ purpose: 'calls', granted: true, channel: 'call' }),
    expect: { anon: 401, admin: 201, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/telephony', url: () => '/api/v1/telephony', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/dispositions', url: () => '/api/v1/dispositions', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/dispositions',
    url: () => '/api/v1/dispositions',
    body: () => ({ items: DEFAULT_DISPOSITIONS }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/campaigns/:id/dispositions',
    url: (c) => `/api/v1/campaigns/${c.campaign}/dispositions`,
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/campaigns/:id/dispositions',
    url: (c) => `/api/v1/campaigns/${c.campaign}/dispositions`,
    body: () => ({ items: DEFAULT_DISPOSITIONS }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/campaigns/:id/dispositions',
    url: (c) => `/api/v1/campaigns/${c.campaign}/dispositions`,
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/draft-note',
    url: () => `/api/v1/calls/${MISSING}/draft-note`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'PUT',
    route: '/api/v1/calls/:id/draft-note',
    url: () => `/api/v1/calls/${MISSING}/draft-note`,
    body: () => ({ text: 'note' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/workspace/skips',
    url: () => '/api/v1/workspace/skips',
    body: () => ({ leadId: MISSING, reason: 'other' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/workspace/skip-rules',
    url: () => '/api/v1/workspace/skip-rules',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'PUT',
    route: '/api/v1/workspace/skip-rules',
    url: () => '/api/v1/workspace/skip-rules',
    body: () => ({ resetAt: '00:00' }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/workspace/next', url: () => '/api/v1/workspace/next', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/workspace/today', url: () => '/api/v1/workspace/today', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/callbacks', url: () => '/api/v1/callbacks', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PATCH',
    route: '/api/v1/callbacks/:id',
    url: () => `/api/v1/callbacks/${MISSING}`,
    body: () => ({ status: 'done' }),
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/presence/me', url: () => '/api/v1/presence/me', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'PUT',
    route: '/api/v1/presence/me',
    url: () => '/api/v1/presence/me',
    body: () => ({ state: 'available' }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/presence/:id/history',
    url: (c) => `/api/v1/presence/${c.otherUser}/history?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  // Lead field definitions: everyone reads them (the lead pages need the labels), admins change them.
  { method: 'GET', route: '/api/v1/lead-fields', url: () => '/api/v1/lead-fields', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'GET',
    route: '/api/v1/lead-fields/unknown-keys',
    url: () => '/api/v1/lead-fields/unknown-keys',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/lead-fields',
    url: () => '/api/v1/lead-fields',
    body: () => ({ key: `matrix_${++seq}`, labelEn: 'Matrix field', type: 'text' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/lead-fields/:id',
    url: () => `/api/v1/lead-fields/${MISSING}`,
    body: () => ({ labelEn: 'Renamed' }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/lead-fields/:id',
    url: () => `/api/v1/lead-fields/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  // Knowledge base and battlecards: everyone reads and searches, admins write (uploads are checked in knowledge.test.ts).
  {
    method: 'GET',
    route: '/api/v1/knowledge/search',
    url: () => '/api/v1/knowledge/search?q=fees',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/knowledge/articles',
    url: () => '/api/v1/knowledge/articles',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'GET',
    route: '/api/v1/knowledge/articles/:id',
    url: () => `/api/v1/knowledge/articles/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/knowledge/articles',
    url: () => '/api/v1/knowledge/articles',
    body: () => ({ title: `Article ${++seq}`, body: 'Fees and timings.', language: 'en' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/knowledge/articles/:id',
    url: () => `/api/v1/knowledge/articles/${MISSING}`,
    body: () => ({ title: 'Renamed' }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/knowledge/articles/:id',
    url: () => `/api/v1/knowledge/articles/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/knowledge/import',
    url: () => '/api/v1/knowledge/import',
    body: () => ({}),
    expect: { anon: 401, admin: 415, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/battlecards', url: () => '/api/v1/battlecards', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'GET',
    route: '/api/v1/battlecards/:id',
    url: () => `/api/v1/battlecards/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'PUT',
    route: '/api/v1/battlecards',
    url: () => '/api/v1/battlecards',
    body: () => ({ campaignId: null, objection: 'trust', title: { en: 'Is this genuine?' }, body: { en: 'We are registered.' } }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/battlecards/:id',
    url: () => `/api/v1/battlecards/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/alerts', url: () => '/api/v1/alerts', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/alerts/:id/acknowledge',
    url: () => `/api/v1/alerts/${MISSING}/acknowledge`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  // Inbound: agents answer what rings for them; staff watch the queue, set their teams' hours and ring the simulator's line.
  {
    method: 'POST',
    route: '/api/v1/calls/:id/accept',
    url: () => `/api/v1/calls/${MISSING}/accept`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/reject',
    url: () => `/api/v1/calls/${MISSING}/reject`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/inbound/offer', url: () => '/api/v1/inbound/offer', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  { method: 'GET', route: '/api/v1/inbound/queue', url: () => '/api/v1/inbound/queue', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/inbound/stats', url: () => '/api/v1/inbound/stats', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  { method: 'GET', route: '/api/v1/inbound/hours', url: () => '/api/v1/inbound/hours', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'PUT',
    route: '/api/v1/teams/:id/inbound-hours',
    url: (c) => `/api/v1/teams/${c.otherTeam}/inbound-hours`,
    body: () => ({ hours: null }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/callbacks/team', url: () => '/api/v1/callbacks/team', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'POST',
    route: '/api/v1/callbacks/:id/claim',
    url: () => `/api/v1/callbacks/${MISSING}/claim`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/inbound/simulate',
    url: () => '/api/v1/inbound/simulate',
    body: () => ({ from: phone() }),
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 },
  },
  // The Exotel stream applet URL is a credential for every call's audio: admins only.
  {
    method: 'GET',
    route: '/api/v1/speech/exotel-stream',
    url: () => '/api/v1/speech/exotel-stream',
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
  // Follow-ups: admins write the rules and see every run; staff read the rules; a lead's runs follow the lead.
  { method: 'GET', route: '/api/v1/followups/rules', url: () => '/api/v1/followups/rules', expect: { anon: 401, admin: 200, manager: 200, telecaller: 403 } },
  {
    method: 'POST',
    route: '/api/v1/followups/rules',
    url: () => '/api/v1/followups/rules',
    body: () => ({
      name: `Matrix follow-up ${++seq}`,
      triggerKind: 'disposition',
      triggerValues: ['interested'],
      steps: [{ channel: 'whatsapp', template: 'brochure', timing: { kind: 'now' } }],
    }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'GET',
    route: '/api/v1/followups/rules/:id',
    url: () => `/api/v1/followups/rules/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 403 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/followups/rules/:id',
    url: () => `/api/v1/followups/rules/${MISSING}`,
    body: () => ({ active: false }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/followups/rules/:id',
    url: () => `/api/v1/followups/rules/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  { method: 'GET', route: '/api/v1/followups/runs', url: () => '/api/v1/followups/runs', expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 } },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/followups',
    url: (c) => `/api/v1/leads/${c.otherLead}/followups`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/followups/runs/:id/cancel',
    url: () => `/api/v1/followups/runs/${MISSING}/cancel`,
    expect: { anon: 401, admin: 404, manager: 404, telecaller: 404 },
  },
  // Messaging: the test app has neither WhatsApp nor SMTP configured (sending answers 503).
  {
    method: 'POST',
    route: '/api/v1/leads/:id/messages',
    url: (c) => `/api/v1/leads/${c.otherLead}/messages`,
    body: () => ({ channel: 'whatsapp', template: 'brochure', variables: ['A'] }),
    expect: { anon: 401, admin: 503, manager: 404, telecaller: 404 },
  },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/messages',
    url: (c) => `/api/v1/leads/${c.otherLead}/messages`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/messages/seen',
    url: (c) => `/api/v1/leads/${c.otherLead}/messages/seen`,
    expect: { anon: 401, admin: 200, manager: 404, telecaller: 404 },
  },
  { method: 'GET', route: '/api/v1/messaging/inbox', url: () => '/api/v1/messaging/inbox', expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 } },
  {
    method: 'GET',
    route: '/api/v1/messaging/templates',
    url: () => '/api/v1/messaging/templates',
    expect: { anon: 401, admin: 200, manager: 200, telecaller: 200 },
  },
  {
    method: 'POST',
    route: '/api/v1/messaging/whatsapp/templates/sync',
    url: () => '/api/v1/messaging/whatsapp/templates/sync',
    expect: { anon: 401, admin: 503, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/messaging/email/templates',
    url: () => '/api/v1/messaging/email/templates',
    body: () => ({ name: 'matrix_template', language: 'en', subject: 'Hello {{name}}', body: 'Hi {{name}}' }),
    expect: { anon: 401, admin: 201, manager: 403, telecaller: 403 },
  },
  {
    method: 'PUT',
    route: '/api/v1/messaging/email/templates/:id',
    url: () => `/api/v1/messaging/email/templates/${MISSING}`,
    body: () => ({ name: 'matrix_template', language: 'hi', subject: 'S', body: 'B' }),
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/messaging/email/templates/:id',
    url: () => `/api/v1/messaging/email/templates/${MISSING}`,
    expect: { anon: 401, admin: 404, manager: 403, telecaller: 403 },
  },
  {
    method: 'POST',
    route: '/api/v1/messaging/email/bounces',
    url: () => '/api/v1/messaging/email/bounces',
    body: () => ({ recipient: 'nobody@test.example', status: '5.1.1' }),
    expect: { anon: 401, admin: 200, manager: 403, telecaller: 403 },
  },
];

let ctx: Ctx;
beforeAll(async () => {
  t = await createTestApp();
  const { leads, campaigns } = t.app.services;
  const make = async (ownerId: string | null) => (await leads.create(SYSTEM_ACTOR, { name: 'Lead', phone: phone(), ownerId })).id;
  ctx = {
    otherLead: await make(t.cast.otherTelecaller.id),
    ownLead: await make(t.cast.telecaller.id),
    otherUser: t.cast.otherTelecaller.id,
    otherTeam: t.cast.otherTeamId,
    campaign: (await campaigns.create(SYSTEM_ACTOR, { name: 'Matrix campaign' })).id,
    freshLead: () => make(t.cast.otherTelecaller.id),
  };
});
afterAll(() => t?.close());

describe('route-by-role matrix', () => {
  it('covers every registered /api route', () => {
    const registered = t.app.routeAuth.map((r) => `${r.method} ${r.url}`).sort();
    const covered = ROWS.map((r) => `${r.method} ${r.route}`).sort();
    expect(covered).toEqual(registered);
  });

  const who: ('anon' | Role)[] = ['anon', 'admin', 'manager', 'telecaller'];
  for (const row of ROWS) {
    it(`${row.method} ${row.route}: ${who.map((w) => `${w} ${row.expect[w]}`).join(', ')}`, async () => {
      const people: Record<Role, Person> = { admin: t.cast.admin, manager: t.cast.manager, telecaller: t.cast.telecaller };
      for (const w of who) {
        const url = row.url(ctx) === 'fresh' ? `/api/v1/leads/${await ctx.freshLead()}` : row.url(ctx);
        const person = w === 'anon' ? null : row.ownSession ? { ...people[w], token: await t.login(people[w].email) } : people[w];
        const res = await t.request({
          method: row.method,
          url,
          ...(row.body ? { payload: (await row.body(ctx)) as object } : {}),
          as: person,
        });
        expect({ who: w, status: res.statusCode }).toEqual({ who: w, status: row.expect[w] });
        if (res.statusCode >= 400) expect(res.json()).toMatchObject({ statusCode: res.statusCode, code: expect.any(String), message: expect.any(String) });
      }
    });
  }
});

/**
 * Team scope: a manager works the people of the teams they lead, and what is theirs (leads,
 * calls, callbacks, presence, rules); the other team's answers like something missing. Each row
 * runs for both managers, each on their own team's resource and then on the other team's. A
 * route that takes no team-bound resource must be named in NOT_TEAM_BOUND, so this table cannot
 * fall behind either.
 */
type Side = 'own' | 'other';
type Scope = {
  /** The manager's own team's telecaller, their lead, call, callback, alert and rule, and the same for the other team. */
  agent: Record<Side, string>;
  lead: Record<Side, string>;
  call: Record<Side, string>;
  callback: Record<Side, string>;
  alert: Record<Side, string>;
  rule: Record<Side, string>;
  team: Record<Side, string>;
  fresh(side: Side): Promise<string>;
  freshRule(side: Side): Promise<string>;
  /** A coaching item of that side's telecaller. */
  coachingItem(side: Side): Promise<string>;
  unowned(): Promise<string>;
};
type TeamRow = {
  method: Row['method'];
  route: string;
  url: (s: Scope, side: Side) => string | Promise<string>;
  body?: (s: Scope, side: Side) => unknown | Promise<unknown>;
  /** Status (or [status, code]) on the manager's own team's resource, then on the other team's. */
  expect: [number | [number, string], number | [number, string]];
  /** For lists and filters: what the answer must hold. */
  check?: (res: { statusCode: number; body: string; json<T>(): T }, s: Scope, side: Side) => void;
};

const total = (res: { json<T>(): T }) => res.json<{ total: number }>().total;
const TEAM_ROWS: TeamRow[] = [
  { method: 'GET', route: '/api/v1/leads/:id/messages', url: (s, side) => `/api/v1/leads/${s.lead[side]}/messages`, expect: [200, 404] },
  { method: 'POST', route: '/api/v1/leads/:id/messages/seen', url: (s, side) => `/api/v1/leads/${s.lead[side]}/messages/seen`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/messages',
    url: (s, side) => `/api/v1/leads/${s.lead[side]}/messages`,
    body: () => ({ channel: 'email', template: 'brochure', variables: {} }),
    expect: [[503, 'EMAIL_NOT_CONFIGURED'], 404],
  },
  {
    method: 'GET',
    route: '/api/v1/leads',
    url: (s, side) => `/api/v1/leads?ownerId=${s.agent[side]}`,
    expect: [200, 200],
    check: (res, _s, side) => expect(total(res) > 0).toBe(side === 'own'),
  },
  {
    method: 'GET',
    route: '/api/v1/leads/export',
    url: (s, side) => `/api/v1/leads/export?ownerId=${s.agent[side]}`,
    expect: [200, 200],
    check: (res, _s, side) => expect(res.body.trim().split('\n').length > 1).toBe(side === 'own'),
  },
  {
    method: 'POST',
    route: '/api/v1/leads',
    url: () => '/api/v1/leads',
    body: (s, side) => ({ name: 'Scoped', phone: phone(), ownerId: s.agent[side] }),
    expect: [201, [422, 'LEAD_OWNER_INVALID']],
  },
  { method: 'GET', route: '/api/v1/leads/:id', url: (s, side) => `/api/v1/leads/${s.lead[side]}`, expect: [200, 404] },
  { method: 'PATCH', route: '/api/v1/leads/:id', url: (s, side) => `/api/v1/leads/${s.lead[side]}`, body: () => ({ city: 'Indore' }), expect: [200, 404] },
  { method: 'DELETE', route: '/api/v1/leads/:id', url: async (s, side) => `/api/v1/leads/${await s.fresh(side)}`, expect: [204, 404] },
  { method: 'GET', route: '/api/v1/leads/:id/activities', url: (s, side) => `/api/v1/leads/${s.lead[side]}/activities`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/notes',
    url: (s, side) => `/api/v1/leads/${s.lead[side]}/notes`,
    body: () => ({ body: 'scoped note' }),
    expect: [201, 404],
  },
  { method: 'GET', route: '/api/v1/leads/:id/consents', url: (s, side) => `/api/v1/leads/${s.lead[side]}/consents`, expect: [200, 404] },
  { method: 'GET', route: '/api/v1/leads/:id/followups', url: (s, side) => `/api/v1/leads/${s.lead[side]}/followups`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/consents',
    url: (s, side) => `/api/v1/leads/${s.lead[side]}/consents`,
    body: () => ({ purpose: 'recording', granted: true, channel: 'call' }),
    expect: [201, 404],
  },
  { method: 'GET', route: '/api/v1/leads/:id/duplicates', url: (s, side) => `/api/v1/leads/${s.lead[side]}/duplicates`, expect: [200, 404] },
  {
    method: 'GET',
    route: '/api/v1/leads/:id/merge-preview',
    url: async (s, side) => `/api/v1/leads/${s.lead[side]}/merge-preview?otherId=${await s.unowned()}`,
    expect: [200, 404],
  },
  {
    method: 'POST',
    route: '/api/v1/leads/:id/merge',
    url: async (s, side) => `/api/v1/leads/${await s.fresh(side)}/merge`,
    body: async (s) => ({ otherId: await s.unowned() }),
    expect: [200, 404],
  },
  { method: 'GET', route: '/api/v1/leads/:id/merges', url: (s, side) => `/api/v1/leads/${s.lead[side]}/merges`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/leads/duplicates/dismiss',
    url: () => '/api/v1/leads/duplicates/dismiss',
    body: async (s, side) => ({ leadIds: [s.lead[side], await s.unowned()] }),
    expect: [204, 404],
  },
  {
    method: 'POST',
    route: '/api/v1/leads/assign',
    url: () => '/api/v1/leads/assign',
    body: async (s, side) => ({ leadIds: [await s.fresh(side)], ownerId: s.agent[side] }),
    expect: [200, 404],
  },
  // Naming an agent one does not watch answers as a missing agent, as their callbacks, presence and user record do.
  {
    method: 'GET',
    route: '/api/v1/calls',
    url: (s, side) => `/api/v1/calls?agentId=${s.agent[side]}`,
    expect: [200, [404, 'AGENT_NOT_FOUND']],
    check: (res, s, side) => {
      if (side === 'own') expect(res.json<{ items: { agentId: string }[] }>().items.map((c) => c.agentId)).toEqual([s.agent.own]);
    },
  },
  // A lead's calls: its whole history for whoever sees the lead; of the other team's lead, none of theirs.
  {
    method: 'GET',
    route: '/api/v1/calls',
    url: (s, side) => `/api/v1/calls?leadId=${s.lead[side]}`,
    expect: [200, 200],
    check: (res, _s, side) => expect(total(res)).toBe(side === 'own' ? 1 : 0),
  },
  // The lead is seen (the gates run and refuse a DND number) or answers as missing.
  { method: 'POST', route: '/api/v1/calls', url: () => '/api/v1/calls', body: (s, side) => ({ leadId: s.lead[side] }), expect: [[409, 'DIAL_BLOCKED'], 404] },
  { method: 'GET', route: '/api/v1/calls/:id', url: (s, side) => `/api/v1/calls/${s.call[side]}`, expect: [200, 404] },
  { method: 'POST', route: '/api/v1/calls/:id/hangup', url: (s, side) => `/api/v1/calls/${s.call[side]}/hangup`, expect: [[409, 'CALL_NOT_LIVE'], 404] },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/disposition',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/disposition`,
    body: () => ({ disposition: 'interested' }),
    expect: [[409, 'CALL_ALREADY_DISPOSED'], 404],
  },
  // The draft note is the agent's own: a manager sees their team's call, not the note on it.
  {
    method: 'GET',
    route: '/api/v1/calls/:id/draft-note',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/draft-note`,
    expect: [[403, 'DRAFT_NOTE_NOT_YOURS'], 404],
  },
  {
    method: 'PUT',
    route: '/api/v1/calls/:id/draft-note',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/draft-note`,
    body: () => ({ text: 'not mine' }),
    expect: [[403, 'DRAFT_NOTE_NOT_YOURS'], 404],
  },
  // A lead skipped is a lead seen: the other team's answers as missing.
  {
    method: 'POST',
    route: '/api/v1/workspace/skips',
    url: () => '/api/v1/workspace/skips',
    body: (s, side) => ({ leadId: s.lead[side], reason: 'needs_info' }),
    expect: [201, 404],
  },
  { method: 'GET', route: '/api/v1/calls/:id/transcript', url: (s, side) => `/api/v1/calls/${s.call[side]}/transcript`, expect: [200, 404] },
  { method: 'GET', route: '/api/v1/calls/:id/assist', url: (s, side) => `/api/v1/calls/${s.call[side]}/assist`, expect: [200, 404] },
  { method: 'GET', route: '/api/v1/calls/:id/analysis', url: (s, side) => `/api/v1/calls/${s.call[side]}/analysis`, expect: [200, 404] },
  { method: 'GET', route: '/api/v1/calls/:id/score', url: (s, side) => `/api/v1/calls/${s.call[side]}/score`, expect: [200, 404] },
  {
    method: 'GET',
    route: '/api/v1/coaching/skills/:agentId/history',
    url: (s, side) => `/api/v1/coaching/skills/${s.agent[side]}/history?skill=qa_score`,
    expect: [200, [404, 'COACHING_AGENT_NOT_FOUND']],
  },
  {
    method: 'POST',
    route: '/api/v1/coaching/items',
    url: () => '/api/v1/coaching/items',
    body: (s, side) => ({ agentId: s.agent[side], skill: 'talk_balance' }),
    expect: [201, [404, 'COACHING_AGENT_NOT_FOUND']],
  },
  {
    method: 'PATCH',
    route: '/api/v1/coaching/items/:id',
    url: async (s, side) => `/api/v1/coaching/items/${await s.coachingItem(side)}`,
    body: () => ({ note: 'Listen more' }),
    expect: [200, [404, 'COACHING_ITEM_NOT_FOUND']],
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/review',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/score/review`,
    body: () => ({ answers: [] }),
    expect: [[409, 'QA_NOT_SCORED'], 404],
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/disputes',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/score/disputes`,
    body: () => ({ reason: 'the recording notice was given at the start' }),
    expect: [[403, 'QA_DISPUTE_NOT_YOURS'], 404],
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/score/disputes/:disputeId/resolve',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/score/disputes/${MISSING}/resolve`,
    body: () => ({ outcome: 'rejected', resolution: 'the notice came after a minute' }),
    expect: [
      [404, 'QA_DISPUTE_NOT_FOUND'],
      [404, 'CALL_NOT_FOUND'],
    ],
  },
  { method: 'POST', route: '/api/v1/calls/:id/assist/suggest', url: (s, side) => `/api/v1/calls/${s.call[side]}/assist/suggest`, expect: [200, 404] },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/recording',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/recording`,
    expect: [
      [404, 'RECORDING_NOT_FOUND'],
      [404, 'CALL_NOT_FOUND'],
    ],
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/supervise',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/supervise`,
    body: () => ({ mode: 'listen' }),
    expect: [[409, 'SUPERVISION_UNSUPPORTED'], 404],
  },
  // A manager reads the control state of their team's calls; only the agent on a call controls it.
  { method: 'GET', route: '/api/v1/calls/:id/controls', url: (s, side) => `/api/v1/calls/${s.call[side]}/controls`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/controls',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/controls`,
    body: () => ({ action: 'hold' }),
    expect: [[403, 'CONTROL_FORBIDDEN'], 404],
  },
  {
    method: 'GET',
    route: '/api/v1/calls/:id/transfer-targets',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/transfer-targets`,
    expect: [[403, 'CONTROL_FORBIDDEN'], 404],
  },
  {
    method: 'POST',
    route: '/api/v1/calls/:id/redial',
    url: (s, side) => `/api/v1/calls/${s.call[side]}/redial`,
    body: () => ({ phone: '+919800000001' }),
    expect: [[403, 'CONTROL_FORBIDDEN'], 404],
  },
  { method: 'GET', route: '/api/v1/callbacks', url: (s, side) => `/api/v1/callbacks?agentId=${s.agent[side]}`, expect: [200, 404] },
  {
    method: 'PATCH',
    route: '/api/v1/callbacks/:id',
    url: (s, side) => `/api/v1/callbacks/${s.callback[side]}`,
    body: () => ({ status: 'pending' }),
    expect: [200, 404],
  },
  {
    method: 'GET',
    route: '/api/v1/presence/:id/history',
    url: (s, side) => `/api/v1/presence/${s.agent[side]}/history?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z`,
    expect: [200, 404],
  },
  // Taking an agent out of any campaign: the manager's own agent, yes; the other team's is hidden.
  {
    method: 'PUT',
    route: '/api/v1/agents/:id/campaign',
    url: (s, side) => `/api/v1/agents/${s.agent[side]}/campaign`,
    body: async (s, side) => {
      // Signed in (an offline agent cannot be moved): only the scope decides.
      await t.app.services.agents.presence.set(s.agent[side], 'available');
      return { campaignId: null };
    },
    expect: [200, 404],
  },
  { method: 'GET', route: '/api/v1/users/:id', url: (s, side) => `/api/v1/users/${s.agent[side]}`, expect: [200, 404] },
  { method: 'GET', route: '/api/v1/users/:id/holdings', url: (s, side) => `/api/v1/users/${s.agent[side]}/holdings`, expect: [200, 404] },
  {
    method: 'POST',
    route: '/api/v1/users/:id/deactivate',
    url: async (s, side) => {
      const u = await t.app.services.users.create(SYSTEM_ACTOR, {
        email: `leaver${++seq}@test.example`,
        name: 'Leaver',
        role: 'telecaller',
        password: 'a-long-password',
        teamId: s.team[side],
      });
      return `/api/v1/users/${u.id}/deactivate`;
    },
    body: () => ({ handOverTo: null }),
    expect: [200, 404],
  },
  {
    method: 'POST',
    route: '/api/v1/users/:id/reactivate',
    url: async (s, side) => {
      const u = await t.app.services.users.create(SYSTEM_ACTOR, {
        email: `returner${++seq}@test.example`,
        name: 'Returner',
        role: 'telecaller',
        password: 'a-long-password',
        teamId: s.team[side],
      });
      await t.app.services.users.update(SYSTEM_ACTOR, u.id, { active: false });
      return `/api/v1/users/${u.id}/reactivate`;
    },
    expect: [200, 404],
  },
  {
    method: 'GET',
    route: '/api/v1/alerts',
    url: (s, side) => `/api/v1/alerts?status=all&teamId=${s.team[side]}`,
    expect: [200, [403, 'FORBIDDEN']],
    check: (res, s, side) => {
      if (side === 'own') expect(res.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([s.alert.own]);
    },
  },
  { method: 'POST', route: '/api/v1/alerts/:id/acknowledge', url: (s, side) => `/api/v1/alerts/${s.alert[side]}/acknowledge`, expect: [200, 404] },
  {
    method: 'PUT',
    route: '/api/v1/teams/:id/inbound-hours',
    url: (s, side) => `/api/v1/teams/${s.team[side]}/inbound-hours`,
    body: () => ({ hours: null }),
    expect: [200, [403, 'INBOUND_TEAM_FORBIDDEN']],
  },
  {
    method: 'GET',
    route: '/api/v1/assignment/rules',
    url: () => '/api/v1/assignment/rules',
    expect: [200, 200],
    check: (res, s) => expect(res.json<{ items: { teamId: string }[] }>().items.every((r) => r.teamId === s.team.own)).toBe(true),
  },
  {
    method: 'POST',
    route: '/api/v1/assignment/rules',
    url: () => '/api/v1/assignment/rules',
    body: (s, side) => ({ name: `Scoped rule ${++seq}`, teamId: s.team[side] }),
    expect: [201, [403, 'RULE_TEAM_FORBIDDEN']],
  },
  {
    method: 'PATCH',
    route: '/api/v1/assignment/rules/:id',
    url: (s, side) => `/api/v1/assignment/rules/${s.rule[side]}`,
    body: () => ({ priority: 5 }),
    expect: [200, 404],
  },
  {
    method: 'DELETE',
    route: '/api/v1/assignment/rules/:id',
    url: async (s, side) => `/api/v1/assignment/rules/${await s.freshRule(side)}`,
    expect: [204, 404],
  },
];

/** Routes with no team-bound resource, and why. */
const NOT_TEAM_BOUND: Record<string, string> = {
  'GET /api/v1/messaging/inbox': 'the leads the caller may see, tested in messaging.whatsapp.test.ts',
  'GET /api/v1/messaging/templates': 'the organisation’s templates',
  'POST /api/v1/messaging/whatsapp/templates/sync': 'admins only',
  'POST /api/v1/messaging/email/templates': 'admins only',
  'PUT /api/v1/messaging/email/templates/:id': 'admins only',
  'DELETE /api/v1/messaging/email/templates/:id': 'admins only',
  'POST /api/v1/messaging/email/bounces': 'admins only',
  'GET /api/v1/setup': 'the organisation’s counts, admins only',
  'GET /api/v1/followups/rules': 'the organisation’s follow-up rules',
  'POST /api/v1/followups/rules': 'admins only',
  'GET /api/v1/followups/rules/:id': 'the organisation’s follow-up rules',
  'PATCH /api/v1/followups/rules/:id': 'admins only',
  'DELETE /api/v1/followups/rules/:id': 'admins only',
  'GET /api/v1/followups/runs': 'admins only',
  'POST /api/v1/followups/runs/:id/cancel': 'the run’s lead as the caller sees it, tested in followups.test.ts',
  'GET /api/v1/settings': 'organisation-wide settings; a manager sees only the alert thresholds',
  'PATCH /api/v1/settings': 'organisation-wide settings; a manager changes only the alert thresholds',
  'POST /api/v1/sources/:source/connection-test': 'admins only',
  'POST /api/v1/calls/:id/accept': 'only the agent the call rings for, tested in inbound.test.ts',
  'POST /api/v1/calls/:id/reject': 'only the agent the call rings for, tested in inbound.test.ts',
  'GET /api/v1/inbound/offer': 'the caller only',
  'GET /api/v1/inbound/queue': 'callers of the teams the manager leads, tested in inbound.test.ts',
  'GET /api/v1/inbound/stats': 'callers of the teams the manager leads, tested in inbound.test.ts',
  'GET /api/v1/inbound/hours': 'the teams the manager leads',
  'GET /api/v1/callbacks/team': 'the caller’s own team queue',
  'POST /api/v1/callbacks/:id/claim': 'only from the caller’s own team queue, tested in inbound.test.ts',
  'POST /api/v1/inbound/simulate': 'rings the simulator’s own line',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/refresh': 'public',
  'POST /api/v1/auth/logout': 'public',
  'GET /api/v1/auth/me': 'the caller only',
  'GET /api/v1/auth/options': 'public: how one may sign in',
  'GET /api/v1/auth/oidc/start': 'public: single sign-on starts before anyone is signed in',
  'GET /api/v1/auth/oidc/callback': 'public: the identity provider’s return',
  'GET /api/v1/users': 'scoped by users.watched, tested in users.test.ts',
  'POST /api/v1/users': 'admins only',
  'PATCH /api/v1/users/:id': 'admins only',
  'POST /api/v1/users/bulk': 'admins only',
  'GET /api/v1/teams': 'a manager’s teams, tested in users.test.ts',
  'POST /api/v1/teams': 'admins only',
  'PATCH /api/v1/teams/:id': 'admins only',
  'GET /api/v1/knowledge/search': 'the knowledge base belongs to the organisation',
  'POST /api/v1/assist/analyze': 'reads only the text sent',
  'GET /api/v1/qa/scorecards': 'the organisation’s scorecards',
  'GET /api/v1/qa/scorecards/:id': 'the organisation’s scorecards',
  'POST /api/v1/qa/scorecards': 'admins only',
  'PUT /api/v1/qa/scorecards/:id': 'admins only',
  'GET /api/v1/qa/queue': 'scoped by users.watched, tested in qa.test.ts',
  'GET /api/v1/calls/search': 'scoped by users.watched, tested in analysis.search.test.ts',
  'GET /api/v1/coaching/skills': 'the caller’s own or the telecallers they watch, tested in coaching.test.ts',
  'GET /api/v1/coaching/items': 'the caller’s own or the telecallers they watch, tested in coaching.test.ts',
  'GET /api/v1/reports/funnel': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'GET /api/v1/reports/campaigns': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'GET /api/v1/reports/telecallers': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'GET /api/v1/reports/hours': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'GET /api/v1/reports/compliance': 'read from rollups and the consent ledger under the caller’s teams, tested in reports.compliance.test.ts',
  'GET /api/v1/reports/sources': 'lead counts under the caller’s teams; the organisation’s intake only unnarrowed, tested in reports.compliance.test.ts',
  'GET /api/v1/reports/compliance/consents': 'the leads of the caller’s teams, tested in reports.compliance.test.ts',
  'GET /api/v1/reports/funnel/leads': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'GET /api/v1/reports/calls': 'read from rollups under the caller’s teams (a telecaller: their own), tested in reports.test.ts',
  'POST /api/v1/reports/exports': 'the export is the caller’s own, scoped like the report, tested in reports.delivery.test.ts',
  'GET /api/v1/reports/exports/:id': 'only the one who asked, tested in reports.delivery.test.ts',
  'GET /api/v1/reports/exports/:id/file': 'only the one who asked, tested in reports.delivery.test.ts',
  'GET /api/v1/reports/subscriptions': 'the caller’s own subscriptions',
  'POST /api/v1/reports/subscriptions': 'scoped like the report, tested in reports.delivery.test.ts',
  'DELETE /api/v1/reports/subscriptions/:id': 'the caller’s own subscriptions',
  'POST /api/v1/coaching/suggest': 'for the telecallers the caller watches, tested in coaching.test.ts',
  'GET /api/v1/qa/calibration': 'scoped by users.watched, tested in qa.test.ts',
  'GET /api/v1/knowledge/articles': 'the knowledge base belongs to the organisation',
  'GET /api/v1/knowledge/articles/:id': 'the knowledge base belongs to the organisation',
  'POST /api/v1/knowledge/articles': 'admins only',
  'PATCH /api/v1/knowledge/articles/:id': 'admins only',
  'DELETE /api/v1/knowledge/articles/:id': 'admins only',
  'POST /api/v1/knowledge/import': 'admins only',
  'GET /api/v1/lead-fields': 'the organisation’s field definitions',
  'GET /api/v1/lead-fields/unknown-keys': 'admins only',
  'POST /api/v1/lead-fields': 'admins only',
  'PATCH /api/v1/lead-fields/:id': 'admins only',
  'DELETE /api/v1/lead-fields/:id': 'admins only',
  'GET /api/v1/battlecards': 'battlecards belong to the organisation',
  'GET /api/v1/battlecards/:id': 'battlecards belong to the organisation',
  'PUT /api/v1/battlecards': 'admins only',
  'DELETE /api/v1/battlecards/:id': 'admins only',
  'GET /api/v1/campaigns': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns/:id/leads': 'campaigns belong to the organisation',
  'GET /api/v1/campaigns/:id': 'campaigns belong to the organisation',
  'PATCH /api/v1/campaigns/:id': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns/:id/start': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns/:id/pause': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns/:id/stop': 'campaigns belong to the organisation',
  'POST /api/v1/campaigns/:id/archive': 'campaigns belong to the organisation',
  'GET /api/v1/campaigns/:id/stats': 'campaigns belong to the organisation',
  'GET /api/v1/campaigns/:id/next': 'the caller only, in the campaign they joined',
  'POST /api/v1/campaigns/:id/skip': 'the caller only, in the campaign they joined',
  'POST /api/v1/campaigns/:id/dial': 'the caller only, in the campaign they joined',
  'GET /api/v1/audit': 'admins only',
  'GET /api/v1/audit/export': 'admins only',
  'GET /api/v1/leads/duplicates': 'pairs within the scope, tested in leads.merge.test.ts',
  'POST /api/v1/leads/merges/:mergeId/undo': 'the survivor’s scope, as merges of it (tested below through merge)',
  'POST /api/v1/assignment/run': 'runs the organisation’s rules, within each rule’s team',
  'POST /api/v1/compliance/dnd/imports': 'admins only',
  'GET /api/v1/compliance/dnd/imports': 'admins only',
  'GET /api/v1/compliance/dnd/imports/:id': 'admins only',
  'GET /api/v1/compliance/dnd': 'admins only',
  'GET /api/v1/compliance/dnd/check': 'a number, not a lead',
  'GET /api/v1/compliance/notices': 'notices belong to the organisation',
  'POST /api/v1/compliance/notices': 'admins only',
  'POST /api/v1/privacy/requests': 'admins only',
  'GET /api/v1/privacy/requests': 'admins only',
  'GET /api/v1/privacy/requests/:id': 'admins only',
  'POST /api/v1/privacy/requests/:id/start': 'admins only',
  'POST /api/v1/privacy/requests/:id/complete': 'admins only',
  'POST /api/v1/privacy/requests/:id/reject': 'admins only',
  'GET /api/v1/privacy/requests/:id/export': 'admins only',
  'GET /api/v1/privacy/holds': 'admins only',
  'POST /api/v1/privacy/holds': 'admins only',
  'POST /api/v1/privacy/holds/:id/lift': 'admins only',
  'GET /api/v1/privacy/retention': 'admins only',
  'PUT /api/v1/privacy/retention/:kind': 'admins only',
  'POST /api/v1/privacy/retention/run': 'admins only',
  'GET /api/v1/privacy/processing-log': 'admins only',
  'POST /api/v1/imports': 'files belong to the organisation',
  'POST /api/v1/imports/preview': 'files belong to the organisation',
  'POST /api/v1/imports/:id/start': 'files belong to the organisation',
  'GET /api/v1/imports': 'files belong to the organisation',
  'GET /api/v1/imports/:id': 'files belong to the organisation',
  'GET /api/v1/imports/:id/rejects.csv': 'files belong to the organisation',
  'GET /api/v1/sources': 'admins only',
  'GET /api/v1/sources/:source/runs': 'admins only',
  'POST /api/v1/sources/laravel/sync': 'admins only',
  'GET /api/v1/sources/laravel/users': 'admins only',
  'POST /api/v1/sources/laravel/users/refresh': 'admins only',
  'PUT /api/v1/sources/laravel/users/:externalId': 'admins only',
  'GET /api/v1/sources/mysql/config': 'admins only',
  'PUT /api/v1/sources/mysql/config': 'admins only',
  'POST /api/v1/sources/mysql/test': 'admins only',
  'POST /api/v1/sources/mysql/sync': 'admins only',
  'GET /api/v1/telephony': 'the organisation’s provider',
  'GET /api/v1/speech/exotel-stream': 'admins only: the organisation’s stream applet URL',
  'GET /api/v1/dispositions': 'the organisation’s list',
  'PUT /api/v1/dispositions': 'admins only',
  'GET /api/v1/campaigns/:id/dispositions': 'campaigns belong to the organisation',
  'PUT /api/v1/campaigns/:id/dispositions': 'admins only',
  'DELETE /api/v1/campaigns/:id/dispositions': 'admins only',
  'GET /api/v1/workspace/skip-rules': 'the organisation’s rule',
  'PUT /api/v1/workspace/skip-rules': 'admins only',
  'GET /api/v1/workspace/next': 'the caller’s own queue',
  'GET /api/v1/workspace/today': 'the caller’s own numbers',
  'GET /api/v1/presence/me': 'the caller only',
  'PUT /api/v1/presence/me': 'the caller only',
};

describe('team scope', () => {
  let sc: Scope;
  beforeAll(async () => {
    const { leads, agents, assignment } = t.app.services;
    const db = t.db.database.db;
    const leadOf = async (ownerId: string | null) => (await leads.create(SYSTEM_ACTOR, { name: 'Scoped Lead', phone: phone(), ownerId })).id;
    const agent = { own: t.cast.telecaller.id, other: t.cast.otherTelecaller.id };
    const lead = { own: await leadOf(agent.own), other: await leadOf(agent.other) };
    // DND: a dial is refused by the gates, proving the lead was seen, without placing a call.
    await leads.dnd.apply(
      await Promise.all(Object.values(lead).map(async (id) => ({ phone: (await leads.get(SYSTEM_ACTOR, id)).phone, blocked: true, categories: [0] }))),
    );
    const callOf = async (side: Side) => {
      const [row] = await db
        .insert(calls)
        .values({
          leadId: lead[side],
          agentId: agent[side],
          provider: 'simulator',
          providerCallId: `scope-${side}-${seq++}`,
          status: 'completed',
          disposition: 'interested',
        })
        .returning({ id: calls.id });
      return row?.id ?? '';
    };
    const call = { own: await callOf('own'), other: await callOf('other') };
    const cbOf = async (side: Side) => {
      await agents.callbacks.replaceForLead(db, {
        leadId: lead[side],
        agentId: agent[side],
        callId: call[side],
        dueAt: new Date(Date.now() + 3600_000),
        notes: null,
      });
      return (await agents.callbacks.listFor(agent[side])).find((c) => c.leadId === lead[side])?.id ?? '';
    };
    const team = { own: t.cast.teamId, other: t.cast.otherTeamId };
    const alertOf = async (side: Side) => {
      const now = new Date();
      const [row] = await db
        .insert(alerts)
        .values({
          key: `scope-${side}-${seq++}`,
          kind: 'idle_too_long',
          severity: 'warning',
          agentId: agent[side],
          teamId: team[side],
          value: 400,
          threshold: 300,
          since: now,
          raisedAt: now,
        })
        .returning({ id: alerts.id });
      return row?.id ?? '';
    };
    const ruleOf = async (side: Side) =>
      (await assignment.createRule(SYSTEM_ACTOR, AssignmentRuleBody.parse({ name: `Scope ${side} ${++seq}`, teamId: team[side] }))).id;
    sc = {
      agent,
      lead,
      call,
      callback: { own: await cbOf('own'), other: await cbOf('other') },
      alert: { own: await alertOf('own'), other: await alertOf('other') },
      rule: { own: await ruleOf('own'), other: await ruleOf('other') },
      team,
      fresh: (side) => leadOf(agent[side]),
      freshRule: ruleOf,
      coachingItem: async (side) => {
        const [row] = await t.db.database.db
          .insert(coachingItems)
          .values({ agentId: agent[side], skill: 'talk_balance', source: 'manager' })
          .returning({ id: coachingItems.id });
        return row?.id ?? '';
      },
      unowned: () => leadOf(null),
    };
  });

  it('covers every /api route: in the table, or named as bound to no team', () => {
    const registered = t.app.routeAuth.map((r) => `${r.method} ${r.url}`);
    const covered = new Set([...TEAM_ROWS.map((r) => `${r.method} ${r.route}`), ...Object.keys(NOT_TEAM_BOUND)]);
    expect(registered.filter((r) => !covered.has(r)).sort()).toEqual([]);
    expect([...covered].filter((r) => !registered.includes(r)).sort()).toEqual([]);
  });

  for (const row of TEAM_ROWS) {
    it(`${row.method} ${row.route}: own team ${JSON.stringify(row.expect[0])}, other team ${JSON.stringify(row.expect[1])}`, async () => {
      // Each manager on their own team's resource, then on the other's: Alpha's manager, then Beta's with the sides swapped.
      for (const [manager, flip] of [
        [t.cast.manager, false],
        [t.cast.otherManager, true],
      ] as const) {
        for (const [i, side] of (['own', 'other'] as const).entries()) {
          const actual: Side = flip ? (side === 'own' ? 'other' : 'own') : side;
          const view: Scope = flip
            ? {
                ...sc,
                agent: swap(sc.agent),
                lead: swap(sc.lead),
                call: swap(sc.call),
                callback: swap(sc.callback),
                alert: swap(sc.alert),
                rule: swap(sc.rule),
                team: swap(sc.team),
                fresh: (s) => sc.fresh(swapSide(s)),
                freshRule: (s) => sc.freshRule(swapSide(s)),
                coachingItem: (s) => sc.coachingItem(swapSide(s)),
              }
            : sc;
          const res = await t.request({
            method: row.method,
            url: await row.url(view, side),
            ...(row.body ? { payload: (await row.body(view, side)) as object } : {}),
            as: manager,
          });
          const want = row.expect[i] as number | [number, string];
          const [status, code] = Array.isArray(want) ? want : [want, undefined];
          expect({ manager: manager.email, side: actual, status: res.statusCode, ...(code ? { code: res.json<{ code: string }>().code } : {}) }).toEqual({
            manager: manager.email,
            side: actual,
            status,
            ...(code ? { code } : {}),
          });
          row.check?.(res, view, side);
        }
      }
    });
  }
});

const swap = <T>(r: Record<Side, T>): Record<Side, T> => ({ own: r.other, other: r.own });
const swapSide = (s: Side): Side => (s === 'own' ? 'other' : 'own');

describe('non-API paths', () => {
  it('answers health and readiness without a token', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.request({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
  });

  it('serves Prometheus metrics including request timings by route', async () => {
    await t.request({ method: 'GET', url: '/api/v1/leads', as: t.cast.admin });
    const res = await t.request({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('telehub_http_request_duration_seconds_bucket');
    expect(res.body).toContain('route="/api/v1/leads"');
    expect(res.body).toContain('process_cpu_user_seconds_total');
  });

  it('publishes the OpenAPI document with every API route', async () => {
    const res = await t.request({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of t.app.routeAuth) expect(Object.keys(doc.paths)).toContain(r.url.replace(/:(\w+)/g, '{$1}'));
    expect((await t.request({ method: 'GET', url: '/docs/' })).statusCode).toBe(200);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await t.request({ method: 'GET', url: '/api/v1/nope', as: t.cast.admin });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('NOT_FOUND');
  });
});
