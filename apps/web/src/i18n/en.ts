/**
 * English interface text: the shell and shared words here, each feature's words in sections/.
 * hi.ts must carry exactly the same keys (checked by i18n.test.ts).
 */
import { adminEn } from './sections/admin.en';
import { assignmentEn } from './sections/assignment.en';
import { assistEn } from './sections/assist.en';
import { auditEn } from './sections/audit.en';
import { callPageEn } from './sections/callPage.en';
import { callSearchEn } from './sections/callSearch.en';
import { callsEn } from './sections/calls.en';
import { campaignsEn } from './sections/campaigns.en';
import { coachingEn } from './sections/coaching.en';
import { commandCenterEn } from './sections/commandCenter.en';
import { dndEn } from './sections/dnd.en';
import { duplicatesEn } from './sections/duplicates.en';
import { followupsEn } from './sections/followups.en';
import { importsEn } from './sections/imports.en';
import { inboundEn } from './sections/inbound.en';
import { inCallEn } from './sections/inCall.en';
import { knowledgeEn } from './sections/knowledge.en';
import { leadCallsEn } from './sections/leadCalls.en';
import { leadFieldsEn } from './sections/leadFields.en';
import { leadsEn } from './sections/leads.en';
import { messagingEn } from './sections/messaging.en';
import { orgSettingsEn } from './sections/orgSettings.en';
import { privacyEn } from './sections/privacy.en';
import { qaEn } from './sections/qa.en';
import { reportsEn } from './sections/reports.en';
import { setupEn } from './sections/setup.en';
import { sourcesEn } from './sections/sources.en';
import { ssoEn } from './sections/sso.en';
import { workspaceEn } from './sections/workspace.en';
import { wrapUpEn } from './sections/wrapUp.en';
import type { Widen } from './types';

export const en = {
  app: {
    name: 'TeleHub',
    tagline: 'Telecalling and sales command center',
    pageTitle: '{{page}} · TeleHub',
    skipToContent: 'Skip to content',
    loading: 'Loading…',
    unavailableTitle: 'TeleHub cannot reach the server',
    unavailableBody: 'Check your connection, then try again.',
  },
  lang: {
    label: 'Language',
    en: 'English',
    hi: 'हिन्दी',
  },
  roles: {
    admin: 'Admin',
    manager: 'Manager',
    telecaller: 'Telecaller',
  },
  status: {
    new: 'New',
    contacted: 'Contacted',
    interested: 'Interested',
    callback: 'Callback',
    not_interested: 'Not interested',
    converted: 'Converted',
    lost: 'Lost',
    invalid: 'Invalid',
  },
  nav: {
    label: 'Main',
    workspace: 'Workspace',
    leads: 'Leads',
    commandCenter: 'Command Center',
    campaigns: 'Campaigns',
    reports: 'Reports',
    team: 'My team',
    settings: 'Settings',
    openMenu: 'Open menu',
    closeMenu: 'Close menu',
  },
  live: {
    live: 'Live',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting… this page will catch up',
  },
  account: {
    menu: 'Account',
    signOut: 'Sign out',
  },
  signIn: {
    pageTitle: 'Sign in',
    heading: 'Sign in to TeleHub',
    subtitle: 'Use the email and password your admin gave you.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    sessionEnded: 'Your session has ended. Please sign in again.',
    errors: {
      required: 'Enter your email and password.',
      invalidCredentials: 'The email or password is not correct.',
      disabled: 'This account is disabled. Ask an admin to enable it.',
      rateLimited: 'Too many attempts. Wait a minute, then try again.',
      network: 'Cannot reach TeleHub. Check your connection, then try again.',
      generic: 'Sign-in failed: {{message}}',
    },
  },
  placeholder: {
    badge: 'Coming in a later release',
    whatWillLiveHere: 'What will live here',
    meanwhile: 'Meanwhile, you can work with your leads on the Leads page.',
    goToLeads: 'Open leads',
    reports: {
      intro: 'Numbers to coach from.',
      point1: 'Campaign and funnel reports',
      point2: 'Telecaller performance by day',
      point3: 'Call quality scores against the campaign scorecard',
      point4: 'A coaching queue built from those scores',
    },
  },
  common: {
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    close: 'Close',
    edit: 'Edit',
    retry: 'Try again',
    loading: 'Loading…',
    yes: 'Yes',
    no: 'No',
    system: 'System',
    you: 'You',
    unknownUser: 'Another user',
    unassigned: 'Unassigned',
    never: 'Never',
    optional: 'optional',
    actions: 'Actions',
    empty: '(empty)',
  },
  dates: {
    placeholder: 'dd/mm/yyyy',
    pick: 'Choose a date',
    invalid: 'Write the date as day/month/year, e.g. 05/12/2026',
    outOfRange: 'This date is outside the allowed range',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    time: 'Time',
    endOfDay: 'Midnight (end of day)',
  },
  errors: {
    loadFailed: 'Could not load this',
    withMessage: 'Something went wrong: {{message}}',
    notFound: {
      title: 'Page not found',
      body: 'There is nothing at this address.',
      action: 'Go to leads',
    },
    forbidden: {
      title: 'Not available for your role',
      body: 'You do not have access to this page. Ask an admin if you need it.',
    },
    codes: {
      LEAD_PHONE_EXISTS: 'Another lead already has this phone number.',
      LEAD_PHONE_INVALID: 'This phone number is not valid.',
      LEAD_OWNER_INVALID: 'The owner must be an active user.',
      LEAD_FIELD_FORBIDDEN: 'You may not change this field.',
      LEAD_NOT_FOUND: 'This lead does not exist, or it is not assigned to you.',
      USER_EMAIL_TAKEN: 'A user with this email already exists.',
      LAST_ADMIN: 'This is the last active admin. Make another user an admin first.',
      USER_HOLDS_WORK: 'This person still holds leads or callbacks. Choose who takes them over.',
      USER_HANDOVER_INVALID: 'Their work cannot go to that person: choose an active colleague in their team.',
      USER_FORBIDDEN: 'You may not change this person’s account.',
      USER_ALREADY_INACTIVE: 'This account is already deactivated.',
      USER_ALREADY_ACTIVE: 'This account is already active.',
      USER_BULK_INVALID: 'Some rows of the file have problems. Nobody was invited; fix the rows shown and try again.',
      USER_BULK_TOO_MANY: 'The file has too many rows: invite at most 500 people at a time.',
      TEAM_NAME_TAKEN: 'A team with this name already exists.',
      TEAM_MANAGER_INVALID: 'A team manager must be an active manager or admin.',
      INVALID_PHONE: 'This phone number is not valid.',
      FORBIDDEN: 'You do not have permission to do this.',
      RATE_LIMITED: 'Too many requests. Try again shortly.',
      NETWORK_ERROR: 'Cannot reach the server. Check your connection.',
      INTERNAL: 'Something went wrong on the server. It has been logged.',
      IMPORT_NOT_FOUND: 'This import does not exist.',
      IMPORT_FILE_MISSING: 'Attach a CSV or XLSX file.',
      UPLOAD_FILE_MISSING: 'Attach a CSV or XLSX file.',
      IMPORT_FORMAT_UNSUPPORTED: 'Only .csv and .xlsx files can be imported.',
      IMPORT_FILE_UNREADABLE: 'The file could not be read.',
      IMPORT_FILE_TOO_LARGE: 'The file is larger than the server allows.',
      IMPORT_MAPPING_INVALID: 'The column matching is not complete; see the fields marked below.',
      IMPORT_NOT_DRAFT: 'This import has already started.',
      IMPORT_CAMPAIGN_UNKNOWN: 'That campaign no longer exists.',
      LEAD_MERGE_SAME: 'A lead cannot be merged into itself.',
      MERGE_NOT_FOUND: 'This merge does not exist.',
      MERGE_ALREADY_UNDONE: 'This merge was already undone.',
      MERGE_UNDO_PHONE_TAKEN: 'The merged lead’s phone now belongs to another lead, so the merge cannot be undone.',
      RULE_NOT_FOUND: 'This rule no longer exists.',
      RULE_REFERENCE_UNKNOWN: 'The team or campaign of this rule no longer exists.',
      ASSIGN_OWNER_INVALID: 'Leads can be assigned only to an active user.',
      DND_COLUMNS_MISSING: 'The file has no phone number column (a header such as Phone, Mobile or MSISDN).',
      DND_PHONE_INVALID: 'This phone number is not valid.',
      SOURCE_NOT_CONFIGURED: 'This source is not configured on the server.',
      SYNC_RUNNING: 'A sync of this source is already running. Try again when it ends.',
      SYNC_FAILED: 'The sync failed.',
      EXTERNAL_USER_NOT_FOUND: 'This CRM user is unknown. Refresh the CRM users first.',
      EXTERNAL_USER_LINK_INVALID: 'Link a CRM user only to an active TeleHub user.',
      MYSQL_CONFIG_MISSING: 'Save the MySQL mapping first.',
      MYSQL_TEST_FAILED: 'The MySQL mapping could not be read.',
      CALL_NOT_FOUND: 'This call does not exist, or it is not yours.',
      CALL_NOT_LIVE: 'The call has already ended, or has not reached the provider yet. Try again in a moment.',
      CALL_STILL_LIVE: 'The call is still going on. Hang up first.',
      CALL_ALREADY_DISPOSED: 'This call has already been wrapped up.',
      HANGUP_UNSUPPORTED: 'This provider cannot end calls from here. Hang up on your phone.',
      DIAL_BLOCKED: 'This lead cannot be called now.',
      DISPOSITION_UNKNOWN: 'This outcome is no longer offered. Reload the page and choose again.',
      CALLBACK_TIME_REQUIRED: 'This outcome needs a callback time.',
      CALLBACK_TIME_PAST: 'The callback time must be in the future.',
      CALLBACK_NOT_FOUND: 'This callback no longer exists.',
      PRESENCE_ON_CALL: 'You are on a call or in wrap-up. Finish it first.',
      PROVIDER_FAILED: 'The telephony provider refused the request. Try again shortly.',
      RECORDING_NOT_FOUND: 'This call has no recording yet.',
      RECORDING_FORBIDDEN: 'Only the agent on the call and managers may listen to its recording.',
      VALIDATION_FAILED: 'Some of what was sent is not valid.',
      CAMPAIGN_NOT_FOUND: 'This campaign does not exist.',
      CAMPAIGN_ARCHIVED: 'This campaign is archived and can no longer be changed.',
      CAMPAIGN_NOT_RUNNING: 'This campaign is not running. Ask your manager to start it, or choose another.',
      CAMPAIGN_NOT_ASSIGNED: 'You are not on this campaign’s team or list of agents.',
      DIAL_MODE_UNSUPPORTED: 'The telephony provider cannot run this dial mode.',
      KNOWLEDGE_ARTICLE_NOT_FOUND: 'This article no longer exists.',
      BATTLECARD_NOT_FOUND: 'This battlecard no longer exists.',
      KNOWLEDGE_CAMPAIGN_UNKNOWN: 'That campaign no longer exists.',
      KNOWLEDGE_IMPORT_FORMAT: 'Only Markdown (.md) and CSV (.csv) files can be imported.',
      KNOWLEDGE_IMPORT_TOO_LARGE: 'The file is larger than 5 MB. Split it into smaller files.',
      KNOWLEDGE_IMPORT_NOT_TEXT: 'The file is not UTF-8 text. Save it as UTF-8 and upload it again.',
      KNOWLEDGE_IMPORT_COLUMNS: 'The CSV needs a first row naming its columns, with title and body among them.',
      KNOWLEDGE_IMPORT_TOO_MANY: 'The file has more than 2,000 articles. Split it into smaller files.',
      REPORT_TEAM_NOT_YOURS: 'That team is not one of yours.',
      REPORT_AGENT_NOT_YOURS: 'That telecaller is not in your teams.',
      REPORT_EXPORT_NOT_FOUND: 'This download no longer exists. Start it again.',
      REPORT_EXPORT_NOT_READY: 'The file is not ready yet. Wait for it to finish.',
      REPORT_SUBSCRIPTION_NOT_FOUND: 'This scheduled report no longer exists.',
      REPORT_EMAIL_NOT_CONFIGURED: 'Email is not set up on this server, so reports cannot be emailed. Ask an admin to set SMTP_URL.',
    },
    openExisting: 'Open the existing lead',
  },
  pagination: {
    label: 'Pagination',
    range: '{{from}}–{{to}} of {{total}}',
    rangeApprox: '{{from}}–{{to}} of about {{total}}',
    pageSize: 'Rows per page',
    previous: 'Previous page',
    next: 'Next page',
    page: 'Page {{page}} of {{pages}}',
  },
  ...leadsEn,
  ...adminEn,
  ...auditEn,
  ...setupEn,
  ...ssoEn,
  ...importsEn,
  ...duplicatesEn,
  ...assignmentEn,
  ...dndEn,
  ...inboundEn,
  ...inCallEn,
  ...sourcesEn,
  ...callsEn,
  ...callPageEn,
  ...callSearchEn,
  ...workspaceEn,
  ...wrapUpEn,
  ...commandCenterEn,
  ...campaignsEn,
  ...assistEn,
  ...knowledgeEn,
  ...qaEn,
  ...coachingEn,
  ...reportsEn,
  ...leadCallsEn,
  ...leadFieldsEn,
  ...orgSettingsEn,
  ...messagingEn,
  ...privacyEn,
  ...followupsEn,
};

/** The shape every locale fills in. */
export type Messages = Widen<typeof en>;
