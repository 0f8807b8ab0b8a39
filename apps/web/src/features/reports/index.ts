// Reports: the conversion funnel, campaigns, telecallers and when to call over a period, with
// drill-downs, files, saved and scheduled reports; the page loads on first visit.
export const loadReportsPage = () => import('./routes/ReportsPage').then((m) => m.ReportsPage);
