// Placeholders: pages for sections that are on the way (reports), so the menu never leads nowhere.
export { ComingSoonPage } from './routes/ComingSoonPage';
