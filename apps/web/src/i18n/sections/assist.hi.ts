import type { Widen } from '../types';
import type { assistEn } from './assist.en';

/** लाइव सहायता: चलती कॉल के पास कार्ड। */
export const assistHi: Widen<typeof assistEn> = {
  assist: {
    title: 'लाइव सहायता',
    suggest: 'जवाब सुझाएँ',
    suggestFailed: 'सुझाव नहीं मिला: {{message}}',
    error: 'सहायता कार्ड लोड नहीं हो सके',
    waiting: 'लीड के बोलते ही यहाँ कार्ड आएँगे: आपत्तियाँ, जवाब, चेकलिस्ट और सूचनाएँ।',
    none: 'इस कॉल पर कोई कार्ड नहीं आया।',
    stage: 'स्क्रिप्ट का चरण: {{stage}}',
    done: 'पूरा',
    notYet: 'अभी नहीं',
    trend: 'मूड, पुराने से नया: {{values}}',
    objection: {
      price: 'कीमत',
      timing: 'समय',
      callback_later: 'बाद में कॉल',
      not_interested: 'रुचि नहीं',
      trust: 'भरोसा',
      consult_family: 'परिवार से सलाह',
      already_enrolled: 'पहले से दाखिला',
      logistics: 'आने-जाने/रहने की बात',
    },
    checkpoint: {
      greeting: 'अभिवादन',
      recording_disclosure: 'रिकॉर्डिंग की सूचना',
      need_discovery: 'ज़रूरत समझना',
      pitch: 'प्रस्ताव',
      objection_handling: 'आपत्ति का जवाब',
      close: 'बात पक्की करना',
      next_step: 'अगला कदम',
    },
  },
};
