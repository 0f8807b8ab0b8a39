import { z } from 'zod';
import { ROLES } from './enums.js';

export const LoginBody = z.object({
  email: z.email().max(254),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  teamId: z.uuid().nullable().optional(),
  languages: z.array(z.string()).optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({
  accessToken: z.string(),
  expiresIn: z.number().int().describe('seconds until the access token expires'),
  user: SessionUser,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** What the signed-in user may do: sent to the client so the UI need not re-derive role rules. */
export const Abilities = z.object({
  manageUsers: z.boolean(),
  viewTeam: z.boolean(),
  createLeads: z.boolean(),
  deleteLeads: z.boolean(),
  assignLeads: z.boolean(),
  exportLeads: z.boolean(),
  viewAudit: z.boolean(),
  viewCommandCenter: z.boolean(),
  /** Reports: everyone (a telecaller their own telecaller report). */
  viewReports: z.boolean(),
  /** The team reports: funnel, campaigns, every telecaller, when to call; exports and schedules. */
  viewTeamReports: z.boolean(),
  viewSettings: z.boolean(),
  importLeads: z.boolean(),
  mergeLeads: z.boolean(),
  /** Define the labels and types of leads' extra fields (admins). */
  manageLeadFields: z.boolean(),
  manageAssignment: z.boolean(),
  manageCampaigns: z.boolean(),
  manageKnowledge: z.boolean(),
  manageCompliance: z.boolean(),
  manageSources: z.boolean(),
  editDispositions: z.boolean(),
  superviseCalls: z.boolean(),
  manageScorecards: z.boolean(),
  reviewScores: z.boolean(),
  coachTeam: z.boolean(),
  /** Change the settings the product holds: connectors, SLA, compliance rules, alert thresholds (admins). */
  manageSettings: z.boolean(),
  /** Keep the email templates and sync WhatsApp's, record bounces (admins). */
  manageMessaging: z.boolean(),
  /** Change the alert thresholds from the command center (admins and managers). */
  manageAlertThresholds: z.boolean(),
  /** Write the follow-up rules that message leads after a disposition or a status change (admins). */
  manageFollowups: z.boolean(),
});
export type Abilities = z.infer<typeof Abilities>;

export const MeResponse = z.object({ user: SessionUser, abilities: Abilities });
export type MeResponse = z.infer<typeof MeResponse>;

/** How one may sign in here, for the sign-in page before anyone is signed in. */
export const SignInOptions = z.object({
  password: z.boolean().describe('email and password sign-in is on'),
  sso: z.object({ enabled: z.boolean(), label: z.string().describe('the name on the button: "Sign in with <label>"') }),
});
export type SignInOptions = z.infer<typeof SignInOptions>;

/** Why a single sign-on ended on the sign-in page (`?sso_error=`): each has a sentence in every language. */
export const SSO_ERRORS = [
  'SSO_NOT_CONFIGURED',
  'SSO_PROVIDER_UNAVAILABLE',
  'SSO_DENIED',
  'SSO_STATE_INVALID',
  'SSO_FAILED',
  'SSO_NO_ROLE',
  'SSO_NO_TEAM',
  'SSO_EMAIL_MISSING',
  'SSO_EMAIL_UNVERIFIED',
  'ACCOUNT_DISABLED',
  'LAST_ADMIN',
] as const;
export type SsoError = (typeof SSO_ERRORS)[number];
