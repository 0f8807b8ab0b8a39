export * from './audit.js';
export * from './auth.js';
export * from './campaigns.js';
export * from './enums.js';
export * from './errors.js';
export * from './leads.js';
export * from './users.js';
