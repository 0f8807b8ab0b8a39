// The knowledge base (articles in English and Hindi, searched across scripts and spellings by an
// in-memory index on each node) and the battlecards (what to say to each objection, per campaign).
// The index follows changes over the event bus (knowledge.changed) rather than the outbox: a node
// that misses a message mends it within a minute by comparing versions with the database.
export type { Battlecards } from './knowledge.battlecards.js';
export { analyze, foldWord } from './knowledge.fold.js';
export { createKnowledgeIndex, type IndexedArticle, type KnowledgeIndex } from './knowledge.index.js';
export { knowledgePolicy } from './knowledge.policy.js';
export { knowledgeRoutes } from './knowledge.routes.js';
export { createKnowledgeService, type KnowledgeDeps, type KnowledgeService, type SearchOptions } from './knowledge.service.js';
export { hasDevanagari, toDevanagari, toLatin } from './knowledge.translit.js';
