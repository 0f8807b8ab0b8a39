/** कॉल का पेज: खत्म हुई कॉल दोबारा, उसकी रिकॉर्डिंग, ट्रांसक्रिप्ट और विश्लेषण के साथ। */

import type { Widen } from '../types';
import type { callPageEn } from './callPage.en';

export const callPageHi: Widen<typeof callPageEn> = {
  callPage: {
    title: '{{lead}} के साथ कॉल',
    open: 'कॉल खोलें',
    openOf: '{{when}} की कॉल खोलें',
    loadError: 'कॉल लोड नहीं हो सकी',
    notFound: {
      title: 'कॉल नहीं मिली',
      body: 'यह कॉल मौजूद नहीं है, या आप इसे नहीं देख सकते।',
    },
    forbidden: {
      title: 'यह कॉल आपके लिए खुली नहीं है',
      body: 'इसे कॉल करने वाला एजेंट, उसके मैनेजर और एडमिन ही खोल सकते हैं।',
    },
    leadSentiment: 'लीड: {{sentiment}}',
    facts: {
      lead: 'लीड',
      agent: 'एजेंट',
      campaign: 'कैंपेन',
      noCampaign: 'कोई नहीं',
      when: 'कब',
      duration: 'बातचीत का समय',
    },
    sections: {
      player: 'रिकॉर्डिंग',
      summary: 'सारांश',
      talk: 'बातचीत',
      sentiment: 'भावना',
      objections: 'आपत्तियाँ',
      commitments: 'वादे',
    },
    sentiment: {
      positive: 'सकारात्मक',
      neutral: 'सामान्य',
      negative: 'नकारात्मक',
    },
    topic: {
      programme: 'कोर्स',
      fee: 'फ़ीस',
      date: 'तारीख़',
      place: 'जगह',
    },
    commitment: {
      callback: 'कॉल बैक',
      documents: 'दस्तावेज़',
      visit: 'मुलाक़ात',
      payment: 'भुगतान',
    },
    player: {
      play: 'चलाएँ',
      pause: 'रोकें',
      rate: 'चलाने की रफ़्तार {{rate}}×',
      position: 'कॉल में कहाँ हैं',
      at: '{{length}} में से {{at}}',
      audio: 'कॉल की रिकॉर्डिंग',
      noRecording: 'इस कॉल की कोई रिकॉर्डिंग नहीं है।',
      objectionAnswered: 'आपत्ति का जवाब दिया',
      objectionUnanswered: 'आपत्ति का जवाब नहीं दिया',
      lanesFromTranscript: 'कौन कब बोला, यह ट्रांसक्रिप्ट के समय से बना है: मापी गई रिकॉर्डिंग नहीं है।',
      noLanes: 'कौन कब बोला, यह दिखाने के लिए न रिकॉर्डिंग है, न ट्रांसक्रिप्ट के समय।',
      keys: 'लाइन पर: Space से चलाएँ या रोकें, ← → से 5 सेकंड आगे-पीछे (Shift के साथ 15 सेकंड)।',
    },
    analysis: {
      checkAgain: 'फिर से देखें',
      playAt: '{{at}} पर {{what}} सुनें',
      arc: 'पूरी कॉल में {{side}} की भावना, −1 से 1 तक: {{values}}',
      monologueBy: '{{duration}} ({{side}})',
      speakingRate: 'बोलने की रफ़्तार',
      bySide: 'हर पक्ष',
      talkTime: 'बोलने का समय',
      interruptionsBy: 'बीच में कितनी बार टोका',
      perSecond: '{{n}} अक्षर/सेकंड',
      noObjections: 'लीड ने कोई आपत्ति नहीं उठाई।',
      noCommitments: 'इस कॉल में कोई वादा नहीं हुआ।',
      promisedBy: '{{side}} ने किया',
      noSummary: 'इस कॉल का कोई सारांश नहीं है।',
      mentioned: 'ज़िक्र हुआ',
    },
  },
};
