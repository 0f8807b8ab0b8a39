// Live assist: turns a live call's transcript into cards (objections with battlecards, knowledge
// answers, the script checklist, sentiment, compliance nudges) and answers analyze and suggest. Owns assist_cards.
export { type AssistEngine, createAssistEngine, type StoredSegment, type Understand } from './assist.engine.js';
export { assistRoutes } from './assist.routes.js';
export { checkpointsIn, normalize } from './assist.rules.js';
export { type AssistService, createAssistService } from './assist.service.js';
