/**
 * No N+1: a page of leads with owners and calls, and a page of calls with leads and agents,
 * cost the same number of SQL statements for 10 items as for 50. Statements are counted with a
 * drizzle logger on the app's own database handle.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as DrizzleLogger } from 'drizzle-orm/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calls, transcriptSegments } from '../modules/calls/calls.tables.js';
import { SYSTEM_ACTOR } from '../platform/context.js';
import type { Db } from '../platform/db/client.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { gqlData } from './testing/gql.js';

let t: TestApp;

/**
 * The session check of a request (who the token's user is now, whether its session is open): two
 * reads or none, as the node's half-second cache has them, whatever the page. Not counted.
 */
const isSessionCheck = (query: string) => query.includes('"session_version" from "users"') || query.includes('from "refresh_tokens"');

/**
 * Counts the statements the app runs for one request until stopped (transactions copy the same
 * logger option). Only the request's own count: the node's timers (the pacer, the call sweep, the
 * heartbeat) query the same handle meanwhile, outside the request's async context.
 */
const requestContext = new AsyncLocalStorage<true>();
function countStatements(db: Db) {
  const session = (db as unknown as { session: { logger: DrizzleLogger; options: { logger?: DrizzleLogger } } }).session;
  const before = { logger: session.logger, option: session.options.logger };
  const seen: string[] = [];
  const logger: DrizzleLogger = { logQuery: (query) => void (requestContext.getStore() && !isSessionCheck(query) && seen.push(query)) };
  session.logger = logger;
  session.options.logger = logger;
  return {
    seen,
    stop() {
      session.logger = before.logger;
      session.options.logger = before.option;
      return seen.length;
    },
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const { telecaller, otherTelecaller } = t.cast;
  const db = t.db.database.db;
  for (let i = 0; i < 50; i++) {
    const lead = await t.app.services.leads.create(SYSTEM_ACTOR, {
      name: `Bulk ${String(i).padStart(2, '0')}`,
      phone: `98300${String(10_000 + i)}`,
      ownerId: i % 2 ? telecaller.id : otherTelecaller.id,
      tags: ['bulk'],
    });
    const started = new Date(Date.now() - (i + 1) * 3_600_000);
    const rows = await db
      .insert(calls)
      .values(
        [telecaller.id, otherTelecaller.id].map((agentId, k) => ({
          leadId: lead.id,
          agentId,
          provider: 'simulator',
          providerCallId: `bulk-${i}-${k}`,
          status: 'completed',
          startedAt: new Date(started.getTime() + k * 60_000),
          answeredAt: new Date(started.getTime() + k * 60_000 + 5000),
          endedAt: new Date(started.getTime() + k * 60_000 + 65_000),
          durationSeconds: 60,
          disposition: k ? 'converted' : 'interested',
          createdAt: new Date(started.getTime() + k * 60_000),
        })),
      )
      .returning({ id: calls.id });
    const first = rows[0];
    if (first) {
      await db.insert(transcriptSegments).values([
        { callId: first.id, seq: 0, speaker: 'agent', language: 'en', text: 'Hello', startMs: 0, endMs: 900 },
        { callId: first.id, seq: 1, speaker: 'lead', language: 'en', text: 'Hi', startMs: 1000, endMs: 1500 },
      ]);
    }
  }
});
afterAll(() => t?.close());

const LEADS = `query($n: Int) { leads(filter: { tag: "bulk", pageSize: $n }) {
  id name status lastCallAt
  assignedTo { id name team { name } }
  calls(limit: 5) { id status duration outcome transcript telecaller { name } lead { name } analytics { transcriptSegments } }
} }`;

const CALLS = `query($n: Int) { calls(filter: { limit: $n }) {
  id status transcript sentiment analytics { analysisStatus talkRatio objections { type handled } summary }
  lead { id name phone assignedTo { name } calls(limit: 2) { id } lastCallAt }
  telecaller { id name email }
} }`;

/** Lead fields only the full record has (email, city, tags, dnd): the audited bulk read. */
const CALLS_FULL_LEADS = `query($n: Int) { calls(filter: { limit: $n }) { id lead { id email city tags dnd timezone } } }`;

async function statementsFor(query: string, n: number, token: string) {
  const counter = countStatements(t.db.database.db);
  const data = await requestContext.run(true, () => gqlData<Record<string, unknown[]>>(t.app, token, query, { n }));
  return { statements: counter.stop(), items: Object.values(data)[0]?.length ?? 0, seen: counter.seen };
}

describe('batched loading', () => {
  it('loads a page of leads with owners, calls, their agents and transcripts in a constant number of statements', async () => {
    const ten = await statementsFor(LEADS, 10, t.cast.admin.token);
    const fifty = await statementsFor(LEADS, 50, t.cast.admin.token);
    expect([ten.items, fifty.items]).toEqual([10, 50]);
    console.info(`leads: ${ten.statements} statements for 10 leads, ${fifty.statements} for 50`);
    expect(fifty.statements).toBe(ten.statements);
    expect(fifty.statements).toBeLessThanOrEqual(10);
  });

  it('loads a page of calls with their leads and agents in a constant number of statements', async () => {
    const ten = await statementsFor(CALLS, 10, t.cast.admin.token);
    const fifty = await statementsFor(CALLS, 50, t.cast.admin.token);
    expect([ten.items, fifty.items]).toEqual([10, 50]);
    console.info(`calls: ${ten.statements} statements for 10 calls, ${fifty.statements} for 50`);
    expect(fifty.statements).toBe(ten.statements);
    // A telecaller's page, and their manager's: the calls of the agents they watch, less the 25
    // to leads outside their scope (owned by the other team's telecaller). Reading the scope
    // costs the same few statements, whatever the page.
    const mine = await statementsFor(CALLS, 50, t.cast.telecaller.token);
    expect(mine.items).toBe(25);
    const managers = await statementsFor(CALLS, 50, t.cast.manager.token);
    expect(managers.items).toBe(25);
    const managersTen = await statementsFor(CALLS, 10, t.cast.manager.token);
    expect(managersTen.statements).toBe(managers.statements);
  });

  it('reads the full records of a page of calls’ leads at once, each read audited', async () => {
    const ten = await statementsFor(CALLS_FULL_LEADS, 10, t.cast.admin.token);
    const fifty = await statementsFor(CALLS_FULL_LEADS, 50, t.cast.admin.token);
    expect([ten.items, fifty.items]).toEqual([10, 50]);
    console.info(`calls with full leads: ${ten.statements} statements for 10 calls, ${fifty.statements} for 50`);
    expect(fifty.statements).toBe(ten.statements);
    const audited = await t.request({ method: 'GET', url: '/api/v1/audit?action=lead.read&pageSize=100', as: t.cast.admin });
    expect(audited.statusCode, audited.body).toBe(200);
    expect(audited.json<{ total: number }>().total).toBeGreaterThanOrEqual(10);
  });
});
