// Demo data: a believable organisation loaded into an empty database on first start
// (TELEHUB_DEMO=1) or by `telehub seed --demo`. Works only through other modules' services.

export { createDemoFloor, type FloorAgent } from './demo.floor.js';
export { type DemoAccounts, type DemoResult, demoAccounts, seedDemo } from './demo.service.js';
