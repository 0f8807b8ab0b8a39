// Lead fields: the definitions of leads' extra information (metadata keys) with their labels in
// English and Hindi and their types; how the lead pages read and edit the values. The Settings page loads on first visit.
export { type ExtraFieldRow, extraFieldRows, fieldLabel, fromInputText, humaniseKey, toInputText } from './components/fieldValues';
export { LeadFieldInput } from './components/LeadFieldInput';
export { useLeadFields } from './hooks/useLeadFields';

export const loadLeadFieldsPage = () => import('./routes/LeadFieldsPage').then((m) => m.LeadFieldsPage);
