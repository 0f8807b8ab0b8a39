/** The module's public face: what live assist calls for each utterance, and the demo calls it must read right. */
import { Understanding } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { CONVERSATIONS } from '../../providers/telephony/simulator/conversations.js';
import { loadUnderstanding } from './index.js';
import { readCorpus } from './nlu.corpus.js';
import { fold, normalise, tokenize } from './nlu.features.js';
import { readModelFile } from './nlu.model.js';

const { understand, detectLanguage, version } = loadUnderstanding();

/** What each lead says in the simulator's demo calls, and the objection the labelling guide gives it. */
const DEMO: Record<string, string> = {
  'Yes, speaking. Is this about the nursing course form I filled?': 'none',
  'Seventy percent sounds good, but the remaining fee is still too expensive for us.': 'price',
  'Okay. Is there a hostel? The college is far from my home.': 'logistics',
  'Let me talk to my father first. Can you call me back tomorrow evening?': 'consult_family',
  'जी नमस्ते, बताइए।': 'none',
  'फीस कितनी है? पिछली बार बहुत महंगा बताया था।': 'price',
  'ठीक है, लेकिन क्लास का समय क्या है? मैं दिन में काम करता हूँ।': 'timing',
  'अच्छा, तो मैं दाखिला लेना चाहूँगा। आगे क्या करना होगा?': 'none',
  'Haan boliye, kis baare mein call kiya?': 'none',
  'Haan, par abhi time nahi hai, main busy hoon office mein.': 'timing',
  'Online hai toh theek hai. Fees kitni hai?': 'none',
  'Accha, mujhe sochna padega. Aap Saturday ko call karna.': 'callback_later',
};

const leadLines = CONVERSATIONS.flatMap((c) => c.lines.filter((l) => l.speaker === 'lead').map((l) => ({ ...l, language: c.language })));

describe('the demo calls', () => {
  it('covers every lead line of the simulator', () => {
    expect(leadLines.map((l) => l.text).sort()).toEqual(Object.keys(DEMO).sort());
  });

  it.each(leadLines)('reads "$text"', ({ text, language }) => {
    const u = understand(text);
    expect(u.top.label).toBe(DEMO[text]);
    expect(u.lang).toBe(language);
    expect(detectLanguage(text)).toBe(language);
    if (u.top.label === 'none') expect(u.objections).toEqual([]);
    else expect(u.objections[0]?.type).toBe(u.top.label);
  });

  it('hears the lead who finds the fee too expensive as negative', () => {
    const u = understand('Seventy percent sounds good, but the remaining fee is still too expensive for us.');
    expect(u.sentiment.label).toBe('negative');
    expect(u.sentiment.score).toBeLessThan(-0.3);
  });

  it('never trained on the demo lines', () => {
    const key = (t: string) => tokenize(normalise(t)).map(fold).join(' ');
    const demo = new Set(CONVERSATIONS.flatMap((c) => c.lines.map((l) => key(l.text))));
    const { train, test } = readCorpus();
    expect([...train, ...test].filter((r) => demo.has(key(r.text)))).toEqual([]);
  });
});

describe('understand', () => {
  it('answers empty and blank text with English, no objection, neutral', () => {
    for (const text of ['', '   ', '\n\t']) {
      expect(understand(text)).toEqual({ lang: 'en', objections: [], sentiment: { label: 'neutral', score: 0 }, top: { label: 'none', confidence: 1 } });
    }
  });

  it('gives the shared Understanding shape, at most two objections, never `none` among them', () => {
    const texts = [
      'The fee is too expensive and my father has to agree first.',
      'fees kitni hai?',
      'मुझे कोई रुचि नहीं है',
      'ok',
      '???',
      'Call me tomorrow, I am driving.',
    ];
    for (const text of texts) {
      const u = understand(text);
      expect(Understanding.parse(u)).toBeTruthy();
      expect(u.objections.length).toBeLessThanOrEqual(2);
      expect(u.top.label).toBe(u.objections[0]?.type ?? 'none');
      expect(u.top.confidence).toBeGreaterThanOrEqual(0);
      expect(u.top.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('keeps the language the caller already knows', () => {
    expect(understand('fees bahut zyada hai', 'hi').lang).toBe('hi');
    expect(understand('fees bahut zyada hai').lang).toBe('hinglish');
  });

  it('tells an objection from a question about the same thing, in every language', () => {
    expect(understand('What is the fee?').top.label).toBe('none');
    expect(understand('The fee is too expensive for us.').top.label).toBe('price');
    expect(understand('fees kitni hai?').top.label).toBe('none');
    expect(understand('fees bahut zyada hai, afford nahi kar sakte').top.label).toBe('price');
    expect(understand('फीस कितनी है?').top.label).toBe('none');
    expect(understand('फीस बहुत ज़्यादा है, हम नहीं भर पाएंगे').top.label).toBe('price');
  });

  it('hears a turned-down objection as none, and a happy one', () => {
    const u = understand('Money is not a problem, we can pay.');
    expect(u.top.label).toBe('none');
    expect(u.sentiment.label).toBe('positive');
    expect(understand('paise ki koi dikkat nahi hai').top.label).toBe('none');
  });

  it('reads the same objection through spellings and scripts', () => {
    for (const text of ['phees bahot jyada hai', 'fis bohot zada h', 'फ़ीस बहुत जादा है', 'the fess are way too expnsive'])
      expect(understand(text).top.label).toBe('price');
  });
});

describe('detectLanguage', () => {
  it('knows Devanagari Hindi, English and romanized Hinglish', () => {
    expect(detectLanguage('मुझे पापा से पूछना पड़ेगा')).toBe('hi');
    expect(detectLanguage('I need to ask my father first')).toBe('en');
    expect(detectLanguage('mujhe papa se puchna padega')).toBe('hinglish');
    expect(detectLanguage('')).toBe('en');
  });
});

describe('loadUnderstanding', () => {
  it('loads the model once and names its version', () => {
    expect(loadUnderstanding().understand).toBe(understand);
    expect(version).toBe(readModelFile().version);
    expect(version).toMatch(/^nlu-[0-9a-f]{12}$/);
  });
});
