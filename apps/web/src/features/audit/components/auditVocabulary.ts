import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, AUDIT_GROUPS, type AuditEntityType, type AuditEntry, type AuditGroup, auditGroupOf } from '@telehub/shared';
import type { TFunction } from 'i18next';
import type { AuditActionKey } from '../../../i18n/sections/audit.en';

export { AUDIT_ENTITY_TYPES, AUDIT_GROUPS };

const KNOWN = new Set<string>(AUDIT_ACTIONS);

/** The message key of a known action (`qa.dispute.resolve` → `qa_dispute_resolve`), or null. */
export function actionKeyOf(action: string): AuditActionKey | null {
  return KNOWN.has(action) ? (action.replaceAll('.', '_') as AuditActionKey) : null;
}

export const isAuditGroup = (v: string): v is AuditGroup => (AUDIT_GROUPS as readonly string[]).includes(v);
export const isAuditEntity = (v: string): v is AuditEntityType => (AUDIT_ENTITY_TYPES as readonly string[]).includes(v);

/** The known actions of an area, in the order the server lists them. */
export const actionsOfGroup = (group: string): string[] => AUDIT_ACTIONS.filter((a) => auditGroupOf(a) === group);

/** An action the vocabulary does not know yet, still readable: `lead.sync_deleted` → "Lead sync deleted". */
export function humaniseAction(action: string): string {
  const words = action.replace(/[._]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Enough of an id to tell records apart in a sentence. */
export const shortId = (id: string): string => (id.length > 12 ? id.slice(0, 8) : id);

type Entry = Pick<AuditEntry, 'action' | 'actorId' | 'actorName' | 'actorRole' | 'entityType' | 'entityId' | 'entityLabel'>;

/** Who acted, by name: TeleHub itself when no person did, or a stand-in for a user no longer found. */
export function actorText(e: Entry, t: TFunction): string {
  if (e.actorName) return e.actorName;
  return e.actorId ? t('audit.unknownUser') : t('audit.system');
}

/** What the entry is about, by name where it has one, else its kind and a short id. */
export function entityText(e: Entry, t: TFunction): string {
  if (e.entityLabel) return e.entityLabel;
  if (!e.entityId) return t('audit.unknownRecord');
  const type = isAuditEntity(e.entityType) ? t(`audit.nouns.${e.entityType}`) : e.entityType.replaceAll('_', ' ');
  return t('audit.recordWithId', { type, id: shortId(e.entityId) });
}

/** The entry as a sentence in the interface language: "Priya Sharma called Rahul Verma". */
export function auditSentence(e: Entry, t: TFunction): string {
  const actor = actorText(e, t);
  const entity = entityText(e, t);
  const key = actionKeyOf(e.action);
  if (key) return t(`audit.sentences.${key}`, { actor, entity });
  const what = humaniseAction(e.action);
  return e.entityId ? t('audit.unknownActionOn', { actor, what, entity }) : t('audit.unknownAction', { actor, what });
}

/** The short name of an action, for the filter and the details. */
export function actionLabel(action: string, t: TFunction): string {
  const key = actionKeyOf(action);
  return key ? t(`audit.actions.${key}`) : humaniseAction(action);
}
