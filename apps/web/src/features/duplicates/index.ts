// Duplicates: possible duplicate leads, merging them (with undo) and the merge history.
// The lead page shows its pieces; the duplicates page loads on first visit.
export { MergeBanner } from './components/MergeBanner';
export type { Merged } from './components/MergeDialog';
export { MergeHistory } from './components/MergeHistory';
export { PossibleDuplicates } from './components/PossibleDuplicates';

export const loadDuplicatesPage = () => import('./routes/DuplicatesPage').then((m) => m.DuplicatesPage);
