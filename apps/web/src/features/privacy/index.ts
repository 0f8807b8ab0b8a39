// Privacy: the person's rights (requests, legal holds, retention, consent notices) for admins, and
// the consent and privacy panel of the lead page.
export { LeadPrivacy } from './components/LeadPrivacy';

export const loadPrivacyPage = () => import('./routes/PrivacyPage').then((m) => m.PrivacyPage);
