import { AUDIT_ACTIONS, type AuditEntry } from '@telehub/shared';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { hi } from '../../../i18n/hi';
import { actionKeyOf, actionLabel, actionsOfGroup, auditSentence, humaniseAction } from './auditVocabulary';

let tEn: TFunction;
let tHi: TFunction;
beforeAll(async () => {
  const make = async (lng: 'en' | 'hi') => {
    const i = i18next.createInstance();
    await i.init({ lng, resources: { en: { translation: en }, hi: { translation: hi } }, interpolation: { escapeValue: false } });
    return i.t;
  };
  tEn = await make('en');
  tHi = await make('hi');
});

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: 1,
  at: '2025-01-31T10:00:00.000Z',
  actorId: 'b9a0c3e2-0000-4000-8000-000000000001',
  actorName: 'Priya Sharma',
  actorRole: 'telecaller',
  action: 'call.start',
  entityType: 'call',
  entityId: '01a244e7-87f4-7617-a69d-0ef8aa5b5721',
  entityLabel: 'Rahul Verma',
  ip: null,
  details: {},
  ...over,
});

describe('audit sentences', () => {
  it('name who acted and on what, in English and Hindi', () => {
    expect(auditSentence(entry({}), tEn)).toBe('Priya Sharma called Rahul Verma');
    expect(auditSentence(entry({}), tHi)).toBe('Priya Sharma ने Rahul Verma को कॉल किया');
    expect(
      auditSentence(entry({ action: 'user.create', actorId: null, actorName: null, actorRole: 'system', entityType: 'user', entityLabel: 'Ravi' }), tEn),
    ).toBe('TeleHub created user Ravi');
  });

  it('have a sentence and a short name for every action the server records, in both languages', () => {
    for (const action of AUDIT_ACTIONS) {
      const key = actionKeyOf(action);
      expect(key, action).not.toBeNull();
      for (const t of [tEn, tHi]) {
        const sentence = auditSentence(entry({ action }), t);
        expect(sentence, action).not.toContain('audit.');
        expect(sentence, action).not.toContain('{{');
        expect(actionLabel(action, t), action).not.toContain('audit.');
      }
    }
  });

  it('fall back to the kind and a short id, and to a readable code for an unknown action', () => {
    const erased = entry({ action: 'lead.read', entityType: 'lead', entityId: '230a1908-74f5-40d5-8ede-a56fc4116d55', entityLabel: null });
    expect(auditSentence(erased, tEn)).toBe('Priya Sharma opened lead 230a1908');
    const gone = entry({ actorName: null });
    expect(auditSentence(gone, tEn)).toBe('A user no longer found called Rahul Verma');
    const novel = entry({ action: 'lead.sync_deleted', entityType: 'lead' });
    expect(auditSentence(novel, tEn)).toBe('Priya Sharma: Lead sync deleted (Rahul Verma)');
    expect(auditSentence({ ...novel, entityId: null }, tHi)).toBe('Priya Sharma: Lead sync deleted');
    expect(humaniseAction('qa.dispute.resolve')).toBe('Qa dispute resolve');
    expect(actionLabel('made.up', tEn)).toBe('Made up');
  });

  it('list the actions of an area', () => {
    expect(actionsOfGroup('campaign')).toEqual([
      'campaign.create',
      'campaign.update',
      'campaign.add_leads',
      'campaign.start',
      'campaign.pause',
      'campaign.stop',
      'campaign.archive',
    ]);
  });
});
