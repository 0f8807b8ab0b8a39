// Call review: a finished call's page, replayed with its recording, transcript and what its
// analysis found (loaded on first visit). Built from the calls feature's pieces; more sections slot in.

export const loadCallPage = () => import('./routes/CallPage').then((m) => m.CallPage);
