import type { SettingItem } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { checkDraft, draftOf, isEdited, joinHours, parseBool, rateToPercent, sameValue, splitHours } from './settingDrafts';
import { ALERT_FIELDS, COMPLIANCE_FIELDS, type FieldSpec, LARAVEL_FIELDS, MYSQL_FIELDS, WORKLOAD_FIELDS } from './settingFields';

const spec = (name: string): FieldSpec => {
  const found = [...WORKLOAD_FIELDS, ...COMPLIANCE_FIELDS, ...ALERT_FIELDS, ...LARAVEL_FIELDS, ...MYSQL_FIELDS].find((f) => f.name === name);
  if (!found) throw new Error(name);
  return found;
};
const roundTrip = (name: string, text: string) => checkDraft(spec(name), draftOf(spec(name), text));

describe('drafts of each kind of setting', () => {
  it('shows durations as an amount and unit and sends them with a unit', () => {
    expect(draftOf(spec('TELEHUB_ALERT_IDLE'), '300')).toEqual({ kind: 'duration', amount: '5', unit: 'm' });
    expect(draftOf(spec('TELEHUB_ASSIGNMENT_SLA'), '86400')).toEqual({ kind: 'duration', amount: '1', unit: 'd' });
    expect(checkDraft(spec('TELEHUB_ASSIGNMENT_SLA'), { kind: 'duration', amount: '2', unit: 'h' })).toEqual({ ok: true, text: '2h' });
    expect(checkDraft(spec('TELEHUB_ALERT_IDLE'), { kind: 'duration', amount: '', unit: 'm' })).toMatchObject({ ok: false, problem: { key: 'required' } });
    expect(checkDraft(spec('TELEHUB_ALERT_IDLE'), { kind: 'duration', amount: '0', unit: 'm' })).toMatchObject({ ok: false, problem: { key: 'positive' } });
  });

  it('shows the connect-rate share as a percentage', () => {
    expect(rateToPercent('0.5')).toBe('50');
    expect(rateToPercent('0.333')).toBe('33.3');
    expect(rateToPercent('')).toBe('');
    expect(roundTrip('TELEHUB_ALERT_CONNECT_DROP', '0.35')).toEqual({ ok: true, text: '0.35' });
    expect(checkDraft(spec('TELEHUB_ALERT_CONNECT_DROP'), { kind: 'text', text: '0' })).toEqual({ ok: true, text: '0' });
    expect(checkDraft(spec('TELEHUB_ALERT_CONNECT_DROP'), { kind: 'text', text: '120' })).toMatchObject({ ok: false, problem: { key: 'percent' } });
  });

  it('keeps whole numbers within their range', () => {
    expect(checkDraft(spec('TELEHUB_MAX_ATTEMPTS_PER_DAY'), { kind: 'text', text: '51' })).toEqual({
      ok: false,
      problem: { key: 'range', values: { min: 1, max: 50 } },
    });
    expect(checkDraft(spec('TELEHUB_MAX_ATTEMPTS_PER_DAY'), { kind: 'text', text: '2.5' })).toMatchObject({ ok: false, problem: { key: 'whole' } });
    expect(checkDraft(spec('TELEHUB_DND_CATEGORY'), { kind: 'text', text: '9' })).toMatchObject({ ok: false, problem: { key: 'range' } });
    expect(roundTrip('TELEHUB_DND_CATEGORY', '3')).toEqual({ ok: true, text: '3' });
  });

  it('takes calling hours as two times, an end at 00:00 being midnight', () => {
    expect(splitHours('09:00-21:00')).toEqual({ from: '09:00', to: '21:00' });
    expect(splitHours('00:00-24:00')).toEqual({ from: '00:00', to: '00:00' });
    expect(joinHours('00:00', '00:00')).toBe('00:00-24:00');
    expect(joinHours('22:00', '06:00')).toBe('22:00-06:00');
    expect(roundTrip('TELEHUB_CALLING_HOURS', '10:00-24:00')).toEqual({ ok: true, text: '10:00-24:00' });
    expect(checkDraft(spec('TELEHUB_CALLING_HOURS'), { kind: 'hours', from: '09:00', to: '' })).toMatchObject({ ok: false, problem: { key: 'hours' } });
  });

  it('reads the switches as the server does', () => {
    for (const yes of ['1', 'true', 'yes', 'on', 'TRUE']) expect(parseBool(yes)).toBe(true);
    for (const no of ['0', 'false', 'no', 'off', '', null]) expect(parseBool(no)).toBe(false);
    expect(roundTrip('TELEHUB_CONSENT_REQUIRED', 'yes')).toEqual({ ok: true, text: 'true' });
  });

  it('checks addresses by their scheme, an empty one turning the connector back to the environment', () => {
    expect(checkDraft(spec('LARAVEL_CRM_URL'), { kind: 'text', text: 'ftp://crm' })).toMatchObject({ ok: false, problem: { key: 'url' } });
    expect(checkDraft(spec('LARAVEL_CRM_URL'), { kind: 'text', text: ' https://crm.example.com ' })).toEqual({ ok: true, text: 'https://crm.example.com' });
    expect(checkDraft(spec('LARAVEL_CRM_URL'), { kind: 'text', text: '' })).toEqual({ ok: true, text: null });
    expect(checkDraft(spec('LEGACY_MYSQL_URL'), { kind: 'text', text: 'http://db' })).toMatchObject({ ok: false, problem: { key: 'url' } });
  });

  it('never shows a secret, and keeps the one in force when left blank', () => {
    expect(draftOf(spec('LARAVEL_CRM_TOKEN'), 'anything')).toEqual({ kind: 'text', text: '' });
    expect(checkDraft(spec('LARAVEL_CRM_TOKEN'), { kind: 'text', text: '  ' })).toEqual({ ok: true, text: null });
    expect(isEdited(spec('LARAVEL_CRM_TOKEN'), null, { kind: 'text', text: '' })).toBe(false);
    expect(isEdited(spec('LARAVEL_CRM_TOKEN'), null, { kind: 'text', text: 'new-token' })).toBe(true);
  });
});

describe('what counts as a change', () => {
  it('compares meanings, not spellings', () => {
    expect(sameValue(spec('TELEHUB_ALERT_IDLE'), '900', '15m')).toBe(true);
    expect(sameValue(spec('TELEHUB_ALERT_CONNECT_DROP'), '0.5', '.50')).toBe(true);
    expect(sameValue(spec('TELEHUB_CONSENT_REQUIRED'), 'on', 'true')).toBe(true);
    expect(sameValue(spec('TELEHUB_CALLING_HOURS'), '00:00-24:00', '00:00-24:00')).toBe(true);
  });

  it('is unchanged until the control holds something else', () => {
    const item: Pick<SettingItem, 'value'> = { value: '20m' };
    const idle = spec('TELEHUB_ALERT_IDLE');
    expect(isEdited(idle, item.value, draftOf(idle, item.value))).toBe(false);
    expect(isEdited(idle, item.value, { kind: 'duration', amount: '1200', unit: 's' })).toBe(false);
    expect(isEdited(idle, item.value, { kind: 'duration', amount: '10', unit: 'm' })).toBe(true);
    expect(isEdited(idle, item.value, { kind: 'duration', amount: '', unit: 'm' })).toBe(true);
    expect(isEdited(spec('LARAVEL_CRM_URL'), null, { kind: 'text', text: '' })).toBe(false);
  });
});
