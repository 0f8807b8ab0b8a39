/** Reading a finished call's transcript with the shipped assist model. */
import { describe, expect, it } from 'vitest';
import { loadUnderstanding } from '../nlu/index.js';
import { analyzeTranscript, type Line, summaryLanguage } from './analysis.text.js';

const { understand } = loadUnderstanding();
let at = 0;
const say = (speaker: Line['speaker'], text: string, gapMs = 800): Line => {
  const startMs = at + gapMs;
  at = startMs + 250 * text.split(' ').length;
  return { speaker, text, startMs, endMs: at };
};

describe('transcript analysis', () => {
  it('reads a Hinglish call: the price objection answered, a callback promised, programme, fee and day found, and the wrap-up it suggests', () => {
    at = 0;
    const lines = [
      say('agent', 'Namaste, main Priya bol rahi hoon TeleHub Academy se, yeh call record ki ja rahi hai.'),
      say('lead', 'Haan boliye.'),
      say('agent', 'Aapne BBA course ke baare mein enquiry ki thi, kya aap abhi baat kar sakte hain?'),
      say('lead', 'Fees bahut zyada hai, hum afford nahi kar payenge.'),
      say('agent', 'Main samajh sakti hoon. Hamare paas scholarship hai aur EMI bhi, 40,000 rupees per semester se shuru hota hai.'),
      say('lead', 'Achha, yeh toh theek lagta hai.'),
      say('lead', 'Mujhe papa se poochna padega, aap kal 5 baje call karna.'),
      say('agent', 'Bilkul, main kal 5 baje call karungi aur brochure WhatsApp pe bhej deti hoon.'),
    ];
    const m = analyzeTranscript(lines, understand);
    expect(m.objections.find((o) => o.type === 'price')).toMatchObject({ handled: true });
    expect(m.keywords).toEqual(
      expect.arrayContaining([
        { kind: 'programme', text: 'bba' },
        { kind: 'fee', text: '40,000 rupees' },
        { kind: 'date', text: 'kal' },
      ]),
    );
    expect(m.commitments.map((c) => c.kind)).toEqual(expect.arrayContaining(['callback', 'documents']));
    expect(m.commitments.find((c) => c.kind === 'callback')?.when).toMatch(/kal 5 baje/);
    expect(m.wrapUp).toMatchObject({ disposition: 'callback' });
    expect(m.wrapUp.callbackWhen).toMatch(/kal/);
    expect(m.summary).toMatch(/bba/);
    expect(m.summary).toMatch(/The lead raised the price.*, and the agent answered/);
    expect(m.sentiment.lead?.arc.length).toBeGreaterThan(1);
  });

  it('counts an objection the agent brushed off, or that the lead raised again, as unanswered', () => {
    at = 0;
    const brushed = analyzeTranscript(
      [say('lead', 'This is too expensive for us, we cannot afford it.'), say('agent', 'Ok.'), say('lead', 'Bye.')],
      understand,
    );
    expect(brushed.objections.find((o) => o.type === 'price')?.handled).toBe(false);
    at = 0;
    const again = analyzeTranscript(
      [
        say('lead', 'The fees are too expensive, we cannot afford it.'),
        say('agent', 'We have a scholarship that takes twenty percent off the first year fees.'),
        say('lead', 'Still too expensive for my family, we cannot afford it.'),
      ],
      understand,
    );
    expect(again.objections[0]).toMatchObject({ type: 'price', handled: false });
    expect(again.wrapUp.disposition).not.toBe('callback');
  });

  it('reads Devanagari, and gives empty measures for an empty transcript', () => {
    at = 0;
    const m = analyzeTranscript(
      [say('lead', 'मुझे दिल्ली कैंपस के बारे में बताइए, फीस कितनी है?'), say('agent', 'दिल्ली कैंपस में बी.टेक की फीस 1.2 लाख है, मैं ब्रोशर भेज देती हूँ।')],
      understand,
    );
    expect(m.keywords).toEqual(
      expect.arrayContaining([
        { kind: 'place', text: 'दिल्ली' },
        { kind: 'fee', text: '1.2 लाख' },
      ]),
    );
    expect(m.commitments.map((c) => c.kind)).toContain('documents');
    // A call spoken in Hindi is summed up in Hindi; the Hinglish call above in English.
    expect(summaryLanguage([say('lead', 'फीस कितनी है बताइए?'), say('agent', 'Fees 40,000')])).toBe('hi');
    expect(summaryLanguage([say('lead', 'फीस?'), say('agent', 'The fees are 40,000 rupees')])).toBe('en');
    expect(m.summary).toMatch(/के बारे में बात हुई।/);
    expect(m.summary).toMatch(/एजेंट: "दिल्ली कैंपस/);
    expect(m.summary).not.toMatch(/The lead|Talked about/);
    const empty = analyzeTranscript([], understand);
    expect(empty).toEqual({
      sentiment: { lead: null, agent: null },
      objections: [],
      keywords: [],
      commitments: [],
      summary: '',
      wrapUp: { disposition: 'interested', callbackWhen: null, note: '' },
    });
  });
});
