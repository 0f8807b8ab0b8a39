// Assignment: the rules that hand new leads to telecallers, and assigning chosen leads by hand.
// Other features use the bulk-assign bar; the rules page loads on first visit.
export { BulkAssignBar } from './components/BulkAssignBar';

export const loadAssignmentRulesPage = () => import('./routes/AssignmentRulesPage').then((m) => m.AssignmentRulesPage);
