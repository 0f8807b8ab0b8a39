// Workspace: the telecaller's desk (next lead, the call live, wrap-up, callbacks, presence,
// today's numbers), kept current over the shared graphql-ws socket.
export { WorkspacePage } from './routes/WorkspacePage';
