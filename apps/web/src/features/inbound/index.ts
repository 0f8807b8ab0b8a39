// Inbound: each team's answering hours (settings); the queue itself shows on the command center and the workspace.
export const loadInboundHoursPage = () => import('./routes/InboundHoursPage').then((m) => m.InboundHoursPage);
