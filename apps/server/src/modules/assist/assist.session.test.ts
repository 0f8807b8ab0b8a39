import type { Understanding } from '@telehub/shared';
import { describe, expect, it } from 'vitest';
import { bannedPhraseIn, checkpointsIn, isQuestion, questionOf, saysRecordingNotice } from './assist.rules.js';
import { createCallSession } from './assist.session.js';

const neutral: Understanding = { lang: 'en', objections: [], sentiment: { label: 'neutral', score: 0 } };
const price: Understanding = { lang: 'en', objections: [{ type: 'price', confidence: 0.9 }], sentiment: { label: 'negative', score: -0.6 } };

describe('assist rules', () => {
  it('hears the recording notice in English, Hindi and Hinglish', () => {
    expect(saysRecordingNotice('This call is recorded for quality.')).toBe(true);
    expect(saysRecordingNotice('यह कॉल गुणवत्ता के लिए रिकॉर्ड की जा रही है।')).toBe(true);
    expect(saysRecordingNotice('Yeh call recorded hai quality ke liye.')).toBe(true);
    expect(saysRecordingNotice('We have a record number of students this year')).toBe(false);
  });

  it('finds checkpoints in an agent line', () => {
    expect(checkpointsIn('Hello, this is Asha from Shiksha Foundation.')).toContain('greeting');
    expect(checkpointsIn('इस बार छात्रवृत्ति के बाद सिर्फ़ दो हज़ार रुपये महीना है')).toContain('pitch');
    expect(checkpointsIn('Of course. I will call you tomorrow at six.')).toContain('next_step');
    expect(checkpointsIn('The weather is nice')).toEqual([]);
  });

  it('catches promises a counsellor must not make, in any script', () => {
    expect(bannedPhraseIn('Sir, 100% placement hai, guaranteed job milegi')).toBe('guaranteed job');
    expect(bannedPhraseIn('कोर्स के बाद पक्की नौकरी मिलेगी')).toBe('पक्की नौकरी');
    expect(bannedPhraseIn('Results depend on how much the student practises')).toBeNull();
  });

  it('tells questions from statements', () => {
    expect(isQuestion('Is there a hostel')).toBe(true);
    expect(isQuestion('hostel ka kharcha kitna hai')).toBe(true);
    expect(isQuestion('फीस कितनी है')).toBe(true);
    expect(isQuestion('Okay, that sounds good.')).toBe(false);
  });

  it('searches by the sentences that ask, not the small talk around them', () => {
    expect(questionOf('Okay. Is there a hostel? The college is far from my home.')).toBe('Is there a hostel?');
    expect(questionOf('Online hai toh theek hai. Fees kitni hai?')).toBe('Fees kitni hai?');
    expect(questionOf('ठीक है। क्लास का समय क्या है? मैं दिन में काम करता हूँ।')).toBe('क्लास का समय क्या है?');
    expect(questionOf('hostel ka kharcha kitna hai')).toBe('hostel ka kharcha kitna hai');
  });
});

describe('call session', () => {
  it('ticks the checklist as the agent goes, and counts answering an objection as handling it', () => {
    const s = createCallSession({ script: [] });
    s.agentSaid({ text: 'Hello, this is Asha. This call is recorded for quality.', startMs: 0, endMs: 4000 });
    s.leadSaid({ text: 'too expensive', startMs: 5000, endMs: 7000 }, price);
    const changes = s.agentSaid({ text: 'Right, let us look at it together.', startMs: 8000, endMs: 10_000 });
    const script = changes.find((c) => c.kind === 'script');
    expect(script?.kind === 'script' && script.checklist.filter((c) => c.done).map((c) => c.checkpoint)).toEqual([
      'greeting',
      'recording_disclosure',
      'objection_handling',
    ]);
    expect(s.disclosed).toBe(true);
  });

  it('nudges once when the recording notice is missing after 30 s', () => {
    const s = createCallSession({ script: [] });
    s.agentSaid({ text: 'Hello ji, main Priya bol rahi hoon.', startMs: 0, endMs: 3000 });
    expect(s.deadline(29_000)).toEqual([]);
    expect(s.deadline(31_000)).toEqual([{ kind: 'nudge', nudge: 'recording_disclosure', detail: null }]);
    expect(s.deadline(40_000)).toEqual([]);
  });

  it('no notice nudge once the call was said to be recorded', () => {
    const s = createCallSession({ script: [] });
    s.agentSaid({ text: 'This call is being recorded.', startMs: 0, endMs: 2000 });
    expect(s.deadline(45_000)).toEqual([]);
  });

  it('nudges when the agent holds more than 65% of two minutes of speech, and again only after letting the lead talk', () => {
    const s = createCallSession({ script: [] });
    const nudges: string[] = [];
    let t = 0;
    const agent = (ms: number) => {
      for (const c of s.agentSaid({ text: 'and the course also', startMs: t, endMs: t + ms })) if (c.kind === 'nudge') nudges.push(`${c.nudge}@${t + ms}`);
      t += ms;
    };
    const lead = (ms: number) => {
      for (const c of s.leadSaid({ text: 'hmm', startMs: t, endMs: t + ms }, neutral)) if (c.kind === 'nudge') nudges.push(`${c.nudge}@${t + ms}`);
      t += ms;
    };
    // Agent 8 s, lead 2 s, for two minutes: 80%.
    for (let i = 0; i < 12; i++) {
      agent(8000);
      lead(2000);
    }
    expect(nudges).toEqual(['talk_share@120000']);
    // Still talking too much: no second nudge.
    agent(8000);
    lead(2000);
    expect(nudges).toHaveLength(1);
    // The lead talks for two minutes, then the agent dominates again: a second nudge.
    for (let i = 0; i < 12; i++) lead(10_000);
    for (let i = 0; i < 12; i++) {
      agent(9000);
      lead(1000);
    }
    expect(nudges).toHaveLength(2);
  });

  it('keeps the lead sentiment trend to the last twelve', () => {
    const s = createCallSession({ script: [] });
    let last: number[] = [];
    for (let i = 0; i < 15; i++) {
      const [c] = s.leadSaid({ text: 'ok', startMs: i * 1000, endMs: i * 1000 + 500 }, { ...neutral, sentiment: { label: 'neutral', score: i / 20 } });
      if (c?.kind === 'sentiment') last = c.trend;
    }
    expect(last).toHaveLength(12);
    expect(last[11]).toBeCloseTo(0.7);
  });

  it('follows the campaign script stage by the words the agent uses', () => {
    const s = createCallSession({
      script: [
        {
          key: 'intro',
          title: 'Introduction',
          titleHi: 'परिचय',
          text: 'Introduce yourself and Shiksha Foundation, confirm you are speaking with the student',
          textHi: null,
        },
        {
          key: 'offer',
          title: 'Scholarship offer',
          titleHi: null,
          text: 'Explain the scholarship covers seventy percent of the fee with an instalment plan',
          textHi: null,
        },
      ],
    });
    const first = s.agentSaid({ text: 'This is Asha from Shiksha Foundation, am I speaking with the student?', startMs: 0, endMs: 3000 });
    expect(first.find((c) => c.kind === 'script')).toMatchObject({ stage: { key: 'intro' } });
    const second = s.agentSaid({ text: 'The scholarship covers seventy percent of the fee, and an instalment plan helps.', startMs: 4000, endMs: 9000 });
    expect(second.find((c) => c.kind === 'script')).toMatchObject({ stage: { key: 'offer' } });
  });
});
