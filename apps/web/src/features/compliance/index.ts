// Compliance: the DND (NCPR) registry page and the DND marks other features show on a lead.
export { DndBanner, DndTag } from './components/DndBadge';

export const loadDndRegistryPage = () => import('./routes/DndRegistryPage').then((m) => m.DndRegistryPage);
