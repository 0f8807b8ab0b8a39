// Follow-ups: the sequences of WhatsApp and email messages rules send leads after a call's outcome
// or a status change. The lead page shows a lead's follow-ups; the rules page loads on first visit.
export { LeadFollowups } from './components/LeadFollowups';

export const loadFollowupRulesPage = () => import('./routes/FollowupRulesPage').then((m) => m.FollowupRulesPage);
