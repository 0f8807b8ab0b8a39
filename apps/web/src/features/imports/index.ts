// Imports: lead files uploaded, mapped and run, with their progress and rejected rows. The DND
// registry runs its list uploads the same way and shows them with these pieces.
export { isRunning } from './api/importsApi';
export { ImportCounts } from './components/ImportCounts';
export { ImportProgress } from './components/ImportProgress';
export { ImportStatusBadge } from './components/ImportStatusBadge';
export { RejectsTable } from './components/RejectsTable';
export { rejectReason } from './components/rejectReason';
export { useDownloadRejects } from './hooks/useImports';

export const loadImportLeadsPage = () => import('./routes/ImportLeadsPage').then((m) => m.ImportLeadsPage);
