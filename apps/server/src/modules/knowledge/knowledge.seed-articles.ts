/**
 * The demo organisation's knowledge base: an education nonprofit running Second Chance (Class 10
 * for women and girls who left school), Digital Shala (online classes) and Vocational Skilling.
 * Each topic in English and in Hindi, as a real organisation would keep it.
 */
import type { KnowledgeLanguage } from '@telehub/shared';

export type SeedArticle = { title: string; language: KnowledgeLanguage; tags: string[]; body: string; forCampaign?: boolean };

export const SEED_ARTICLES: SeedArticle[] = [
  {
    title: 'Course fees and what they include',
    language: 'en',
    tags: ['fees', 'second-chance'],
    body: `The Second Chance Class 10 course costs **₹6,000 for the year**. It includes:

- classes five days a week with our teachers
- printed study material and practice papers
- two mock exams before the board exam

The NIOS board exam fee (about ₹1,800) is paid to NIOS separately. Most learners pay less than the full fee: see *Scholarships* and *Paying in instalments*.`,
  },
  {
    title: 'कोर्स की फीस और उसमें क्या शामिल है',
    language: 'hi',
    tags: ['फीस', 'second-chance'],
    body: `सेकंड चांस कक्षा 10 कोर्स की फीस **साल भर के लिए ₹6,000** है। इसमें शामिल है:

- हफ़्ते में पाँच दिन हमारे शिक्षकों के साथ कक्षा
- छपी हुई पढ़ाई की सामग्री और अभ्यास प्रश्नपत्र
- बोर्ड परीक्षा से पहले दो मॉक टेस्ट

NIOS बोर्ड परीक्षा की फीस (लगभग ₹1,800) अलग से NIOS को दी जाती है। ज़्यादातर छात्राएँ पूरी फीस नहीं देतीं: *छात्रवृत्ति* और *किस्तों में फीस* देखें।`,
  },
  {
    title: 'Scholarships: who qualifies',
    language: 'en',
    tags: ['scholarship', 'fees'],
    body: `We do not want money to stop anyone from finishing school.

| Family income in a year | Scholarship |
| --- | --- |
| under ₹2 lakh | full course fee and NIOS exam fee |
| ₹2 lakh to ₹4 lakh | half the course fee |

To apply, bring an income certificate (or a letter from the panchayat or ward member). The decision comes within a week, before the first instalment is due.`,
  },
  {
    title: 'छात्रवृत्ति: किसे मिलती है',
    language: 'hi',
    tags: ['छात्रवृत्ति', 'फीस'],
    body: `हम नहीं चाहते कि पैसों की वजह से किसी की पढ़ाई अधूरी रहे।

- परिवार की सालाना आय **₹2 लाख से कम**: पूरी कोर्स फीस और NIOS परीक्षा फीस माफ़
- **₹2 लाख से ₹4 लाख** तक: आधी कोर्स फीस माफ़

आवेदन के लिए आय प्रमाणपत्र लाएँ (या पंचायत/वार्ड सदस्य का पत्र)। फ़ैसला एक हफ़्ते में हो जाता है, पहली किस्त से पहले।`,
  },
  {
    title: 'Paying in instalments',
    language: 'en',
    tags: ['fees', 'instalments'],
    body: `The course fee can be paid in **three instalments of ₹2,000**, with no interest:

1. at admission
2. after three months
3. after six months

Pay in cash at the centre, by UPI, or by bank transfer. A receipt is sent on WhatsApp the same day.`,
  },
  {
    title: 'किस्तों में फीस',
    language: 'hi',
    tags: ['फीस', 'किस्त'],
    body: `कोर्स फीस **₹2,000 की तीन किस्तों** में दी जा सकती है, बिना किसी ब्याज के:

1. दाखिले के समय
2. तीन महीने बाद
3. छह महीने बाद

फीस सेंटर पर नकद, UPI या बैंक ट्रांसफ़र से दें। रसीद उसी दिन WhatsApp पर आ जाती है।`,
  },
  {
    title: 'Hostel for girls: fees and facilities',
    language: 'en',
    tags: ['hostel', 'fees', 'logistics'],
    body: `Our Lucknow and Patna centres have a girls' hostel a short walk from the classroom.

- **₹2,500 a month**, three meals a day included
- a woman warden lives in the hostel; gates close at 8 pm
- scholarship learners pay half the hostel fee

Seats are limited (40 per hostel), so ask early if the family needs one.`,
  },
  {
    title: 'लड़कियों का हॉस्टल: फीस और सुविधाएँ',
    language: 'hi',
    tags: ['हॉस्टल', 'फीस'],
    body: `लखनऊ और पटना सेंटर पर लड़कियों का हॉस्टल है, कक्षा से पैदल दूरी पर।

- हॉस्टल की फीस **₹2,500 महीना**, तीनों समय का खाना शामिल
- हॉस्टल में महिला वार्डन रहती हैं; गेट रात 8 बजे बंद होता है
- छात्रवृत्ति वाली छात्राओं का हॉस्टल खर्च आधा

हर हॉस्टल में 40 सीटें हैं, इसलिए ज़रूरत हो तो जल्दी बताएँ।`,
  },
  {
    title: 'Batch timings',
    language: 'en',
    tags: ['timing', 'batch'],
    body: `Three batches, so work and home need not stop anyone:

- **Morning**: 8 am to 11 am, Monday to Friday
- **Evening**: 5 pm to 8 pm, Monday to Friday
- **Weekend**: 10 am to 2 pm, Saturday and Sunday

A learner may move to another batch once a month if her routine changes. Missed classes are recorded and can be watched on the phone.`,
  },
  {
    title: 'बैच का समय',
    language: 'hi',
    tags: ['समय', 'बैच'],
    body: `तीन बैच हैं, ताकि काम और घर की वजह से पढ़ाई न रुके:

- **सुबह**: 8 से 11 बजे, सोमवार से शुक्रवार
- **शाम**: 5 से 8 बजे, सोमवार से शुक्रवार
- **वीकेंड**: सुबह 10 से दोपहर 2 बजे, शनिवार और रविवार

दिनचर्या बदले तो महीने में एक बार बैच बदल सकते हैं। छूटी हुई कक्षा की रिकॉर्डिंग फ़ोन पर देखी जा सकती है।`,
  },
  {
    title: 'Second Chance 2026: batch start dates',
    language: 'en',
    tags: ['timing', 'second-chance'],
    forCampaign: true,
    body: `For this enrolment drive the new batches start on **6 April 2026** (morning and evening) and **11 April 2026** (weekend). Admissions close a week before each start. The October NIOS exam is the first one these batches sit.`,
  },
  {
    title: 'Online classes (Digital Shala)',
    language: 'en',
    tags: ['online', 'logistics'],
    body: `Learners who cannot reach a centre can study online with Digital Shala:

- live classes on the phone at the same times as the evening batch
- every class recorded, to watch later
- a ₹200 monthly data pack for scholarship learners
- a teacher on WhatsApp for doubts, 10 am to 6 pm

Online learners come to a centre only for the two mock exams and the board exam.`,
  },
  {
    title: 'ऑनलाइन कक्षाएँ (डिजिटल शाला)',
    language: 'hi',
    tags: ['ऑनलाइन'],
    body: `जो छात्राएँ सेंटर नहीं आ सकतीं, वे डिजिटल शाला से ऑनलाइन पढ़ सकती हैं:

- फ़ोन पर लाइव कक्षाएँ, शाम के बैच के समय पर
- हर कक्षा की रिकॉर्डिंग, बाद में देखने के लिए
- छात्रवृत्ति वाली छात्राओं को ₹200 महीने का डेटा पैक
- शंका के लिए WhatsApp पर शिक्षक, सुबह 10 से शाम 6 बजे

ऑनलाइन छात्राएँ सिर्फ़ दो मॉक टेस्ट और बोर्ड परीक्षा के लिए सेंटर आती हैं।`,
  },
  {
    title: 'Centres, distance and travel support',
    language: 'en',
    tags: ['centre', 'distance', 'logistics'],
    body: `We run 14 centres in Delhi, Lucknow, Patna, Pune and nearby towns. Ask the learner's pin code and tell her the nearest one.

If the nearest centre is more than 5 km away, scholarship learners get a **travel allowance of ₹300 a month**. Where that is still too far, suggest the online batch.`,
  },
  {
    title: 'सेंटर, दूरी और आने-जाने का खर्च',
    language: 'hi',
    tags: ['सेंटर', 'दूरी'],
    body: `दिल्ली, लखनऊ, पटना, पुणे और आसपास के कस्बों में हमारे 14 सेंटर हैं। छात्रा का पिन कोड पूछें और सबसे पास का सेंटर बताएँ।

सबसे पास का सेंटर 5 किलोमीटर से ज़्यादा दूर हो, तो छात्रवृत्ति वाली छात्राओं को **₹300 महीना आने-जाने का भत्ता** मिलता है। फिर भी दूरी ज़्यादा हो, तो ऑनलाइन बैच बताएँ।`,
  },
  {
    title: 'Are we a registered organisation?',
    language: 'en',
    tags: ['trust', 'registration'],
    body: `Yes. We are a **registered nonprofit society** (Societies Registration Act, 1860), working since 2009.

- registered under sections 12A and 80G of the Income Tax Act
- accounts audited every year and published on our website
- the Class 10 certificate is issued by NIOS, a board of the Government of India

Callers are right to ask whether an offer like ours is genuine or a fraud: anyone is welcome to visit a centre and sit in on a class before deciding, and no fee is taken before the first class.`,
  },
  {
    title: 'क्या हमारी संस्था पंजीकृत है?',
    language: 'hi',
    tags: ['भरोसा', 'पंजीकरण'],
    body: `हाँ। हम एक **पंजीकृत ग़ैर-लाभकारी संस्था** हैं (सोसाइटी पंजीकरण अधिनियम, 1860), 2009 से काम कर रहे हैं।

- आयकर अधिनियम की धारा 12A और 80G में पंजीकृत
- हर साल खातों का ऑडिट, जो हमारी वेबसाइट पर है
- कक्षा 10 का प्रमाणपत्र NIOS देता है, जो भारत सरकार का बोर्ड है

यह पूछना बिल्कुल ठीक है कि कहीं यह धोखा तो नहीं: फ़ैसला करने से पहले कोई भी सेंटर आकर एक कक्षा देख सकता है, और पहली कक्षा से पहले कोई फीस नहीं ली जाती।`,
  },
  {
    title: 'Placement record of Vocational Skilling',
    language: 'en',
    tags: ['placement', 'jobs', 'trust'],
    body: `Of the 530 learners who finished Vocational Skilling in 2025, **412 (78%) had a job within three months**. The average starting salary was ₹11,500 a month.

Employers include retail chains, hospitals (patient-care assistants) and customer-support centres. Learners who finish Class 10 with us can join Vocational Skilling free of charge.`,
  },
  {
    title: 'वोकेशनल स्किलिंग में नौकरी (प्लेसमेंट)',
    language: 'hi',
    tags: ['प्लेसमेंट', 'नौकरी'],
    body: `2025 में वोकेशनल स्किलिंग पूरी करने वाली 530 छात्राओं में से **412 (78%) को तीन महीने के अंदर नौकरी मिली**। शुरुआती वेतन औसतन ₹11,500 महीना रहा।

रिटेल स्टोर, अस्पताल (मरीज़ देखभाल सहायक) और कस्टमर सपोर्ट सेंटर में नौकरियाँ मिलीं। हमारे साथ कक्षा 10 पास करने वाली छात्राएँ वोकेशनल स्किलिंग मुफ़्त में कर सकती हैं।`,
  },
  {
    title: 'Certificate and board exam',
    language: 'en',
    tags: ['certificate', 'exam'],
    body: `Learners sit the **NIOS Class 10 exam** (April or October). The NIOS certificate is accepted like any state board's: for Class 11, for government jobs and for skilling courses.

We register learners for the exam, help them choose five subjects, and run two mock exams before it.`,
  },
  {
    title: 'प्रमाणपत्र और बोर्ड परीक्षा',
    language: 'hi',
    tags: ['प्रमाणपत्र', 'परीक्षा'],
    body: `छात्राएँ **NIOS कक्षा 10 की परीक्षा** देती हैं (अप्रैल या अक्टूबर)। NIOS का प्रमाणपत्र किसी भी राज्य बोर्ड की तरह मान्य है: कक्षा 11, सरकारी नौकरी और स्किलिंग कोर्स के लिए।

परीक्षा का पंजीकरण हम करवाते हैं, पाँच विषय चुनने में मदद करते हैं, और परीक्षा से पहले दो मॉक टेस्ट लेते हैं।`,
  },
  {
    title: 'Refund policy',
    language: 'en',
    tags: ['fees', 'refund'],
    body: `If a learner leaves within **15 days of her batch starting**, the whole fee paid is refunded. After that, instalments not yet due are simply not charged. Refunds go back the way the fee was paid, within 10 working days.`,
  },
  {
    title: 'फीस वापसी के नियम',
    language: 'hi',
    tags: ['फीस', 'वापसी'],
    body: `बैच शुरू होने के **15 दिन के अंदर** छात्रा पढ़ाई छोड़े, तो दी गई पूरी फीस वापस मिलती है। उसके बाद, जो किस्तें अभी बाकी हैं वे नहीं ली जातीं। पैसा उसी तरीके से वापस आता है जिससे दिया गया था, 10 कामकाजी दिनों में।`,
  },
  {
    title: 'Documents needed for admission',
    language: 'en',
    tags: ['admission', 'documents'],
    body: `Bring these to the centre (photocopies are fine):

- Aadhaar card, or any photo ID
- the last marksheet or school leaving certificate, if she has one
- two passport-size photos
- an income certificate, only to apply for a scholarship

No marksheet? She can still join: NIOS admits learners aged 14 and over without one.`,
  },
  {
    title: 'दाखिले के लिए ज़रूरी दस्तावेज़',
    language: 'hi',
    tags: ['दाखिला', 'दस्तावेज़'],
    body: `सेंटर पर ये लाएँ (फ़ोटोकॉपी चलेगी):

- आधार कार्ड, या कोई भी फ़ोटो पहचान पत्र
- आख़िरी मार्कशीट या स्कूल छोड़ने का प्रमाणपत्र, अगर हो
- पासपोर्ट साइज़ की दो फ़ोटो
- आय प्रमाणपत्र, सिर्फ़ छात्रवृत्ति के लिए

मार्कशीट नहीं है? फिर भी दाखिला हो सकता है: NIOS में 14 साल से ऊपर की छात्राएँ बिना मार्कशीट के दाखिला ले सकती हैं।`,
  },
  {
    title: 'Safety of women and girls at our centres',
    language: 'en',
    tags: ['safety', 'trust'],
    body: `Most of our teachers are women, and every centre has a woman coordinator. Centres have CCTV at the entrance and in the corridors. The evening batch ends at 8 pm; at the Lucknow and Patna centres a staff member walks learners to the bus stop.`,
  },
  {
    title: 'हमारे सेंटरों पर महिलाओं और लड़कियों की सुरक्षा',
    language: 'hi',
    tags: ['सुरक्षा', 'भरोसा'],
    body: `हमारे ज़्यादातर शिक्षक महिलाएँ हैं, और हर सेंटर पर एक महिला कोऑर्डिनेटर हैं। सेंटरों के दरवाज़े और गलियारों में CCTV है। शाम का बैच 8 बजे ख़त्म होता है; लखनऊ और पटना में स्टाफ़ छात्राओं को बस स्टॉप तक छोड़ता है।`,
  },
  {
    title: 'When the family needs to decide',
    language: 'en',
    tags: ['family', 'consult'],
    body: `Many learners want their husband or parents to agree first. Help them:

- invite the family to the **Saturday information session** (11 am at every centre)
- offer a call from our counsellor to the husband or parents, in Hindi or English
- send the brochure on WhatsApp so the family can read it together

Agree on a day to call back after the family has talked.`,
  },
  {
    title: 'जब परिवार से पूछना हो',
    language: 'hi',
    tags: ['परिवार'],
    body: `कई छात्राएँ पहले पति या माता-पिता की सहमति चाहती हैं। उनकी मदद करें:

- परिवार को **शनिवार के जानकारी सत्र** में बुलाएँ (हर सेंटर पर सुबह 11 बजे)
- हमारी काउंसलर पति या माता-पिता से फ़ोन पर बात कर सकती हैं
- ब्रोशर WhatsApp पर भेजें ताकि परिवार साथ बैठकर पढ़ सके

परिवार से बात के बाद दोबारा फ़ोन करने का दिन तय करें।`,
  },
  {
    title: 'Already studying somewhere else',
    language: 'en',
    tags: ['already-enrolled'],
    body: `A learner already registered with NIOS or another school can still join our classes for coaching: she keeps her registration and we prepare her for the same exam.

Switching to us mid-year? The fee is charged only for the months left, and we help her catch up with recorded classes.`,
  },
  {
    title: 'पहले से कहीं और पढ़ाई कर रहे हैं',
    language: 'hi',
    tags: ['पहले-से-दाखिला'],
    body: `जो छात्रा पहले से NIOS या किसी और स्कूल में पंजीकृत है, वह भी हमारी कक्षाओं में कोचिंग के लिए आ सकती है: उसका पंजीकरण वही रहता है और हम उसी परीक्षा की तैयारी कराते हैं।

साल के बीच में हमारे पास आना चाहें? फीस सिर्फ़ बचे हुए महीनों की लगती है, और रिकॉर्ड की गई कक्षाओं से छूटी पढ़ाई पूरी करवाते हैं।`,
  },
];
