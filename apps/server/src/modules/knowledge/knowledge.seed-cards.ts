/** The demo organisation's battlecards: a default card for every objection, in English and Hindi, and one campaign's own. */
import type { ObjectionType } from '@telehub/shared';

type Text = { en: string; hi: string };
export type SeedCard = { objection: ObjectionType; title: Text; body: Text; reply: Text };

export const SEED_CARDS: Record<ObjectionType, Omit<SeedCard, 'objection'>> = {
  price: {
    title: { en: 'The fee feels too high', hi: 'फीस ज़्यादा लग रही है' },
    body: {
      en: 'Acknowledge the worry first. The course is ₹6,000 a year, and most learners pay less: families earning under ₹2 lakh pay nothing (course and NIOS exam fee), under ₹4 lakh pay half. The rest can be paid in three interest-free instalments of ₹2,000. Private coaching costs about ₹2,000 a month.',
      hi: 'पहले चिंता को समझें। कोर्स की फीस ₹6,000 साल है, और ज़्यादातर छात्राएँ इससे कम देती हैं: ₹2 लाख से कम आय वाले परिवार कुछ नहीं देते (कोर्स और NIOS परीक्षा फीस), ₹4 लाख तक वाले आधी फीस। बाकी ₹2,000 की तीन किस्तों में, बिना ब्याज। प्राइवेट कोचिंग लगभग ₹2,000 महीना लेती है।',
    },
    reply: {
      en: 'I understand, money matters. Most of our learners pay nothing or half. May I ask roughly what the family earns in a year, so I can check the scholarship for you?',
      hi: 'मैं समझती हूँ, पैसे की बात ज़रूरी है। हमारी ज़्यादातर छात्राएँ कुछ नहीं या आधी फीस देती हैं। क्या आप बता सकती हैं कि परिवार की सालाना आय लगभग कितनी है, ताकि मैं छात्रवृत्ति देख सकूँ?',
    },
  },
  timing: {
    title: { en: 'The timing does not suit', hi: 'समय ठीक नहीं बैठता' },
    body: {
      en: 'Ask what her day looks like. There are three batches: morning 8–11, evening 5–8 (Monday to Friday) and weekend 10–2. Every class is recorded, and Digital Shala runs the evening batch online on the phone. She can change batch once a month.',
      hi: 'पूछें कि उनका दिन कैसा रहता है। तीन बैच हैं: सुबह 8–11, शाम 5–8 (सोमवार से शुक्रवार) और वीकेंड 10–2। हर कक्षा रिकॉर्ड होती है, और डिजिटल शाला शाम का बैच फ़ोन पर ऑनलाइन चलाती है। महीने में एक बार बैच बदल सकते हैं।',
    },
    reply: {
      en: 'What time of day are you usually free? We have morning, evening and weekend batches, and you can also join online from your phone.',
      hi: 'आप आमतौर पर किस समय खाली रहती हैं? हमारे सुबह, शाम और वीकेंड के बैच हैं, और आप फ़ोन से ऑनलाइन भी जुड़ सकती हैं।',
    },
  },
  callback_later: {
    title: { en: 'Call me later', hi: 'बाद में फ़ोन करें' },
    body: {
      en: 'Agree at once, but fix an exact time and check the number. Offer to send the brochure on WhatsApp now so the next call starts from what she has read. Save the callback before you end the call.',
      hi: 'तुरंत हाँ कहें, लेकिन सही समय तय करें और नंबर पक्का करें। अभी WhatsApp पर ब्रोशर भेजने की पेशकश करें, ताकि अगली बातचीत वहीं से शुरू हो। कॉल ख़त्म करने से पहले कॉलबैक सेव करें।',
    },
    reply: {
      en: 'Of course. Would this evening at 7 or tomorrow morning at 10 be better? Meanwhile I will send you the details on WhatsApp.',
      hi: 'ज़रूर। आज शाम 7 बजे ठीक रहेगा या कल सुबह 10 बजे? तब तक मैं आपको WhatsApp पर जानकारी भेज देती हूँ।',
    },
  },
  not_interested: {
    title: { en: 'Not interested', hi: 'रुचि नहीं है' },
    body: {
      en: 'Respect the answer. Ask one gentle question to understand why (time, money, family, already studying); each has an answer on another card. If it is still no, thank her, offer to keep the details on WhatsApp, and mark the lead not interested.',
      hi: 'जवाब का सम्मान करें। कारण समझने के लिए एक सवाल नरमी से पूछें (समय, पैसा, परिवार, पहले से पढ़ाई); हर कारण का जवाब दूसरे कार्ड पर है। फिर भी मना हो, तो धन्यवाद कहें, WhatsApp पर जानकारी रखने की पेशकश करें, और लीड को "रुचि नहीं" मार्क करें।',
    },
    reply: {
      en: 'No problem at all. May I ask what makes it difficult right now? Sometimes there is a way around it.',
      hi: 'कोई बात नहीं। क्या मैं पूछ सकती हूँ कि अभी क्या मुश्किल लग रहा है? कई बार उसका रास्ता निकल आता है।',
    },
  },
  trust: {
    title: { en: 'Is this genuine?', hi: 'क्या यह भरोसेमंद है?' },
    body: {
      en: 'A fair question. We are a registered nonprofit society (since 2009), registered under 12A and 80G, with audited accounts on our website. The Class 10 certificate comes from NIOS, a Government of India board. 78% of last year’s skilling learners got jobs. Invite her to visit a centre and sit in on a class.',
      hi: 'सवाल बिल्कुल सही है। हम 2009 से पंजीकृत ग़ैर-लाभकारी संस्था हैं, 12A और 80G में पंजीकृत, और हमारे ऑडिट किए खाते वेबसाइट पर हैं। कक्षा 10 का प्रमाणपत्र NIOS देता है, जो भारत सरकार का बोर्ड है। पिछले साल स्किलिंग की 78% छात्राओं को नौकरी मिली। उन्हें सेंटर आकर एक कक्षा देखने बुलाएँ।',
    },
    reply: {
      en: 'You are right to ask. We are a registered nonprofit since 2009 and the certificate is from NIOS, a government board. Would you like to visit our nearest centre and see a class first?',
      hi: 'आपका पूछना सही है। हम 2009 से पंजीकृत संस्था हैं और प्रमाणपत्र NIOS देता है, जो सरकारी बोर्ड है। क्या आप पहले हमारे पास के सेंटर पर आकर एक कक्षा देखना चाहेंगी?',
    },
  },
  consult_family: {
    title: { en: 'I need to ask my family', hi: 'परिवार से पूछना है' },
    body: {
      en: 'Support it: the family’s agreement keeps her coming. Invite the family to the Saturday information session (11 am at every centre), offer a call from our counsellor to her husband or parents, and send the brochure on WhatsApp. Fix a day to call back.',
      hi: 'इसका साथ दें: परिवार की सहमति से ही पढ़ाई चलती रहती है। परिवार को शनिवार के जानकारी सत्र (हर सेंटर पर सुबह 11 बजे) में बुलाएँ, पति या माता-पिता से काउंसलर की बात करवाने की पेशकश करें, और WhatsApp पर ब्रोशर भेजें। दोबारा फ़ोन का दिन तय करें।',
    },
    reply: {
      en: 'That is a good idea. Our counsellor can speak to your family directly, or they can come to Saturday’s information session. Which would suit them?',
      hi: 'यह अच्छी बात है। हमारी काउंसलर आपके परिवार से सीधे बात कर सकती हैं, या वे शनिवार के जानकारी सत्र में आ सकते हैं। उनके लिए क्या ठीक रहेगा?',
    },
  },
  already_enrolled: {
    title: { en: 'Already enrolled elsewhere', hi: 'पहले से कहीं और दाखिला है' },
    body: {
      en: 'Congratulate her for studying. She can keep her NIOS or school registration and still join our classes as coaching for the same exam. If she wants to switch mid-year, the fee is only for the months left and recorded classes help her catch up.',
      hi: 'पढ़ाई जारी रखने के लिए बधाई दें। वह अपना NIOS या स्कूल पंजीकरण रखते हुए उसी परीक्षा की कोचिंग के लिए हमारी कक्षाओं में आ सकती है। साल के बीच में बदलना चाहें, तो फीस सिर्फ़ बचे महीनों की, और रिकॉर्ड की गई कक्षाओं से छूटी पढ़ाई पूरी होती है।',
    },
    reply: {
      en: 'That is great to hear! Many of our learners are registered elsewhere and join us for coaching before the exam. Would extra classes or mock tests help you?',
      hi: 'यह सुनकर अच्छा लगा! हमारी कई छात्राएँ कहीं और पंजीकृत हैं और परीक्षा की तैयारी के लिए हमारे साथ जुड़ती हैं। क्या अतिरिक्त कक्षाएँ या मॉक टेस्ट आपके काम आएँगे?',
    },
  },
  logistics: {
    title: { en: 'Too far, or nowhere to stay', hi: 'सेंटर दूर है या रहने की जगह नहीं' },
    body: {
      en: 'Ask her pin code and name the nearest of our 14 centres. Scholarship learners more than 5 km away get ₹300 a month for travel. The Lucknow and Patna centres have a girls’ hostel (₹2,500 a month with meals, half for scholarship learners). Otherwise, Digital Shala teaches online on the phone.',
      hi: 'पिन कोड पूछें और हमारे 14 सेंटरों में से सबसे पास वाला बताएँ। 5 किलोमीटर से दूर रहने वाली छात्रवृत्ति छात्राओं को ₹300 महीना आने-जाने के लिए मिलता है। लखनऊ और पटना में लड़कियों का हॉस्टल है (₹2,500 महीना खाने सहित, छात्रवृत्ति वालों के लिए आधा)। नहीं तो डिजिटल शाला फ़ोन पर ऑनलाइन पढ़ाती है।',
    },
    reply: {
      en: 'Could you tell me your pin code? Let me find the nearest centre; if it is far, there is travel support, a girls’ hostel, or classes online on your phone.',
      hi: 'क्या आप अपना पिन कोड बता सकती हैं? मैं सबसे पास का सेंटर देखती हूँ; दूर हो तो आने-जाने का भत्ता, लड़कियों का हॉस्टल, या फ़ोन पर ऑनलाइन कक्षाएँ भी हैं।',
    },
  },
};

/** The enrolment campaign's own price card: its batch charges no course fee. */
export const SEED_CAMPAIGN_CARD: SeedCard = {
  objection: 'price',
  title: { en: 'Fees: free in this drive', hi: 'फीस: इस अभियान में मुफ़्त' },
  body: {
    en: 'In the Second Chance 2026 drive, women and girls pay no course fee. The only cost is the NIOS exam fee (about ₹1,800), which the scholarship also covers for families earning under ₹2 lakh a year.',
    hi: 'सेकंड चांस 2026 अभियान में महिलाओं और लड़कियों से कोई कोर्स फीस नहीं ली जाती। सिर्फ़ NIOS परीक्षा फीस (लगभग ₹1,800) लगती है, जो ₹2 लाख से कम सालाना आय वाले परिवारों के लिए छात्रवृत्ति से पूरी होती है।',
  },
  reply: {
    en: 'Good news: in this batch there is no course fee at all. Only the NIOS exam fee remains, and we can check if the scholarship covers that too.',
    hi: 'अच्छी ख़बर: इस बैच में कोई कोर्स फीस नहीं है। सिर्फ़ NIOS परीक्षा फीस बचती है, और हम देख सकते हैं कि क्या छात्रवृत्ति से वह भी पूरी हो जाए।',
  },
};
