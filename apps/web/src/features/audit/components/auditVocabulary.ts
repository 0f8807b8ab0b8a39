import type { en } from '../../../i18n/en';

type ActionKey = keyof typeof en.audit.actions;
type EntityKey = keyof typeof en.audit.entities;

/** The actions the server records today, and their message keys. */
export const AUDIT_ACTIONS: Record<string, ActionKey> = {
  'auth.login': 'auth_login',
  'auth.login_failed': 'auth_login_failed',
  'auth.logout': 'auth_logout',
  'auth.refresh_reuse': 'auth_refresh_reuse',
  'user.create': 'user_create',
  'user.update': 'user_update',
  'user.bootstrap_admin': 'user_bootstrap_admin',
  'team.create': 'team_create',
  'team.update': 'team_update',
  'lead.read': 'lead_read',
  'lead.create': 'lead_create',
  'lead.update': 'lead_update',
  'lead.bulk_create': 'lead_bulk_create',
  'lead.delete': 'lead_delete',
  'lead.note': 'lead_note',
  'lead.export': 'lead_export',
  'campaign.create': 'campaign_create',
  'campaign.add_leads': 'campaign_add_leads',
};

export const AUDIT_ENTITIES: readonly EntityKey[] = ['user', 'team', 'lead', 'campaign'];

export const isAuditEntity = (v: string): v is EntityKey => (AUDIT_ENTITIES as readonly string[]).includes(v);
