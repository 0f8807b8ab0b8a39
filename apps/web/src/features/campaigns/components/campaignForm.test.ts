import { type Campaign, DEFAULT_RETRY_RULES } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { type CampaignForm, campaignChanges, emptyStage, toCampaignBody, toCampaignForm } from './campaignForm';

const campaign: Campaign = {
  id: '6f1c2a34-0000-4000-8000-000000000001',
  name: 'Home loans, March',
  description: 'Follow-ups from the expo',
  active: true,
  status: 'running',
  startDate: '2026-03-01',
  endDate: '2026-03-31',
  timezone: 'Asia/Kolkata',
  callingHours: '10:00-19:00',
  requiresConsent: false,
  maxAttemptsPerDay: 3,
  dialMode: 'power',
  ratio: 2.5,
  maxAbandonRate: 0.025,
  priority: 60,
  teamIds: ['6f1c2a34-0000-4000-8000-0000000000b1'],
  agentIds: [],
  segment: { statuses: ['new'], cities: ['Pune'] },
  retry: DEFAULT_RETRY_RULES,
  script: [{ key: 'opening', title: 'Opening', titleHi: 'शुरुआत', text: 'Introduce yourself.', textHi: null }],
  dispositions: ['interested', 'no_answer'],
  wrapUpSeconds: 45,
  cost: null,
  members: 120,
  createdAt: '2026-02-20T10:00:00.000Z',
  updatedAt: '2026-02-20T10:00:00.000Z',
};

const ok = (f: CampaignForm) => {
  const r = toCampaignBody(f);
  if (!r.ok) throw new Error(`unexpected errors ${JSON.stringify(r.errors)}`);
  return r.body;
};
const errorsOf = (f: CampaignForm) => {
  const r = toCampaignBody(f);
  return r.ok ? {} : r.errors;
};

describe('the campaign form', () => {
  it('starts a new campaign with the house defaults: 3 % abandon cap, the retry rules, every lead, all outcomes', () => {
    const f = toCampaignForm(undefined, 'progressive');
    expect(f).toMatchObject({ maxAbandonPercent: '3', dialMode: 'progressive', timezone: 'Asia/Kolkata', allDispositions: true });
    const body = ok({ ...f, name: 'New one' });
    expect(body).toMatchObject({ name: 'New one', maxAbandonRate: 0.03, retry: DEFAULT_RETRY_RULES, segment: {}, dispositions: null, callingHours: null });
  });

  it('round-trips a saved campaign into an empty change', () => {
    const body = ok(toCampaignForm(campaign, 'preview'));
    expect(body.maxAbandonRate).toBe(0.025);
    expect(body.callingHours).toBe('10:00-19:00');
    expect(campaignChanges(campaign, body)).toEqual({});
  });

  it('sends only what changed, whatever order the server lists keys in', () => {
    const reordered: Campaign = { ...campaign, segment: { cities: ['Pune'], statuses: ['new'] } };
    const f = toCampaignForm(campaign, 'preview');
    const body = ok({ ...f, dialMode: 'predictive', maxAbandonPercent: '2' });
    expect(campaignChanges(reordered, body)).toEqual({ dialMode: 'predictive', maxAbandonRate: 0.02 });
  });

  it('says which fields are wrong, by key', () => {
    const f = toCampaignForm(undefined, 'power');
    expect(
      errorsOf({
        ...f,
        name: ' ',
        ratio: '6',
        maxAbandonPercent: '12',
        priority: '1.5',
        wrapUpSeconds: '-1',
        timezone: 'Mars/Base',
        retry: { ...f.retry, busy: { delayMinutes: '0', maxAttempts: '3' } },
      }),
    ).toEqual({
      name: 'nameRequired',
      ratio: 'ratio',
      maxAbandonPercent: 'maxAbandon',
      priority: 'priority',
      wrapUpSeconds: 'wrapUpSeconds',
      timezone: 'timezone',
      'retry.busy.delayMinutes': 'retryDelay',
    });
  });

  it('checks fields against each other: dates, calling hours, windows, outcomes, stage keys', () => {
    const f = { ...toCampaignForm(undefined, 'preview'), name: 'x' };
    expect(errorsOf({ ...f, startDate: '2026-03-10', endDate: '2026-03-01' })).toEqual({ endDate: 'endBeforeStart' });
    expect(errorsOf({ ...f, hoursFrom: '10:00' })).toEqual({ hoursTo: 'hoursBoth' });
    expect(errorsOf({ ...f, hoursFrom: '19:00', hoursTo: '10:00' })).toEqual({ hoursTo: 'hoursOrder' });
    expect(errorsOf({ ...f, segment: { ...f.segment, createdFrom: '2026-02-01', createdTo: '2026-01-01' } })).toEqual({ 'segment.createdTo': 'windowOrder' });
    expect(errorsOf({ ...f, allDispositions: false, dispositions: [] })).toEqual({ dispositions: 'dispositionsNone' });
    const stage = { ...emptyStage([]), title: 'Hello', text: 'Say hello' };
    expect(errorsOf({ ...f, script: [stage, { ...stage, uid: 'b' }] })).toEqual({ 'script.1.key': 'stageKeyDuplicate' });
    expect(errorsOf({ ...f, script: [{ ...stage, key: 'Opening!' }] })).toEqual({ 'script.0.key': 'stageKey' });
  });

  it('gives a new stage the first key not taken', () => {
    const first = emptyStage([]);
    const third = emptyStage([
      { ...first, key: 'stage_1' },
      { ...first, key: 'stage_3' },
    ]);
    expect(first.key).toBe('stage_1');
    expect(third.key).toBe('stage_2');
  });

  it('turns the percent typed into the fraction the API holds, and empty Hindi text into null', () => {
    const f = { ...toCampaignForm(undefined, 'preview'), name: 'x', maxAbandonPercent: '2.5', script: [{ ...emptyStage([]), title: 'Hi', text: 'Hello' }] };
    const body = ok(f);
    expect(body.maxAbandonRate).toBe(0.025);
    expect(body.script?.[0]).toEqual({ key: 'stage_1', title: 'Hi', titleHi: null, text: 'Hello', textHi: null });
  });

  it('takes the cost in rupees, with or without grouping commas, empty as not entered', () => {
    const f = { ...toCampaignForm(undefined, 'preview'), name: 'x' };
    expect(ok(f).cost).toBeNull();
    expect(ok({ ...f, cost: '2,50,000' }).cost).toBe(250_000);
    expect(ok({ ...f, cost: ' 2500.50 ' }).cost).toBe(2500.5);
    expect(errorsOf({ ...f, cost: '-5' })).toEqual({ cost: 'cost' });
    expect(errorsOf({ ...f, cost: 'lots' })).toEqual({ cost: 'cost' });
    const saved = { ...campaign, cost: 48_000 };
    expect(toCampaignForm(saved, 'preview').cost).toBe('48000');
    expect(campaignChanges(saved, ok({ ...toCampaignForm(saved, 'preview'), cost: '' }))).toEqual({ cost: null });
  });
});
