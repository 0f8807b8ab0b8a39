/**
 * Demo conversations the simulator speaks during a call, per language: an admissions counsellor
 * of an education nonprofit and a student or parent. Offsets are seconds after the answer.
 */
export type Line = { at: number; speaker: 'agent' | 'lead'; text: string };
export type Conversation = { language: 'en' | 'hi' | 'hinglish'; lines: Line[] };

export const CONVERSATIONS: Conversation[] = [
  {
    language: 'en',
    lines: [
      { at: 1, speaker: 'agent', text: 'Hello, this is Asha from Shiksha Foundation. This call is recorded for quality. Am I speaking with the student?' },
      { at: 7, speaker: 'lead', text: 'Yes, speaking. Is this about the nursing course form I filled?' },
      { at: 12, speaker: 'agent', text: 'Exactly. The B.Sc Nursing batch starts in January, and scholarships cover up to seventy percent of the fee.' },
      { at: 20, speaker: 'lead', text: 'Seventy percent sounds good, but the remaining fee is still too expensive for us.' },
      { at: 26, speaker: 'agent', text: 'I understand. We also have an instalment plan, and the first month is free while documents are checked.' },
      { at: 34, speaker: 'lead', text: 'Okay. Is there a hostel? The college is far from my home.' },
      { at: 39, speaker: 'agent', text: 'Yes, the hostel is inside the campus and meals are included for scholarship students.' },
      { at: 46, speaker: 'lead', text: 'Let me talk to my father first. Can you call me back tomorrow evening?' },
      { at: 51, speaker: 'agent', text: 'Of course. I will call you tomorrow at six. Thank you for your time!' },
    ],
  },
  {
    language: 'hi',
    lines: [
      { at: 1, speaker: 'agent', text: 'नमस्ते, मैं शिक्षा फाउंडेशन से राहुल बोल रहा हूँ। यह कॉल गुणवत्ता के लिए रिकॉर्ड की जा रही है।' },
      { at: 7, speaker: 'lead', text: 'जी नमस्ते, बताइए।' },
      { at: 10, speaker: 'agent', text: 'आपने कंप्यूटर कोर्स के लिए फॉर्म भरा था। नया बैच अगले सोमवार से शुरू हो रहा है।' },
      { at: 17, speaker: 'lead', text: 'फीस कितनी है? पिछली बार बहुत महंगा बताया था।' },
      { at: 22, speaker: 'agent', text: 'इस बार छात्रवृत्ति के बाद सिर्फ़ दो हज़ार रुपये महीना है, और किस्तों में दे सकते हैं।' },
      { at: 30, speaker: 'lead', text: 'ठीक है, लेकिन क्लास का समय क्या है? मैं दिन में काम करता हूँ।' },
      { at: 36, speaker: 'agent', text: 'शाम की क्लास सात बजे से है, और रविवार को छुट्टी रहती है।' },
      { at: 42, speaker: 'lead', text: 'अच्छा, तो मैं दाखिला लेना चाहूँगा। आगे क्या करना होगा?' },
      { at: 48, speaker: 'agent', text: 'मैं आपको व्हाट्सऐप पर फॉर्म भेज रहा हूँ। धन्यवाद!' },
    ],
  },
  {
    language: 'hinglish',
    lines: [
      { at: 1, speaker: 'agent', text: 'Hello ji, main Priya bol rahi hoon Shiksha Foundation se. Yeh call recorded hai quality ke liye.' },
      { at: 7, speaker: 'lead', text: 'Haan boliye, kis baare mein call kiya?' },
      { at: 10, speaker: 'agent', text: 'Aapne spoken English course mein interest dikhaya tha, uske baare mein batana tha.' },
      { at: 16, speaker: 'lead', text: 'Haan, par abhi time nahi hai, main busy hoon office mein.' },
      { at: 21, speaker: 'agent', text: 'Koi baat nahi, classes online bhi hain aur recording bhi milti hai, aap apne time pe dekh sakte hain.' },
      { at: 29, speaker: 'lead', text: 'Online hai toh theek hai. Fees kitni hai?' },
      { at: 33, speaker: 'agent', text: 'Teen mahine ka course hai, total teen hazaar, aur scholarship ke baad sirf fifteen hundred.' },
      { at: 40, speaker: 'lead', text: 'Accha, mujhe sochna padega. Aap Saturday ko call karna.' },
      { at: 45, speaker: 'agent', text: 'Bilkul, Saturday ko call karti hoon. Thank you!' },
    ],
  },
];

/** The conversation in this language (English when unknown). */
export function conversationIn(language: string | null): Conversation {
  return CONVERSATIONS.find((c) => c.language === language) ?? (CONVERSATIONS[0] as Conversation);
}

/** Hindi speakers hear Hindi, English speakers English, everyone else the Hinglish script. */
export function conversationFor(language: string | null, pick: number): Conversation {
  const byLang = conversationIn;
  if (language === 'hi') return pick < 0.5 ? byLang('hi') : byLang('hinglish');
  if (language === 'en') return byLang('en');
  return byLang(pick < 0.5 ? 'hinglish' : 'en');
}
