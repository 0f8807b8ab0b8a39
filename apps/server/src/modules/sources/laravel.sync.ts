/**
 * Incremental pull from the Laravel CRM. A run asks for leads changed since the stored cursor
 * (minus a second, as the CRM may compare with > or >=), page by page, and saves a checkpoint
 * after each page, so a run that fails midway is resumed by the next one from the page it
 * reached. Ingest is idempotent: a page seen twice changes nothing the second time.
 */
import type { ExternalUser } from '@telehub/shared';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { LeadsService, SourceRecord } from '../leads/index.js';
import type { UsersService } from '../users/index.js';
import type { CrmClient } from './laravel.client.js';
import { LARAVEL, mapLaravelLead, mapLaravelUser } from './laravel.mapping.js';
import { formatSourceTime } from './sources.mapping.js';
import * as repo from './sources.repo.js';
import type { RunBody } from './sources.runs.js';

/**
 * Where a run stands, saved after every page. `resumedAfter` is the latest change seen before
 * the run was interrupted: records the CRM moved across that page boundary while no one was
 * reading (it sorts by updated_at, and others changed) lie after it, so the run's cursor stops
 * there and the next run reads that stretch again.
 */
type Checkpoint = { since: string; page: number; maxSeen: string | null; startedAt: string; resumedAfter: string | null };

const OVERLAP_MS = 1000;
/**
 * The cursor never passes the run's start minus this margin: a record changed while the run
 * paged (and so possibly shifted onto a page already read) is then still ahead of the cursor,
 * even with some clock difference between the CRM and TeleHub.
 */
const CLOCK_MARGIN_MS = 5 * 60_000;

function readCheckpoint(v: unknown): Checkpoint | null {
  if (typeof v !== 'object' || v === null) return null;
  const c = v as Partial<Checkpoint>;
  if (typeof c.since !== 'string' || typeof c.page !== 'number' || typeof c.startedAt !== 'string') return null;
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  return { since: c.since, page: c.page, maxSeen: str(c.maxSeen), startedAt: c.startedAt, resumedAfter: str(c.resumedAfter) };
}

const earliest = (a: string | null, b: string | null) => (a && b ? (new Date(a) < new Date(b) ? a : b) : (a ?? b));

/** The cursor after a run: its latest change, held back as explained above, never behind the old one. */
export function nextCursor(previous: Date | null, cp: Pick<Checkpoint, 'maxSeen' | 'startedAt' | 'resumedAfter'>): Date | null {
  if (!cp.maxSeen) return previous;
  const limits = [new Date(cp.maxSeen).getTime(), new Date(cp.startedAt).getTime() - CLOCK_MARGIN_MS];
  if (cp.resumedAfter) limits.push(new Date(cp.resumedAfter).getTime());
  const capped = new Date(Math.min(...limits));
  return previous && previous > capped ? previous : capped;
}

export type LaravelSyncDeps = {
  db: Db;
  clock: Clock;
  zone: string;
  /** Null while the connector is not configured: users and links still work, pulling does not. */
  client: CrmClient | null;
  leads: Pick<LeadsService, 'ingest'>;
  users: Pick<UsersService, 'findActive' | 'list' | 'namesByIds'>;
};

/** CRM user ids an admin unlinked on purpose: never linked again by email. */
type LaravelConfig = { keepUnlinked?: string[] };
const laravelConfig = async (db: Db): Promise<LaravelConfig> => ((await repo.findState(db, LARAVEL))?.config ?? {}) as LaravelConfig;

export function createLaravelSync(deps: LaravelSyncDeps) {
  const { db, clock, zone } = deps;
  const crm = (): CrmClient => {
    if (!deps.client) throw new Error('the Laravel CRM connector is not configured');
    return deps.client;
  };

  /** TeleHub owners for CRM user ids: linked and still active. */
  async function ownersOf(refs: string[], active: Map<string, boolean>): Promise<Map<string, string>> {
    const linked = await repo.linkedUsers(db, LARAVEL, refs);
    const out = new Map<string, string>();
    for (const [ref, userId] of linked) {
      if (!active.has(userId)) active.set(userId, Boolean(await deps.users.findActive(userId)));
      if (active.get(userId)) out.set(ref, userId);
    }
    return out;
  }

  /** Maps a batch of CRM leads, resolving owners; `active` caches user checks for one run. */
  async function toRecords(items: unknown[], active = new Map<string, boolean>()) {
    const mapped = items.map((i) => mapLaravelLead(i, zone));
    const owners = await ownersOf(
      mapped.flatMap((m) => (m.ok && m.ownerRef ? [m.ownerRef] : [])),
      active,
    );
    const records: SourceRecord[] = [];
    const rejected: { externalId: string | null; reason: string }[] = [];
    for (const m of mapped) {
      if (!m.ok) rejected.push({ externalId: m.externalId, reason: m.reason });
      else records.push({ ...m.record, ownerId: m.ownerRef ? (owners.get(m.ownerRef) ?? null) : null });
    }
    return { records, rejected };
  }

  /** Stores the CRM's users, and links each unlinked one to the TeleHub user with the same email. */
  async function refreshUsers(): Promise<void> {
    const items = (await crm().users()).flatMap((u) => {
      const m = mapLaravelUser(u);
      return m ? [m] : [];
    });
    const now = clock.now();
    await repo.upsertExternalUsers(db, LARAVEL, items, now);
    const keep = new Set((await laravelConfig(db)).keepUnlinked ?? []);
    const unlinked = (await repo.listExternalUsers(db, LARAVEL)).filter((r) => !r.userId && r.email && !keep.has(r.externalId));
    if (unlinked.length === 0) return;
    const byEmail = new Map((await deps.users.list(SYSTEM_ACTOR)).filter((u) => u.active).map((u) => [u.email.toLowerCase(), u.id]));
    for (const r of unlinked) {
      const userId = r.email ? byEmail.get(r.email) : undefined;
      if (userId) await repo.linkExternalUser(db, LARAVEL, r.externalId, userId, now);
    }
  }

  /** Links (or, with null, unlinks for good) a CRM user; answers the stored row. */
  async function link(externalId: string, userId: string | null) {
    const now = clock.now();
    const row = await repo.linkExternalUser(db, LARAVEL, externalId, userId, now);
    if (!row) return undefined;
    const keep = new Set((await laravelConfig(db)).keepUnlinked ?? []);
    if (userId) keep.delete(externalId);
    else keep.add(externalId);
    await repo.updateState(db, LARAVEL, { config: { ...(await laravelConfig(db)), keepUnlinked: [...keep] }, updatedAt: now });
    return row;
  }

  async function listUsers(): Promise<ExternalUser[]> {
    const rows = await repo.listExternalUsers(db, LARAVEL);
    const names = await deps.users.namesByIds(rows.flatMap((r) => (r.userId ? [r.userId] : [])));
    return rows.map((r) => ({
      source: r.source,
      externalId: r.externalId,
      name: r.name,
      email: r.email,
      userId: r.userId,
      userName: r.userId ? (names.get(r.userId) ?? null) : null,
      updatedAt: r.updatedAt.toISOString(),
    }));
  }

  const body: RunBody = async (ctx) => {
    try {
      await refreshUsers();
    } catch (err) {
      // Owners are a nicety: a CRM without a users endpoint still syncs its leads.
      ctx.note(`CRM users not refreshed: ${err instanceof Error ? err.message : String(err)}`);
    }
    const state = await repo.findState(db, LARAVEL);
    const previous = state?.cursor ? new Date(state.cursor) : null;
    const saved = readCheckpoint(state?.checkpoint);
    const cp: Checkpoint = saved
      ? { ...saved, resumedAfter: earliest(saved.resumedAfter, saved.maxSeen) }
      : {
          since: formatSourceTime(new Date(previous ? previous.getTime() - OVERLAP_MS : 0), zone),
          page: 1,
          maxSeen: null,
          startedAt: ctx.startedAt.toISOString(),
          resumedAfter: null,
        };
    const active = new Map<string, boolean>();
    for (let pages = 0; ; pages++) {
      if (pages >= 100_000) throw new Error('the CRM keeps answering more pages; stopped after 100000');
      const page = await crm().leadsPage(cp.since, cp.page);
      ctx.counts.fetched += page.items.length;
      const { records, rejected } = await toRecords(page.items, active);
      for (const r of rejected) ctx.reject(r.externalId, r.reason);
      ctx.tally(await deps.leads.ingest(SYSTEM_ACTOR, records));
      for (const r of records) if (!cp.maxSeen || r.sourceUpdatedAt > new Date(cp.maxSeen)) cp.maxSeen = r.sourceUpdatedAt.toISOString();
      cp.page += 1;
      await repo.updateState(db, LARAVEL, { checkpoint: cp, updatedAt: clock.now() });
      await ctx.heartbeat();
      if (!page.hasNext) break;
    }
    const cursor = nextCursor(previous, cp)?.toISOString() ?? null;
    await repo.updateState(db, LARAVEL, { cursor, checkpoint: null, updatedAt: clock.now() });
    return { cursor };
  };

  return { body, refreshUsers, link, listUsers, toRecords };
}

export type LaravelSync = ReturnType<typeof createLaravelSync>;
