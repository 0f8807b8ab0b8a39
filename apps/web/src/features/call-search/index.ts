// Call search: the page that finds calls by what was said in them and by what their analysis
// found, the search kept in the URL (loaded on first visit).
export const loadCallSearchPage = () => import('./routes/CallSearchPage').then((m) => m.CallSearchPage);
