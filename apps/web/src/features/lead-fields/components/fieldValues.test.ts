import type { LeadFieldDefinition } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { extraFieldRows, formatFieldValue, fromInputText, guessType, humaniseKey, toInputText } from './fieldValues';

const yesNo = { yes: 'Yes', no: 'No' };
const def = (over: Partial<LeadFieldDefinition>): LeadFieldDefinition => ({
  id: '00000000-0000-4000-8000-000000000001',
  key: 'k',
  labelEn: 'K',
  labelHi: null,
  type: 'text',
  options: [],
  order: 0,
  visible: true,
  createdBy: null,
  updatedBy: null,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...over,
});

describe('a key without a definition', () => {
  it.each([
    ['program', 'Program'],
    ['program_name', 'Program name'],
    ['programName', 'Program name'],
    ['utm-source', 'Utm source'],
    ['UTM_source', 'UTM source'],
    ['  __x__ ', 'X'],
    ['Program Name', 'Program Name'],
    ['___', '___'],
  ])('reads %j as %j', (key, label) => {
    expect(humaniseKey(key)).toBe(label);
  });
});

describe('values by type', () => {
  it('formats numbers with Indian grouping, in either language', () => {
    const n = def({ type: 'number' });
    expect(formatFieldValue(n, 250000, 'en', yesNo)).toBe('2,50,000');
    expect(formatFieldValue(n, '1200', 'en', yesNo)).toBe('1,200');
    expect(formatFieldValue(n, 'about ten', 'en', yesNo)).toBe('about ten');
    expect(formatFieldValue(n, 250000, 'hi', yesNo)).toBe('2,50,000');
  });

  it('formats a calendar date as that day, and keeps text that is no date', () => {
    const d = def({ type: 'date' });
    expect(formatFieldValue(d, '2025-04-01', 'en', yesNo)).toBe('1 Apr 2025');
    expect(formatFieldValue(d, '2025-04-01', 'hi', yesNo)).toBe('1 अप्रैल 2025');
    expect(formatFieldValue(d, 'next week', 'en', yesNo)).toBe('next week');
  });

  it('shows a choice by its label in the language, and a value not among the options as it is', () => {
    const c = def({ type: 'choice', options: [{ value: 'sci', labelEn: 'Science', labelHi: 'विज्ञान' }] });
    expect(formatFieldValue(c, 'sci', 'en', yesNo)).toBe('Science');
    expect(formatFieldValue(c, 'sci', 'hi', yesNo)).toBe('विज्ञान');
    expect(formatFieldValue(c, 'arts', 'hi', yesNo)).toBe('arts');
  });

  it('reads yes and no from booleans and from the words imports carry', () => {
    const b = def({ type: 'boolean' });
    expect([true, 'yes', 'TRUE', 1, false, 'no', '0', 'maybe'].map((v) => formatFieldValue(b, v, 'en', yesNo))).toEqual([
      'Yes',
      'Yes',
      'Yes',
      'Yes',
      'No',
      'No',
      'No',
      'maybe',
    ]);
  });
});

describe('the rows of a lead’s extra information', () => {
  it('puts defined fields first, in order and under their label, leaves hidden and empty ones out, and humanises the rest', () => {
    const defs = [
      def({ key: 'class', labelEn: 'Class', labelHi: 'कक्षा', type: 'number', order: 0 }),
      def({ key: 'secret', labelEn: 'Secret', visible: false, order: 1 }),
      def({ key: 'board', labelEn: 'Board', order: 2 }),
    ];
    const metadata = { program_name: 'JEE', board: '', secret: 'x', class: '11', alternatePhones: ['+919800000000'], state: 'Bihar' };
    expect(extraFieldRows(metadata, defs, 'hi', yesNo)).toEqual([
      { key: 'class', label: 'कक्षा', value: '11', defined: true },
      { key: 'program_name', label: 'Program name', value: 'JEE', defined: false },
      { key: 'state', label: 'State', value: 'Bihar', defined: false },
    ]);
  });
});

describe('the edit dialog’s inputs', () => {
  it('turns input text into the stored value, null to clear, or invalid', () => {
    expect(fromInputText(def({ type: 'number' }), '1,200.5')).toEqual({ value: 1200.5 });
    expect(fromInputText(def({ type: 'number' }), 'twelve')).toBe('invalid');
    expect(fromInputText(def({ type: 'date' }), '2025-02-30')).toBe('invalid');
    expect(fromInputText(def({ type: 'boolean' }), 'false')).toEqual({ value: false });
    expect(fromInputText(def({ type: 'choice', options: [{ value: 'a', labelEn: 'A', labelHi: null }] }), 'b')).toBe('invalid');
    expect(fromInputText(def({ type: 'text' }), '   ')).toEqual({ value: null });
  });

  it('shows stored values in the input, and leaves empty what the input cannot hold', () => {
    expect(toInputText(def({ type: 'date' }), '2025-04-01T10:00:00Z')).toBe('2025-04-01');
    expect(toInputText(def({ type: 'date' }), 'soon')).toBe('');
    expect(toInputText(def({ type: 'boolean' }), 'yes')).toBe('true');
    expect(toInputText(def({ type: 'number' }), 12)).toBe('12');
  });

  it('guesses a type from an example value in the data', () => {
    expect(['2025-04-01', 'true', '11', '110001', 'JEE', null].map(guessType)).toEqual(['date', 'boolean', 'number', 'text', 'text', 'text']);
  });
});
