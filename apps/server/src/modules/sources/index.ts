// Sources: the connectors that bring leads in from outside (the Laravel CRM's API, its MySQL
// database, its event queue) and write call outcomes back to the CRM; owns the sync tables.
export type { CallOutcome } from './outbox.js';
export { sourcesRoutes } from './sources.routes.js';
export { createSourcesService, type SourcesService } from './sources.service.js';
