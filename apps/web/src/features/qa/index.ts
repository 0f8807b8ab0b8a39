// QA: the scorecard editor (admin pages under Settings, loaded on first visit) and a call's quality
// score with its review and disputes, shown on the call page.

export { qaKeys } from './api/qaApi';
export { CallQaSection } from './components/CallQaSection';

export const loadScorecardsPage = () => import('./routes/ScorecardsPage').then((m) => m.ScorecardsPage);
export const loadScorecardEditPage = () => import('./routes/ScorecardEditPage').then((m) => m.ScorecardEditPage);
