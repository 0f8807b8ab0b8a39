/** Word lists for the demo organisation: names in Latin and Devanagari script, cities, notes. */

export const FIRST_NAMES_LATIN = [
  'Aarav', 'Vivaan', 'Aditya', 'Vihaan', 'Arjun', 'Sai', 'Reyansh', 'Ayaan', 'Krishna', 'Ishaan',
  'Rohan', 'Kabir', 'Rahul', 'Amit', 'Suresh', 'Ramesh', 'Manoj', 'Vikram', 'Sanjay', 'Deepak',
  'Anil', 'Rajesh', 'Imran', 'Farhan', 'Gurpreet', 'Harpreet', 'Joseph', 'Thomas', 'Karthik', 'Venkatesh',
  'Saanvi', 'Ananya', 'Aadhya', 'Diya', 'Pari', 'Ira', 'Myra', 'Sara', 'Anika', 'Kavya',
  'Priya', 'Pooja', 'Neha', 'Sunita', 'Anita', 'Kavita', 'Meena', 'Rekha', 'Lakshmi', 'Divya',
  'Shreya', 'Nisha', 'Fatima', 'Ayesha', 'Simran', 'Manpreet', 'Mary', 'Lalitha', 'Revathi', 'Sneha',
];

export const LAST_NAMES_LATIN = [
  'Sharma', 'Verma', 'Gupta', 'Singh', 'Kumar', 'Patel', 'Shah', 'Mehta', 'Joshi', 'Yadav',
  'Mishra', 'Pandey', 'Tiwari', 'Chauhan', 'Reddy', 'Rao', 'Naidu', 'Iyer', 'Nair', 'Menon',
  'Pillai', 'Das', 'Ghosh', 'Banerjee', 'Mukherjee', 'Chatterjee', 'Kulkarni', 'Deshmukh', 'Patil', 'Jadhav',
  'Khan', 'Ansari', 'Qureshi', 'Sheikh', 'Gill', 'Sandhu', 'Dhillon', 'Fernandes', "D'Souza", 'Thomas',
];

export const NAMES_DEVANAGARI = [
  ['राहुल', 'शर्मा'], ['अमित', 'वर्मा'], ['सुनीता', 'देवी'], ['प्रिया', 'गुप्ता'], ['राजेश', 'कुमार'],
  ['अनीता', 'सिंह'], ['विकास', 'यादव'], ['पूजा', 'मिश्रा'], ['सुरेश', 'पाण्डेय'], ['कविता', 'तिवारी'],
  ['मनोज', 'चौहान'], ['नेहा', 'जोशी'], ['दीपक', 'पटेल'], ['रेखा', 'शुक्ला'], ['संजय', 'त्रिपाठी'],
  ['मीना', 'कुमारी'], ['अजय', 'श्रीवास्तव'], ['गीता', 'पाठक'], ['विजय', 'सक्सेना'], ['सीमा', 'दुबे'],
  ['अर्जुन', 'ठाकुर'], ['लक्ष्मी', 'नारायण'], ['रोहित', 'अग्रवाल'], ['शालिनी', 'बंसल'], ['प्रकाश', 'जैन'],
] as const;

/** City, state, main language(s), STD code (for the few landlines). */
export const CITIES: { city: string; state: string; languages: string[]; std: string }[] = [
  { city: 'Delhi', state: 'Delhi', languages: ['hi', 'en'], std: '11' },
  { city: 'Mumbai', state: 'Maharashtra', languages: ['mr', 'hi', 'en'], std: '22' },
  { city: 'Pune', state: 'Maharashtra', languages: ['mr', 'hi'], std: '20' },
  { city: 'Bengaluru', state: 'Karnataka', languages: ['kn', 'en'], std: '80' },
  { city: 'Chennai', state: 'Tamil Nadu', languages: ['ta', 'en'], std: '44' },
  { city: 'Hyderabad', state: 'Telangana', languages: ['te', 'hi'], std: '40' },
  { city: 'Kolkata', state: 'West Bengal', languages: ['bn', 'hi'], std: '33' },
  { city: 'Ahmedabad', state: 'Gujarat', languages: ['gu', 'hi'], std: '79' },
  { city: 'Jaipur', state: 'Rajasthan', languages: ['hi'], std: '141' },
  { city: 'Lucknow', state: 'Uttar Pradesh', languages: ['hi'], std: '522' },
  { city: 'Patna', state: 'Bihar', languages: ['hi'], std: '612' },
  { city: 'Bhopal', state: 'Madhya Pradesh', languages: ['hi'], std: '755' },
  { city: 'Varanasi', state: 'Uttar Pradesh', languages: ['hi'], std: '542' },
  { city: 'Kanpur', state: 'Uttar Pradesh', languages: ['hi'], std: '512' },
  { city: 'Indore', state: 'Madhya Pradesh', languages: ['hi'], std: '731' },
  { city: 'Ludhiana', state: 'Punjab', languages: ['pa', 'hi'], std: '161' },
  { city: 'Kochi', state: 'Kerala', languages: ['ml', 'en'], std: '484' },
  { city: 'Bhubaneswar', state: 'Odisha', languages: ['or', 'hi'], std: '674' },
  { city: 'Nagpur', state: 'Maharashtra', languages: ['mr', 'hi'], std: '712' },
  { city: 'Ranchi', state: 'Jharkhand', languages: ['hi'], std: '651' },
];

export const TAGS = ['class-8', 'class-10', 'class-12', 'parent', 'student', 'volunteer', 'donor', 'webinar', 'referral', 'scholarship', 'rural', 'returning'];

export const PROGRAMS = ['Read India', 'Second Chance', 'Digital Shala', 'Mothers Group', 'Vocational Skilling', 'Donor Circle'];

export const NOTES: Record<string, string[]> = {
  contacted: [
    'Spoke briefly, asked to share details on WhatsApp.',
    'Father picked up, student was at school. Will call back in the evening.',
    'Bataya ki abhi busy hain, shaam ko call karna.',
    'Shared the programme brochure by SMS.',
  ],
  interested: [
    'Interested in the Second Chance batch starting next month. Wants fee details.',
    'Bahut interested hain, centre visit karna chahte hain is Saturday.',
    'Asked about the class timings and whether classes are online.',
    'Wants to enrol both children; asked for the nearest centre.',
  ],
  callback: [
    'Asked to call back after the exams end.',
    'Callback requested for Sunday morning, mother will decide.',
    'Kal subah 11 baje phir se call karna hai.',
  ],
  not_interested: [
    'Not interested right now; already enrolled elsewhere.',
    'Said the centre is too far from home.',
    'Abhi zaroorat nahi hai, mana kar diya.',
  ],
  converted: [
    'Enrolled! Documents collected at the centre.',
    'Donation pledge confirmed, receipt to be emailed.',
    'Admission done for the new batch.',
  ],
  lost: ['Moved to another city; no longer reachable.', 'Stopped responding after three attempts.'],
  invalid: ['Number belongs to someone else; wrong number.', 'Number switched off for two weeks.'],
};

export const TEAM_PLAN = [
  {
    team: 'North (Hindi belt)',
    manager: { name: 'Meera Nair', email: 'meera.nair' },
    telecallers: [
      ['Pooja Sharma', ['hi', 'en']], ['Ravi Kumar', ['hi']], ['Sunita Yadav', ['hi']], ['Imran Ansari', ['hi', 'en']],
      ['Neha Verma', ['hi', 'en']], ['Deepak Mishra', ['hi']],
    ],
  },
  {
    team: 'West & South',
    manager: { name: 'Arjun Mehta', email: 'arjun.mehta' },
    telecallers: [
      ['Kavya Reddy', ['te', 'en']], ['Lakshmi Iyer', ['ta', 'en']], ['Rohan Patil', ['mr', 'hi']], ['Fatima Sheikh', ['hi', 'en', 'mr']],
      ['Karthik Rao', ['kn', 'en']], ['Priya Menon', ['ml', 'en']],
    ],
  },
] as const;
