/** What callers hear, in English and Hindi: the greeting, their place in the queue, and why nobody takes the call. */
export type CallerLanguage = 'en' | 'hi';

const TEXT = {
  en: {
    greeting: 'Thank you for calling. Please stay on the line: we are connecting you to your counsellor.',
    recording: 'This call will be recorded for quality and training.',
    position: (n: number) => (n <= 1 ? 'You are next in line. Thank you for waiting.' : `You are number ${n} in line. Thank you for waiting.`),
    closed: 'Thank you for calling. We are closed now. We have noted your call, and your counsellor will call you back when we open.',
    noAgent: 'Sorry, all our counsellors are busy. We have noted your call, and we will call you back shortly.',
    withheld: 'Sorry, we cannot see your number, so we cannot call you back. Please call again without hiding your number.',
  },
  hi: {
    greeting: 'कॉल करने के लिए धन्यवाद। कृपया लाइन पर बने रहें: हम आपको आपके काउंसलर से जोड़ रहे हैं।',
    recording: 'गुणवत्ता और प्रशिक्षण के लिए यह कॉल रिकॉर्ड की जाएगी।',
    position: (n: number) => (n <= 1 ? 'अगली बारी आपकी है। प्रतीक्षा के लिए धन्यवाद।' : `कतार में आपका नंबर ${n} है। प्रतीक्षा के लिए धन्यवाद।`),
    closed: 'कॉल करने के लिए धन्यवाद। अभी हमारा समय समाप्त हो गया है। आपकी कॉल दर्ज कर ली गई है, और खुलते ही आपके काउंसलर आपको वापस कॉल करेंगे।',
    noAgent: 'क्षमा करें, हमारे सभी काउंसलर व्यस्त हैं। आपकी कॉल दर्ज कर ली गई है, और हम जल्द ही आपको वापस कॉल करेंगे।',
    withheld: 'क्षमा करें, आपका नंबर दिखाई नहीं दे रहा, इसलिए हम वापस कॉल नहीं कर सकते। कृपया नंबर छिपाए बिना दोबारा कॉल करें।',
  },
} as const;

export const callerText = (language: CallerLanguage) => TEXT[language];

export const greeting = (language: CallerLanguage, recorded: boolean) =>
  recorded ? `${TEXT[language].greeting} ${TEXT[language].recording}` : TEXT[language].greeting;

/** The caller's language from the lead's: Hindi for hi and its tags, else English. */
export const callerLanguage = (lead: string | null | undefined): CallerLanguage => (lead && /^hi(?:[-_]|$)/i.test(lead.trim()) ? 'hi' : 'en');
