/**
 * The audit log as the API answers it: entries with the names of who acted and what they acted on,
 * the filters of the page and of its CSV export, and the vocabulary of actions the server records.
 */
import { z } from 'zod';

/**
 * Every action the server records. A test reads the server's code and fails when an action is
 * recorded that is not listed here; the web app has a sentence for each, in every language.
 */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reuse',
  'auth.sso_login',
  'auth.sso_refused',
  'user.create',
  'user.update',
  'user.bulk_create',
  'user.deactivate',
  'user.reactivate',
  'user.bootstrap_admin',
  'team.create',
  'team.update',
  'team.inbound_hours',
  'lead.read',
  'lead.create',
  'lead.update',
  'lead.bulk_create',
  'lead.delete',
  'lead.note',
  'lead.export',
  'lead.data_export',
  'lead.erase',
  'lead.assign',
  'lead.merge',
  'lead.merge_undo',
  'lead.duplicate_dismiss',
  'lead.sync_created',
  'lead.sync_updated',
  'lead_field.create',
  'lead_field.update',
  'lead_field.delete',
  'call.start',
  'call.hangup',
  'call.disposition',
  'call.bridge',
  'call.transfer',
  'call.listen',
  'call.whisper',
  'call.barge',
  'call.blocked',
  'call.inbound',
  'call.inbound_reject',
  'callback.claim',
  'recording.listen',
  'recording.refused',
  'consent.grant',
  'consent.withdraw',
  'message.send',
  'message_template.create',
  'message_template.update',
  'message_template.delete',
  'message_template.sync',
  'consent.notice_publish',
  'dnd.import_start',
  'dnd.import_completed',
  'import.start',
  'import.completed',
  'import.failed',
  'import.rejects_download',
  'campaign.create',
  'campaign.update',
  'campaign.add_leads',
  'campaign.start',
  'campaign.pause',
  'campaign.stop',
  'campaign.archive',
  'assignment.rule_create',
  'assignment.rule_update',
  'assignment.rule_delete',
  'qa.scorecard.create',
  'qa.scorecard.update',
  'qa.review',
  'qa.dispute',
  'qa.dispute.resolve',
  'coaching.item.create',
  'knowledge.create',
  'knowledge.update',
  'knowledge.delete',
  'knowledge.import',
  'followup.rule_create',
  'followup.rule_update',
  'followup.rule_delete',
  'followup.run_cancel',
  'battlecard.create',
  'battlecard.update',
  'battlecard.delete',
  'source.sync',
  'source.users_refresh',
  'source.user_link',
  'source.config_update',
  'report.export',
  'alert.acknowledge',
  'audit.export',
  'settings.update',
  'privacy.request_open',
  'privacy.request_complete',
  'privacy.request_reject',
  'privacy.export_download',
  'privacy.hold_place',
  'privacy.hold_lift',
  'privacy.retention_set',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Actions by area: the part of the code before the first dot (`lead.read` is in `lead`). */
export const AUDIT_GROUPS = [
  'auth',
  'user',
  'team',
  'lead',
  'lead_field',
  'call',
  'callback',
  'recording',
  'consent',
  'message',
  'message_template',
  'dnd',
  'import',
  'campaign',
  'assignment',
  'qa',
  'coaching',
  'knowledge',
  'followup',
  'battlecard',
  'source',
  'report',
  'alert',
  'audit',
  'settings',
  'privacy',
] as const;
export type AuditGroup = (typeof AUDIT_GROUPS)[number];

export const auditGroupOf = (action: string): string => action.split('.', 1)[0] ?? action;

/** The kinds of record entries name (`entityType`). */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'team',
  'lead',
  'lead_field',
  'call',
  'callback',
  'campaign',
  'import',
  'source',
  'external_user',
  'assignment_rule',
  'qa_scorecard',
  'knowledge_article',
  'battlecard',
  'followup_rule',
  'report',
  'alert',
  'audit',
  'settings',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  /** The actor's name today; null for the system, an unknown sender, or a user no longer found. */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable().describe('admin, manager, telecaller, or system'),
  action: z.string().describe('e.g. lead.read, lead.update, lead.export, auth.login'),
  entityType: z.string(),
  entityId: z.string().nullable(),
  /** What the entity is called (a lead's or user's name, a campaign's, a call's lead); null when unknown or erased. */
  entityLabel: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export type AuditPage = z.infer<typeof AuditPage>;

const ACTION_CODE = /^[a-z][a-z_]*(\.[a-z][a-z_]*)*$/;
const instant = () => z.iso.datetime({ offset: true, error: 'must be a date and time with its offset, e.g. 2025-01-31T00:00:00+05:30' }).optional();

/** The filters the page and the export share; all optional, all combined with AND. */
export const AuditFilter = z.object({
  /** Who acted. */
  actorId: z.uuid({ error: 'must be a user id (a UUID)' }).optional(),
  /** One action, by its code. */
  action: z.string().max(60).regex(ACTION_CODE, 'must be an action code such as lead.read').optional(),
  /** Every action of one area. */
  group: z.enum(AUDIT_GROUPS, { error: `must be one of: ${AUDIT_GROUPS.join(', ')}` }).optional(),
  entityType: z
    .string()
    .max(40)
    .regex(/^[a-z][a-z_]*$/, 'must be a record type such as lead or user')
    .optional(),
  entityId: z.string().trim().min(1, 'must not be empty').max(80).optional(),
  /** From this instant, inclusive. */
  from: instant(),
  /** Up to this instant, exclusive. */
  to: instant(),
});
export type AuditFilter = z.infer<typeof AuditFilter>;

function rangeCheck(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && Date.parse(q.from) >= Date.parse(q.to)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
}

export const AuditQuery = AuditFilter.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
}).superRefine(rangeCheck);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = AuditFilter.extend({
  format: z.enum(['csv'], { error: 'must be csv' }).default('csv'),
}).superRefine(rangeCheck);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;
