// The setup checklist an admin lands on until the organisation has teams, telecallers and leads.
// Reads counts from other modules' tables (teams, users, leads, campaigns, dnd_registry, sync_state, imports); owns nothing.
export { setupPolicy } from './setup.policy.js';
export { setupRoutes } from './setup.routes.js';
export { createSetupService, type SetupService } from './setup.service.js';
