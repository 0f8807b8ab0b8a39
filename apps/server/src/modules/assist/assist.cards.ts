/**
 * Cards from what the engine found: the words on each, in English and Hindi. A card's `key` says
 * what it is about (one objection, one article, the checklist), so the screen replaces an older
 * card with a newer one of the same key instead of stacking them.
 */
import { randomUUID } from 'node:crypto';
import type { AssistCard, BilingualText, NudgeKind, Objection, ObjectionType, ScriptCheckpoint } from '@telehub/shared';
import type { SessionChange } from './assist.session.js';

/** What the knowledge module gives the engine: the campaign's card for an objection, and search. */
export type BattlecardText = { title: BilingualText; body: BilingualText; suggestedReply: BilingualText | null };
export type KnowledgeHit = { id: string; title: string; snippet: string; language: 'en' | 'hi'; score: number; coverage: number };

export type CardDraft = Omit<AssistCard, 'id' | 'callId' | 'createdAt' | 'latencyMs' | 'segmentSeq'>;

const BLANK = { objection: null, checklist: null, stage: null, trend: null, nudge: null } as const;

export const OBJECTION_NAMES: Record<ObjectionType, BilingualText> = {
  price: { en: 'Price', hi: 'कीमत' },
  timing: { en: 'Timing', hi: 'समय' },
  callback_later: { en: 'Call back later', hi: 'बाद में कॉल' },
  not_interested: { en: 'Not interested', hi: 'रुचि नहीं' },
  trust: { en: 'Trust', hi: 'भरोसा' },
  consult_family: { en: 'Consult family', hi: 'परिवार से सलाह' },
  already_enrolled: { en: 'Already enrolled', hi: 'पहले से दाखिला' },
  logistics: { en: 'Logistics', hi: 'आने-जाने/रहने की बात' },
};

/** When no battlecard was written for an objection: a plain, safe hint. */
const GENERIC_HINT: Record<ObjectionType, BilingualText> = {
  price: { en: 'Acknowledge the cost, then mention scholarships and the instalment plan.', hi: 'खर्च की बात मानें, फिर छात्रवृत्ति और किस्तों के बारे में बताएँ।' },
  timing: { en: 'Ask what time suits them; mention evening, weekend or online batches.', hi: 'पूछें कौन सा समय ठीक है; शाम, सप्ताहांत या ऑनलाइन बैच बताएँ।' },
  callback_later: { en: 'Agree a specific day and time for the callback and save it.', hi: 'कॉलबैक के लिए तय दिन और समय पूछें और सेव करें।' },
  not_interested: { en: 'Ask one open question about their goal before closing politely.', hi: 'विनम्रता से बात खत्म करने से पहले उनके लक्ष्य के बारे में एक सवाल पूछें।' },
  trust: { en: 'Share the registration, past results and how to visit or verify.', hi: 'पंजीकरण, पिछले नतीजे और जाँचने या मिलने का तरीका बताएँ।' },
  consult_family: {
    en: 'Offer to speak with the family member; fix a time for a joint call.',
    hi: 'परिवार के सदस्य से बात करने की पेशकश करें; साथ में कॉल का समय तय करें।',
  },
  already_enrolled: {
    en: 'Congratulate them; ask if a sibling or friend is looking, or offer a short add-on course.',
    hi: 'बधाई दें; पूछें कि क्या कोई भाई-बहन या दोस्त ढूँढ रहा है।',
  },
  logistics: { en: 'Address travel and stay: hostel, transport, online classes and recordings.', hi: 'आने-जाने और रहने की बात करें: हॉस्टल, परिवहन, ऑनलाइन क्लास।' },
};

export function objectionCard(o: Objection, card: BattlecardText | null): CardDraft {
  const name = OBJECTION_NAMES[o.type];
  return {
    ...BLANK,
    kind: 'objection',
    key: `objection:${o.type}`,
    title: card?.title ?? name,
    body: card ? (card.suggestedReply ? joinText(card.body, card.suggestedReply) : card.body) : GENERIC_HINT[o.type],
    objection: o,
    source: card ? 'battlecard' : 'rules',
  };
}

const joinText = (a: BilingualText, b: BilingualText): BilingualText => ({
  en: `${a.en}\n\n${b.en}`,
  hi: a.hi && b.hi ? `${a.hi}\n\n${b.hi}` : (a.hi ?? null),
});

export function knowledgeCard(hit: KnowledgeHit): CardDraft {
  // One language per article: shown as written, in both slots, so a Hindi screen still shows an English-only answer.
  const title = { en: hit.title, hi: hit.title };
  const body = { en: hit.snippet, hi: hit.snippet };
  return { ...BLANK, kind: 'knowledge', key: `knowledge:${hit.id}`, title, body, source: 'knowledge' };
}

export const CHECKPOINT_NAMES: Record<ScriptCheckpoint, BilingualText> = {
  greeting: { en: 'Greeting', hi: 'अभिवादन' },
  recording_disclosure: { en: 'Recording disclosure', hi: 'रिकॉर्डिंग की सूचना' },
  need_discovery: { en: 'Need discovery', hi: 'ज़रूरत समझना' },
  pitch: { en: 'Pitch', hi: 'प्रस्ताव' },
  objection_handling: { en: 'Objection handling', hi: 'आपत्ति का जवाब' },
  close: { en: 'Close', hi: 'बात पक्की करना' },
  next_step: { en: 'Next step', hi: 'अगला कदम' },
};

const NUDGES: Record<NudgeKind, { title: BilingualText; body: (detail: string | null) => BilingualText }> = {
  recording_disclosure: {
    title: { en: 'Say the call is recorded', hi: 'बताएँ कि कॉल रिकॉर्ड हो रही है' },
    body: () => ({
      en: '30 seconds in and the recording notice has not been given. Say: "This call is recorded for quality."',
      hi: '30 सेकंड हो गए, रिकॉर्डिंग की सूचना नहीं दी गई। कहें: "यह कॉल गुणवत्ता के लिए रिकॉर्ड की जा रही है।"',
    }),
  },
  talk_share: {
    title: { en: 'Let the lead talk', hi: 'लीड को बोलने दें' },
    body: (d) => ({
      en: `You spoke ${d ?? 'most'} of the last two minutes. Ask an open question and listen.`,
      hi: `पिछले दो मिनट में ${d ?? 'ज़्यादातर'} आप बोले। एक खुला सवाल पूछें और सुनें।`,
    }),
  },
  banned_phrase: {
    title: { en: 'Promise not allowed', hi: 'ऐसा वादा मना है' },
    body: (d) => ({
      en: `"${d ?? ''}" is a promise we cannot make. Correct it: results depend on the student.`,
      hi: `"${d ?? ''}" ऐसा वादा हम नहीं कर सकते। सुधारें: नतीजे छात्र की मेहनत पर निर्भर हैं।`,
    }),
  },
};

/** The card for a change in the call's session. */
export function sessionCard(change: SessionChange): CardDraft {
  switch (change.kind) {
    case 'script': {
      const next = change.checklist.find((c) => !c.done);
      const stage = change.stage ? { key: change.stage.key, title: { en: change.stage.title, hi: change.stage.titleHi } } : null;
      return {
        ...BLANK,
        kind: 'script',
        key: 'script',
        title: { en: 'Script checklist', hi: 'स्क्रिप्ट चेकलिस्ट' },
        body: next
          ? { en: `Next: ${CHECKPOINT_NAMES[next.checkpoint].en}`, hi: `अगला: ${CHECKPOINT_NAMES[next.checkpoint].hi}` }
          : { en: 'Every step covered.', hi: 'सभी कदम पूरे।' },
        checklist: change.checklist,
        stage,
        source: 'rules',
      };
    }
    case 'sentiment': {
      const words = { positive: { en: 'Positive', hi: 'सकारात्मक' }, neutral: { en: 'Neutral', hi: 'सामान्य' }, negative: { en: 'Negative', hi: 'नकारात्मक' } }[
        change.last.label
      ];
      return {
        ...BLANK,
        kind: 'sentiment',
        key: 'sentiment',
        title: { en: 'Lead sentiment', hi: 'लीड का मूड' },
        body: words,
        trend: change.trend,
        source: 'model',
      };
    }
    case 'nudge': {
      const n = NUDGES[change.nudge];
      return { ...BLANK, kind: 'nudge', key: `nudge:${change.nudge}`, title: n.title, body: n.body(change.detail), nudge: change.nudge, source: 'rules' };
    }
  }
}

export function suggestionCard(text: string, lang: 'en' | 'hi' | 'hinglish', source: 'llm' | 'battlecard' | 'knowledge'): CardDraft {
  const body = lang === 'hi' ? { en: text, hi: text } : { en: text, hi: null };
  return { ...BLANK, kind: 'suggestion', key: 'suggestion', title: { en: 'Suggested reply', hi: 'सुझाया गया जवाब' }, body, source };
}

/** A draft made a card of a call, stamped now. */
export function stamp(draft: CardDraft, callId: string, at: Date, segmentSeq: number | null, latencyMs: number | null): AssistCard {
  return { ...draft, id: randomUUID(), callId, createdAt: at.toISOString(), segmentSeq, latencyMs };
}
