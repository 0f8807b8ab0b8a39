/** Inbound: each team's answering hours, in Hindi. */
import type { Widen } from '../types';
import type { inboundEn } from './inbound.en';

export const inboundHi: Widen<typeof inboundEn> = {
  inbound: {
    hours: {
      title: 'इनबाउंड समय',
      subtitle: 'हर टीम कब कॉल उठाती है। इन घंटों के बाहर कॉलर सुनते हैं कि अभी बंद है, और उनका कॉलबैक अगली बार खुलने के बाद देय होता है।',
      error: 'टीमों का समय लोड नहीं हो सका',
      empty: 'आप अभी किसी टीम के प्रमुख नहीं हैं।',
      formLabel: '{{team}} का इनबाउंड समय',
      openNow: 'अभी खुला',
      closedNow: 'अभी बंद',
      anyHour: 'किसी भी समय कॉल उठाएँ',
      timezone: 'समय क्षेत्र',
      timezoneHint: 'जिस क्षेत्र के अनुसार समय है, जैसे Asia/Kolkata।',
      timezoneMissing: 'समय क्षेत्र बताएँ।',
      week: 'हर दिन खुले रहने के घंटे',
      closedDay: 'पूरे दिन बंद',
      day: { mon: 'सोमवार', tue: 'मंगलवार', wed: 'बुधवार', thu: 'गुरुवार', fri: 'शुक्रवार', sat: 'शनिवार', sun: 'रविवार' },
      problem: {
        format: 'हर अवधि HH:MM-HH:MM (24 घंटे) में लिखें, जैसे 09:30-13:00, 14:00-18:30।',
        order: 'अवधि उसी दिन, शुरू होने के बाद ख़त्म होनी चाहिए।',
        overlap: 'अवधियाँ एक-दूसरे पर चढ़ रही हैं।',
        many: 'एक दिन में अधिकतम चार अवधियाँ।',
      },
      holidays: 'छुट्टियाँ',
      holidaysHint: 'पूरे दिन बंद रहने की तारीख़ें, YYYY-MM-DD में, अल्पविराम से अलग।',
      badHoliday: '“{{value}}” YYYY-MM-DD में तारीख़ नहीं है।',
      save: 'समय सहेजें',
      saved: 'सहेजा गया।',
      saveFailed: 'समय सहेजा नहीं जा सका: {{message}}',
    },
  },
};
