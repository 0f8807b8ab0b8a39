// Coaching: a telecaller's skills beside the team's and what to work on next, a manager's coaching
// queue and team skill matrix, and the QA review queue with calibration; pages load on first visit.
export const loadCoachingPage = () => import('./routes/CoachingPage').then((m) => m.CoachingPage);
export const loadReviewPage = () => import('./routes/ReviewPage').then((m) => m.ReviewPage);
