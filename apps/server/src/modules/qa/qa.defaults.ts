/**
 * The scorecard a new organisation starts from (the demo loads it): what an admissions call of an
 * education nonprofit should hold, by rule, in both languages. Admins edit it like any other.
 */
import { ScorecardInput } from '@telehub/shared';
import type { z } from 'zod';

export const STARTER_SCORECARD: z.output<typeof ScorecardInput> = ScorecardInput.parse({
  name: 'Admissions call',
  description: 'Opening, compliance, conversation and close of an admissions call. Edit the questions and weights to suit your campaigns.',
  sections: [
    {
      title: 'Opening',
      titleHi: 'शुरुआत',
      questions: [
        {
          key: 'greeting',
          text: 'Greets the lead and says who is calling',
          textHi: 'अभिवादन करता है और अपना परिचय देता है',
          check: { kind: 'checkpoint', checkpoint: 'greeting' },
        },
        {
          key: 'recording-notice',
          text: 'Says the call is recorded within the first 30 seconds',
          textHi: 'पहले 30 सेकंड में बताता है कि कॉल रिकॉर्ड हो रही है',
          weight: 3,
          check: {
            kind: 'phrase',
            phrases: ['recorded', 'recording', 'being recorded', 'record ki ja rahi', 'record ho rahi', 'रिकॉर्ड', 'रिकॉर्डिंग'],
            withinSeconds: 30,
          },
        },
      ],
    },
    {
      title: 'Conversation',
      titleHi: 'बातचीत',
      questions: [
        {
          key: 'needs',
          text: 'Asks about the lead’s needs',
          textHi: 'लीड की ज़रूरत पूछता है',
          weight: 2,
          check: { kind: 'checkpoint', checkpoint: 'need_discovery' },
        },
        { key: 'objections', text: 'Answers every objection raised', textHi: 'हर आपत्ति का जवाब देता है', weight: 3, check: { kind: 'objection_handled' } },
        {
          key: 'listening',
          text: 'Lets the lead talk (agent’s share of speech 35–70%)',
          textHi: 'लीड को बोलने देता है (एजेंट की हिस्सेदारी 35–70%)',
          weight: 2,
          check: { kind: 'talk_ratio', min: 0.35, max: 0.7 },
        },
        {
          key: 'lead-mood',
          text: 'The lead is not left unhappy',
          textHi: 'लीड नाराज़ नहीं रहता',
          check: { kind: 'sentiment', side: 'lead', atLeast: 'neutral' },
        },
      ],
    },
    {
      title: 'Compliance and close',
      titleHi: 'नियम और समापन',
      questions: [
        {
          key: 'no-false-promise',
          text: 'Makes no guarantee of a job, admission or refund',
          textHi: 'नौकरी, दाखिले या रिफ़ंड की गारंटी नहीं देता',
          weight: 3,
          check: {
            kind: 'phrase',
            phrases: ['guaranteed job', 'job guarantee', '100% placement', 'guaranteed admission', 'naukri pakki', 'नौकरी पक्की', 'नौकरी की गारंटी'],
            absent: true,
          },
        },
        {
          key: 'next-step',
          text: 'Agrees a next step (callback, visit, form)',
          textHi: 'अगला कदम तय करता है (कॉलबैक, विज़िट, फॉर्म)',
          weight: 2,
          check: { kind: 'checkpoint', checkpoint: 'next_step' },
        },
      ],
    },
  ],
});
