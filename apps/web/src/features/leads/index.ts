// Leads: the list and the lead page (facts, timeline, notes, edits), and the pieces of a lead
// that the workspace shows beside a call. Its cache keys are in lib/leadKeys (many features change leads).
export { leadsApi } from './api/leadsApi';
export { LeadFacts } from './components/LeadFacts';
export { StatusBadge } from './components/StatusBadge';
export { Timeline } from './components/Timeline';
export { LeadDetailPage } from './routes/LeadDetailPage';
export { LeadsListPage } from './routes/LeadsListPage';
