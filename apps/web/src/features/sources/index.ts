// Sources: the external lead databases and CRMs, their sync runs and outbox.
// Only its page leaves the feature, loaded on first visit.
export const loadSourcesPage = () => import('./routes/SourcesPage').then((m) => m.SourcesPage);
