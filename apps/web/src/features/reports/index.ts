// Reports: the conversion funnel, campaigns, telecallers, when to call, compliance and sources over a period, with
// drill-downs, files, saved and scheduled reports; the page loads on first visit.
export const loadReportsPage = () => import('./routes/ReportsPage').then((m) => m.ReportsPage);
