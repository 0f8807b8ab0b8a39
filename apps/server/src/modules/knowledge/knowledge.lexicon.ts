/**
 * Words that mean the same thing across the two languages (and within each), for the questions
 * callers ask an education programme: a query word also finds its partners, a little lower. Only
 * the query is expanded; articles are indexed as written. Spelling variants need no entry here
 * (folding joins them); an entry is for different words: fees and शुल्क, hostel and छात्रावास.
 */
import { foldWord } from './knowledge.fold.js';

const GROUPS: readonly string[][] = [
  ['fee', 'fees', 'shulk', 'शुल्क', 'charges', 'tuition'],
  ['cost', 'costs', 'kharcha', 'खर्चा', 'expense', 'expenses', 'lagat', 'लागत', 'price', 'daam', 'दाम', 'keemat', 'कीमत', 'paisa', 'पैसा', 'paise', 'पैसे'],
  ['scholarship', 'scholarships', 'chhatravritti', 'छात्रवृत्ति', 'vazifa', 'वज़ीफ़ा', 'concession', 'waiver'],
  ['instalment', 'instalments', 'installment', 'installments', 'kist', 'किस्त', 'kisht', 'emi'],
  ['hostel', 'hostels', 'chhatravas', 'छात्रावास', 'accommodation', 'lodging', 'rehna', 'रहना'],
  ['time', 'timing', 'timings', 'samay', 'समय', 'waqt', 'वक़्त', 'schedule'],
  ['batch', 'batches', 'shift', 'session', 'sessions'],
  ['class', 'classes', 'kaksha', 'कक्षा', 'lecture', 'lectures'],
  ['course', 'courses', 'pathyakram', 'पाठ्यक्रम', 'program', 'programme', 'syllabus'],
  ['job', 'jobs', 'naukri', 'नौकरी', 'placement', 'placements', 'rozgar', 'रोज़गार', 'employment', 'career'],
  ['family', 'parivar', 'परिवार', 'parents', 'mata', 'माता', 'pita', 'पिता', 'ghar', 'घर', 'gharwale', 'घरवाले', 'husband', 'pati', 'पति'],
  ['distance', 'far', 'doori', 'दूरी', 'door', 'दूर', 'travel', 'commute'],
  ['transport', 'bus', 'बस', 'van', 'auto', 'ऑटो'],
  ['certificate', 'certificates', 'pramanpatra', 'प्रमाणपत्र', 'praman', 'प्रमाण', 'marksheet'],
  ['registered', 'registration', 'panjikrit', 'पंजीकृत', 'panjikaran', 'पंजीकरण', 'recognised', 'recognized', 'manyata', 'मान्यता'],
  ['trust', 'bharosa', 'भरोसा', 'vishvas', 'विश्वास', 'genuine', 'fraud', 'dhokha', 'धोखा'],
  ['refund', 'refunds', 'vapas', 'वापस', 'vapsi', 'वापसी', 'return'],
  ['free', 'muft', 'मुफ़्त', 'nishulk', 'निःशुल्क', 'nishulka'],
  ['exam', 'exams', 'examination', 'pariksha', 'परीक्षा', 'test', 'tests', 'board'],
  ['teacher', 'teachers', 'shikshak', 'शिक्षक', 'adhyapak', 'अध्यापक', 'tutor', 'faculty', 'mentor'],
  ['document', 'documents', 'dastavez', 'दस्तावेज़', 'kagaz', 'काग़ज़', 'papers', 'aadhaar', 'आधार'],
  ['admission', 'admissions', 'enrolment', 'enrollment', 'enrol', 'enroll', 'dakhila', 'दाखिला', 'pravesh', 'प्रवेश', 'join', 'joining'],
  ['food', 'meals', 'mess', 'khana', 'खाना', 'bhojan', 'भोजन'],
  ['safety', 'safe', 'suraksha', 'सुरक्षा', 'surakshit', 'सुरक्षित', 'security'],
  ['women', 'woman', 'girls', 'girl', 'mahila', 'महिला', 'mahilayen', 'महिलाएं', 'ladki', 'लड़की', 'ladkiyan', 'लड़कियां'],
  ['online', 'ऑनलाइन', 'internet', 'video', 'mobile', 'app', 'phone', 'फ़ोन'],
  ['call', 'callback', 'phone', 'फ़ोन', 'baat', 'बात'],
  ['address', 'location', 'pata', 'पता', 'centre', 'center', 'kendra', 'केंद्र'],
  ['study', 'studies', 'padhai', 'पढ़ाई', 'education', 'shiksha', 'शिक्षा', 'learning'],
  ['salary', 'income', 'kamai', 'कमाई', 'aay', 'आय', 'vetan', 'वेतन', 'stipend'],
];

/** Folded key -> the folded keys it means the same as (itself excluded). */
const PARTNERS = new Map<string, Set<string>>();
for (const group of GROUPS) {
  const keys = [...new Set(group.map((w) => foldWord(w).key))];
  for (const k of keys) {
    const set = PARTNERS.get(k) ?? new Set<string>();
    for (const other of keys) if (other !== k) set.add(other);
    PARTNERS.set(k, set);
  }
}

/** The keys of the words that mean what `key` means. */
export const partnersOf = (key: string): ReadonlySet<string> => PARTNERS.get(key) ?? EMPTY;
const EMPTY: ReadonlySet<string> = new Set();
