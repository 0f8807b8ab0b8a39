/** Transliteration both ways, and the folding that makes the scripts and spellings meet. */
import { describe, expect, it } from 'vitest';
import { analyze, foldWord } from './knowledge.fold.js';
import { toDevanagari, toLatin } from './knowledge.translit.js';

describe('Devanagari to Latin', () => {
  it.each([
    ['फीस', 'phees'],
    ['छात्रवृत्ति', 'chhatravritti'],
    ['हॉस्टल', 'hostal'],
    ['खर्चा', 'kharcha'],
    ['कितना', 'kitna'],
    ['समझना', 'samajhna'],
    ['नौकरी', 'naukri'],
    ['परिवार', 'parivar'],
    ['मित्र', 'mitra'],
    ['संपर्क', 'sampark'],
    ['हिंदी', 'hindi'],
    ['ऑनलाइन', 'onlain'],
    ['पढ़ाई', 'padhai'],
  ])('%s -> %s', (dev, latin) => {
    expect(toLatin(dev)).toBe(latin);
  });

  it('reads precomposed and decomposed nukta letters alike, and Devanagari digits', () => {
    expect(toLatin('\u095E\u0940\u0938')).toBe('fees');
    expect(toLatin('फ़ीस')).toBe('fees');
    expect(toLatin('कक्षा १०')).toBe('kaksha 10');
  });

  it('leaves Latin text and punctuation as they are', () => {
    expect(toLatin('NIOS की फीस: ₹1,800')).toBe('NIOS ki phees: ₹1,800');
  });
});

describe('Latin to Devanagari', () => {
  it.each([
    ['fees', 'फीस'],
    ['phees', 'फीस'],
    ['hostel', 'हॉस्टल'],
    ['kharcha', 'खर्चा'],
    ['kitna', 'कितना'],
    ['karna', 'करना'],
    ['naukri', 'नौकरी'],
    ['online', 'ऑनलाइन'],
    ['doctor', 'डॉक्टर'],
    ['college', 'कॉलेज'],
    ['hindi', 'हिंदी'],
    ['kist', 'किस्त'],
    ['mitra', 'मित्र'],
  ])('%s -> %s', (latin, dev) => {
    expect(toDevanagari(latin)).toBe(dev);
  });

  it('writes the vowel ऋ where ri meets a double consonant', () => {
    expect(toDevanagari('chhatravritti')).toContain('वृत्ति');
  });

  // Not every word: Latin does not say where Hindi drops a vowel (jankari could be जंकरी), so a
  // round trip may regroup the syllables of a word like that one.
  it('comes back to the same search key it started from for common words', () => {
    for (const w of ['chhatravritti', 'hostel', 'kharcha', 'fees', 'parivar', 'samay', 'online', 'naukri', 'pariksha', 'suraksha']) {
      expect({ w, key: foldWord(toLatin(toDevanagari(w))).key }).toEqual({ w, key: foldWord(w).key });
    }
  });
});

describe('folding', () => {
  it.each([
    ['फीस', 'fees'],
    ['फीस', 'phees'],
    ['छात्रवृत्ति', 'chhatravritti'],
    ['छात्रवृत्ति', 'chatravriti'],
    ['hostel', 'हॉस्टल'],
    ['kharcha', 'खर्च'],
    ['kharcha', 'खर्चा'],
    ['nokri', 'नौकरी'],
    ['online', 'ऑनलाइन'],
    ['time', 'टाइम'],
    ['teacher', 'टीचर'],
    ['college', 'कॉलेज'],
    ['class', 'क्लास'],
    ['wapas', 'वापस'],
    ['vaapas', 'वापस'],
    ['zyada', 'ज्यादा'],
    ['jyada', 'ज़्यादा'],
    ['form', 'फॉर्म'],
  ])('%s and %s share a key', (a, b) => {
    expect(foldWord(a).key).toBe(foldWord(b).key);
  });

  it.each([
    ['course', 'कोर्स'],
    ['campus', 'कैंपस'],
    ['placement', 'प्लेसमेंट'],
    ['certificate', 'सर्टिफिकेट'],
    ['english', 'इंग्लिश'],
    ['computer', 'कंप्यूटर'],
  ])('%s and %s share a consonant skeleton where the vowels disagree', (a, b) => {
    expect(foldWord(a).key).not.toBe(foldWord(b).key);
    expect(foldWord(a).skeleton).not.toBeNull();
    expect(foldWord(a).skeleton).toBe(foldWord(b).skeleton);
  });

  it('keeps apart words that only look alike', () => {
    expect(foldWord('fees').key).not.toBe(foldWord('face').key);
    expect(foldWord('hostel').key).not.toBe(foldWord('hotel').key);
    expect(foldWord('samay').key).not.toBe(foldWord('same').key);
  });

  it('drops common words of either language in either script', () => {
    expect(analyze('hostel ka kharcha kitna hai').map((f) => f.key)).toEqual(['hostal', 'karc']);
    expect(analyze('हॉस्टल का खर्चा कितना है').map((f) => f.key)).toEqual(['hostal', 'karc']);
    expect(analyze('What is the fee for the hostel?').map((f) => f.key)).toEqual(['fi', 'hostal']);
  });
});
