/** Normalisation and features: the spellings a lead types or speech-to-text writes meet in one form. */
import { describe, expect, it } from 'vitest';
import { clausesOf, featureStrings, fold, hashedFeatures, nearDuplicateKey, normalise, tokenize } from './nlu.features.js';

const folded = (text: string) => tokenize(normalise(text)).map(fold).join(' ');

describe('normalise and fold', () => {
  it('brings romanized spellings together', () => {
    expect(folded('fees')).toBe(folded('phees'));
    expect(folded('fees')).toBe(folded('feees'));
    expect(folded('zyada')).toBe(folded('jyada'));
    expect(folded('accha')).toBe(folded('achha'));
  });

  it('brings Devanagari spellings together: nukta, chandrabindu, nasal consonants, vowel length', () => {
    expect(folded('फ़ीस')).toBe(folded('फीस'));
    expect(folded('फीस')).toBe(folded('फिस'));
    expect(folded('महँगा')).toBe(folded('महंगा'));
    expect(folded('हिन्दी')).toBe(folded('हिंदी'));
    expect(folded('नहीं')).toBe(folded('नही'));
    expect(folded('ज़्यादा')).toBe(folded('ज्यादा'));
  });

  it('keeps questions, drops punctuation and case, and splits scripts', () => {
    expect(tokenize(normalise('Fees KITNI hai?'))).toEqual(['fees', 'kitni', 'hai', '?']);
    expect(tokenize(normalise('feesका ₹2000'))).toEqual(['fees', 'का', 'rs', '0']);
  });
});

describe('features', () => {
  it('marks what a negation or a "but" governs', () => {
    expect(featureStrings('not expensive')).toContain('nexpensive');
    expect(featureStrings('too expensive')).not.toContain('nexpensive');
    expect(featureStrings('mehenga nahi hai')).toContain('mmehenga');
    expect(featureStrings('sounds good but too expensive')).toContain('aexpensive');
  });

  it('points topic words at their objection', () => {
    expect(featureStrings('we cannot afford it')).toContain('tprice');
    expect(featureStrings('ये धोखा तो नहीं')).toContain('ttrust');
    expect(featureStrings('at the moment')).not.toContain('tconsult_family');
  });

  it('hashes into the bucket range with unit length', () => {
    const { indices, value } = hashedFeatures('The fee is too high', 12);
    expect(Math.max(...indices)).toBeLessThan(1 << 12);
    expect(value * value * indices.length).toBeCloseTo(1);
    expect(hashedFeatures('', 12)).toEqual({ indices: new Uint32Array(0), value: 0 });
  });

  it('splits an utterance into clauses only when it has several', () => {
    expect(clausesOf('Okay. Is there a hostel? The college is far from my home.')).toEqual(['Is there a hostel', 'The college is far from my home']);
    expect(clausesOf('Sounds good but the fee is too much')).toEqual(['Sounds good', 'the fee is too much']);
    expect(clausesOf('The fee is too much')).toEqual([]);
  });

  it('sees near duplicates through fillers and word order', () => {
    expect(nearDuplicateKey('Haan ji, fees bahut zyada hai')).toBe(nearDuplicateKey('fees zyada hai bahut'));
  });
});
