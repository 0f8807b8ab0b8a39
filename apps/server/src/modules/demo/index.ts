// Demo data: a believable organisation loaded into an empty database on first start
// (TELEHUB_DEMO=1) or by `telehub seed --demo`. Works only through other modules' services.
import type { Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Logger } from '../../platform/logging.js';
import type { Registrar } from '../../platform/modules.js';
import { createDemoFloor, type FloorAgent, type FloorDeps } from './demo.floor.js';
import { demoAccounts } from './demo.service.js';

export { createDemoFloor, type FloorAgent } from './demo.floor.js';
export { type DemoAccounts, type DemoResult, demoAccounts, seedDemo } from './demo.service.js';

export type DemoFloorServices = Pick<FloorDeps, 'presence' | 'next' | 'start' | 'status' | 'dispose' | 'offer' | 'accept'> & {
  db: Db;
  clock: Clock;
  logger: Logger;
  findUser(email: string): Promise<{ id: string; teamId: string | null; active: boolean } | undefined>;
};

/**
 * The demo floor (TELEHUB_DEMO_FLOOR): the last `agents` demo telecallers work the demo leads
 * every two seconds, on whichever node holds the scheduler lease.
 */
export function register(r: Registrar, s: DemoFloorServices, opts: { floor: boolean; agents: number }) {
  if (!opts.floor) return;
  let agents: FloorAgent[] | undefined;
  const floor = createDemoFloor({
    ...s,
    agents: async () => {
      if (agents) return agents;
      const accounts = await demoAccounts(s.db);
      if (!accounts) return [];
      const emails = accounts.telecallers.slice(-opts.agents);
      agents = (await Promise.all(emails.map((e) => s.findUser(e)))).flatMap((u) => (u?.active ? [{ id: u.id, teamId: u.teamId }] : []));
      s.logger.info({ agents: agents.length }, 'demo floor: virtual telecallers are working the demo leads');
      return agents;
    },
  });
  r.schedule({ name: 'demo.floor', everyMs: 2000, run: () => floor.tick() });
}
