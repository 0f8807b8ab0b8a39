import type { Activity } from '@telehub/shared';
import i18next, { type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../../i18n/en';
import { hi } from '../../../i18n/hi';
import { activityText } from './activityText';

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

const entry = (over: Partial<Activity>): Activity => ({
  id: 'a1',
  leadId: 'b9a0c3e2-0000-4000-8000-000000000002',
  type: 'call',
  actorId: 'b9a0c3e2-0000-4000-8000-000000000001',
  actorName: 'Priya Sharma',
  body: null,
  data: {},
  createdAt: '2026-03-10T06:30:00.000Z',
  ...over,
});
const ctx = (t: TFunction, lng: 'en' | 'hi') => ({ t, lng, nameOf: () => 'someone' });

describe('timeline sentences of wrap-ups and skips', () => {
  it('name the reason chosen under a call’s outcome, and the answer to its question', () => {
    const call = entry({
      data: {
        disposition: 'applied',
        dispositionLabel: 'Applied',
        dispositionLabelHi: 'आवेदन किया',
        subDisposition: 'online',
        subDispositionLabel: 'Online',
        subDispositionLabelHi: 'ऑनलाइन',
        question: 'Which course?',
        questionHi: 'कौन सा कोर्स?',
        answer: 'MBA',
      },
    });
    const inEnglish = activityText(call, ctx(tEn, 'en'));
    expect(inEnglish.sentence).toBe('Priya Sharma called: Applied · Online');
    expect(inEnglish.details).toContain('Which course? MBA');
    const inHindi = activityText(call, ctx(tHi, 'hi'));
    expect(inHindi.sentence).toContain('आवेदन किया · ऑनलाइन');
    expect(inHindi.details).toContain('कौन सा कोर्स? MBA');
    // The current list's words win over those stored, for the outcome.
    expect(activityText(call, { ...ctx(tEn, 'en'), outcomeOf: () => 'Application sent' }).sentence).toBe('Priya Sharma called: Application sent · Online');
  });

  it('say who skipped the lead, why, and when it comes back', () => {
    const skip = entry({ type: 'skipped', body: 'Speaks only Tamil', data: { reason: 'language', until: '2026-03-10T18:30:00.000Z' } });
    const text = activityText(skip, ctx(tEn, 'en'));
    expect(text.sentence).toBe('Skipped by Priya Sharma: Language I do not speak');
    expect(text.details?.[0]).toMatch(/^Back in the queue /);
    expect(activityText(skip, ctx(tHi, 'hi')).sentence).toBe('Priya Sharma ने छोड़ी: मुझे यह भाषा नहीं आती');
  });
});
