/**
 * The hard edges in all three languages: questions that mention an objection's topic without
 * raising it, objections turned down ("fees is no problem"), and the stalls that sit between
 * labels. Each edge has several templates, so it is learned from more than one wording.
 */
import type { Block } from './grammar.js';

export const EN_EDGES: Block[] = [
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}[Money|Cost|Paying|The fee|Fees|The price|The amount] [is|is honestly|is really] [not a problem|no problem|not an issue|not a concern] [for us|for me|][, we can pay|, we can afford it|, we have savings|, my brother will pay|].',
      '{f}[We|I] can [easily |][afford|pay|manage] [it|the fee|this|that amount][, no problem|, money is fine|].',
    ],
  },
  {
    label: 'timing',
    sentiment: 'neutral',
    trainOnly: true,
    templates: [
      '{f}[Okay|Alright|Fine], [but|and] what [time|days] are the classes? I [work|have my job|am at the shop|have college] [during the day|in the mornings|till evening|all day].',
    ],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}[A fifty|A sixty|An eighty|A seventy] percent [scholarship|discount|concession|fee waiver] [sounds|is|seems] [good|great|really helpful|nice][, thank you|!|.]',
      "{f}I [want|would like|'d love] to [take admission|join|enroll] [in this course|this year|in the January batch][, what's next|, what should I do now|].",
    ],
  },
  {
    label: 'price',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      "{f}[Last year|Earlier|Even last time] [the fee|it|the course] was [too|very|quite] [high|expensive|costly] [for us|][, that's why I didn't join|, it still is|].",
    ],
  },
  {
    label: 'none',
    sentiment: 'neutral',
    trainOnly: true,
    per: 8,
    templates: [
      '{f}[Is there|Do you give|Any] [a discount|a concession|a fee waiver|a scholarship] for [girls|single parents|toppers|poor students][?|]',
      '{f}[When|On which date|What day] [does|will] the [new|next|January|evening] [batch|session|class] [start|begin][?|]',
      '{f}[How|In what way] [do|can|will] I [reach|get to|come to] the [centre|college|campus] [from the station|by bus|][?|]',
      '{f}[Do|Will] [I|we] [need|have] to [come|visit|be present] for [an interview|the counselling|document verification][?|]',
      '{f}[Can|May] I [pay|give] the [fee|fees|hostel fee] [in instalments|monthly|later|after the scholarship][?|]',
    ],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      "{f}[My|Our] {family} [is|are] [happy|fine|okay|excited] [with|about] [it|the course|this][, let's go ahead|, go ahead|, no problem at all].",
      '{f}[I|We] [trust|believe in] [you|your foundation|this program|your institute][, please go ahead|, send the form|, my cousin studied there].',
      "{f}[The|That] [fee|fees|price|amount] is [fine|okay|affordable|reasonable] [for us|for me|], [we'll pay|I can pay|no problem].",
      "{f}I [have|'ve got] [time|free time|enough time] [this year|now|in the evenings], [let's start|I can join|sign me up].",
    ],
  },
  {
    label: 'price',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[How|How on earth] can [I|we] [manage|arrange|pay] [so much|this much|such an amount][?|]',
      '{f}The [course|program|{course}] [looks|is|seems] [great|good|useful] but the {fee} is [so|too|very] [steep|much|high|costly][ for us|].',
      "{f}[I|We] [can't|cannot|can not] [spend|put|invest] [that much|so much|this much money] on [a course|studies|this].",
    ],
  },
  {
    label: 'callback_later',
    sentiment: 'neutral',
    trainOnly: true,
    templates: [
      "{f}[I'll|I will|Let me] [decide|make up my mind|think] and [let you know|call you|tell you] {when}.",
      '{f}[Talk to you|Speak to you|Catch you] {when}[, bye|, okay|].',
    ],
  },
  {
    label: 'not_interested',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[I|We] never [filled|submitted|sent] [any|such a|this] [form|application|enquiry][, stop calling|, not interested|].',
      "{f}[How many times|Again and again] [do I|must I] [tell you|say it], [no|I'm not interested|I don't want it].",
    ],
  },
  {
    label: 'none',
    sentiment: 'negative',
    trainOnly: true,
    templates: ['{f}[This|The] [website|app|form|portal] is [so|really|very] [slow|confusing|complicated|annoying][, I gave up|, I hate it|].'],
  },
];

export const HINGLISH_EDGES: Block[] = [
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}[Paisa|Paise|Fees|Kharcha|Paison] [ki|ka] koi [dikkat|problem|tension|chinta] {nahi} [hai|][, bhar denge|, afford kar lenge|, bhai dega|].',
    ],
  },
  {
    label: 'timing',
    sentiment: 'neutral',
    trainOnly: true,
    templates: [
      '{f}[Theek hai|Accha|Haan], [lekin|par] class [kitne baje|kis time|kab] hoti hai? Main [din mein|subah|shaam tak] [job karta hoon|dukaan pe hota hoon|college jaati hoon].',
    ],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}[Pachas|Saath|Sattar|Assi] percent [scholarship|discount|chhoot] [toh |][accha hai|badhiya hai|kaafi hai][, thank you|!|.]',
      '{f}Main [admission lena chahta hoon|admission lena chahti hoon|join karna chahunga|join karna chahungi][, aage kya karna hai|, kya process hai|].',
    ],
  },
  {
    label: 'price',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[Pichle saal|Pichli baar|Pehle bhi] {fee} [bahut|kaafi] [zyada|mehengi|high] [thi|batayi thi][, isliye join nahi kiya|, ab bhi wahi haal hai|].',
    ],
  },
  {
    label: 'none',
    sentiment: 'neutral',
    trainOnly: true,
    per: 8,
    templates: [
      '{f}[Ladkiyon|Single parent|Topper|Garib bachon] ke liye [koi discount|concession|scholarship|fees maafi] hai kya?',
      '{f}[Naya|Agla|January wala|Shaam wala] [batch|session] [kab|kis din] [shuru|start] [hoga|ho raha hai]?',
      '{f}Centre [kaise|kis raste] [pahunchna|aana] hai [station se|bus se|]?',
      '{f}[Interview|Counselling|Document verification] ke liye [aana padega|jaana hoga] kya?',
      '{f}[Fees|Hostel fees] [kisht mein|mahine mahine|baad mein|scholarship ke baad] [de sakte|bhar sakte] hain kya?',
    ],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}{family} [khush hain|ready hain|maan gaye hain] [is course se|iske liye|], [aage badhiye|koi dikkat nahi|form bhejo].',
      '{f}[Aap pe|Aapki foundation pe|Is course pe] [pura bharosa|bharosa|yakeen] hai, [form bhej do|aage badho|meri cousin yahin padhi].',
      '{f}{fee} [theek|sahi|reasonable] hai [humare liye|mere liye|], [bhar denge|de dungi|koi problem nahi].',
      '{f}Is saal [time|samay|fursat] hai mere paas, [shuru karte hain|join kar lunga|naam likh lo].',
    ],
  },
  {
    label: 'trust',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[Aapke|Is] [institute|foundation|NGO] ke baare mein [bura|kharab|galat] suna hai, [kaise bharosa karun|shak hai|yakeen nahi hota].',
      '{f}[Pehle bhi|Pichli baar|Ek baar] [kisi ne|ek NGO ne|ek institute ne] [fees|paise] [le li|le liye] aur [gayab ho gaye|bhaag gaya], [ab dar lagta hai|isliye bharosa nahi].',
      '{f}[Aapka|Ye] [institute|sanstha|foundation] [sach mein|asal mein] [sahi|asli|registered] hai kya? [Shak hai|Pata nahi|Bharosa nahi ho raha].',
    ],
  },
  {
    label: 'logistics',
    sentiment: 'neutral',
    trainOnly: true,
    templates: [
      '{f}[Classes|Padhai] [English|angrezi] [mein|me] hai toh [mushkil|problem] hai, mujhe [angrezi|English] [kam|nahi] aati.',
      '{f}[Paas mein|Nazdeek] koi [centre|branch] hai kya? [Ye wala|Aapka centre] {far} hai.',
      '{f}[Maa|Bachon|Ghar] ko chhod ke [bahar|hostel mein|door] {nahi} [reh sakti|reh sakta|ja sakti].',
    ],
  },
  {
    label: 'price',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[Dusre|Baaki|Sarkari] [centre|college|institute] [mein|me] [isse|aapse] [sasta|kam fees] [hai|padta hai|milta hai], [aap itna zyada kyun|itna kaun dega].',
    ],
  },
];

export const HI_EDGES: Block[] = [
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: ['{f}[पैसों|पैसे|फीस|खर्चे] की कोई [दिक्कत|समस्या|चिंता] {nahi} [है|][, भर देंगे|, इंतज़ाम है|, भाई देगा|]।'],
  },
  {
    label: 'timing',
    sentiment: 'neutral',
    trainOnly: true,
    templates: ['{f}[ठीक है|अच्छा|हाँ], [पर|लेकिन] क्लास [कितने बजे|किस समय|कब] होती है? मैं [दिन भर|सुबह से शाम तक|दोपहर में] [नौकरी पर|दुकान पर|ड्यूटी पर] [रहता|रहती] हूँ।'],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}[पचास|साठ|सत्तर|अस्सी] प्रतिशत [छात्रवृत्ति|छूट] [तो |][अच्छी है|बढ़िया है|काफी है][, धन्यवाद|!|।]',
      '{f}मैं [दाखिला लेना चाहती हूँ|दाखिला लेना चाहता हूँ|जुड़ना चाहूँगी|एडमिशन लेना चाहूँगी][, आगे की प्रक्रिया बताइए|, अब क्या करूँ|]।',
    ],
  },
  {
    label: 'price',
    sentiment: 'negative',
    trainOnly: true,
    templates: ['{f}[पिछले साल|पिछली बार|पहले भी] {fee} [बहुत|काफी] [ज़्यादा|महँगी] [थी|बताई थी][, इसलिए नहीं जुड़ पाए|, अब भी वही हाल है|]।'],
  },
  {
    label: 'none',
    sentiment: 'neutral',
    trainOnly: true,
    per: 8,
    templates: [
      '{f}[लड़कियों|गरीब छात्रों|टॉपर|अकेले माता-पिता] के लिए [कोई छूट|रियायत|छात्रवृत्ति|फीस माफ़ी] है क्या?',
      '{f}[नया|अगला|जनवरी वाला|शाम वाला] [बैच|सत्र] [कब|किस दिन] [शुरू|चालू] [होगा|हो रहा है]?',
      '{f}सेंटर [कैसे|किस रास्ते से] [पहुँचना|आना] है [स्टेशन से|बस से|]?',
      '{f}[इंटरव्यू|काउंसलिंग|कागज़ात की जाँच] के लिए [आना पड़ेगा|जाना होगा] क्या?',
      '{f}[फीस|हॉस्टल की फीस] [किस्तों में|महीने महीने|बाद में|छात्रवृत्ति के बाद] [दे सकते|भर सकते] हैं क्या?',
    ],
  },
  {
    label: 'none',
    sentiment: 'positive',
    trainOnly: true,
    templates: [
      '{f}{family} [खुश हैं|तैयार हैं|मान गए हैं] [इस कोर्स से|इसके लिए|], [आगे बढ़िए|कोई दिक्कत नहीं|फॉर्म भेजिए]।',
      '{f}[आप पर|आपकी संस्था पर|इस कोर्स पर] [पूरा भरोसा|भरोसा|यकीन] है, [फॉर्म भेज दीजिए|आगे बढ़िए|मेरी बहन यहीं पढ़ी]।',
      '{f}{fee} [ठीक|सही|वाजिब] है [हमारे लिए|मेरे लिए|], [भर देंगे|दे दूँगी|कोई समस्या नहीं]।',
      '{f}इस साल [समय|फ़ुर्सत] है मेरे पास, [शुरू करते हैं|जुड़ जाऊँगा|नाम लिख लीजिए]।',
    ],
  },
  {
    label: 'trust',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[आपके|इस] [संस्थान|फाउंडेशन|एनजीओ] के बारे में [बुरा|गलत] सुना है, [कैसे भरोसा करूँ|शक है|यकीन नहीं होता]।',
      '{f}[पहले भी|पिछली बार|एक बार] [किसी ने|एक एनजीओ ने|एक संस्थान ने] [फीस|पैसे] [ले ली|ले लिए] और [गायब हो गए|भाग गया], [अब डर लगता है|इसलिए भरोसा नहीं]।',
      '{f}[आपका|ये] [संस्थान|फाउंडेशन] [सच में|असल में] [सही|असली|पंजीकृत] है क्या? [शक है|पता नहीं|भरोसा नहीं हो रहा]।',
    ],
  },
  {
    label: 'logistics',
    sentiment: 'neutral',
    trainOnly: true,
    templates: [
      '{f}पढ़ाई अंग्रेज़ी में है तो [मुश्किल|समस्या] है, मुझे अंग्रेज़ी [कम|नहीं] आती।',
      '{f}[पास में|नज़दीक] कोई [सेंटर|शाखा] है क्या? [ये वाला|आपका सेंटर] {far} है।',
      '{f}रोज़ [बस|ऑटो|साइकिल] से [इतनी दूर|दो घंटे|चालीस किलोमीटर] आना [मुश्किल|संभव नहीं] है{ji}।',
    ],
  },
  {
    label: 'not_interested',
    sentiment: 'negative',
    trainOnly: true,
    templates: [
      '{f}[कितनी बार|बार बार] [बोलूँ|कहूँ|बताऊँ], [मुझे नहीं करना|नहीं चाहिए|रुचि नहीं है]।',
      '{f}मैं [कुछ भी|कोई कोर्स] [जॉइन नहीं करूँगा|नहीं करूँगी], [रुचि नहीं|मन नहीं है]।',
    ],
  },
];
