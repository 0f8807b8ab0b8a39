import type { Widen } from '../types';
import type { leadCallsEn } from './leadCalls.en';

export const leadCallsHi: Widen<typeof leadCallsEn> = {
  leadCalls: {
    title: 'कॉल',
    empty: 'अभी कोई कॉल नहीं',
    direction: {
      outbound: 'आउटगोइंग',
      inbound: 'इनकमिंग',
    },
    noAgent: 'किसी एजेंट ने नहीं ली',
    recordingNotYours: 'रिकॉर्ड हुई है। इसे केवल कॉल करने वाला एजेंट और उसके मैनेजर सुन सकते हैं।',
  },
};
