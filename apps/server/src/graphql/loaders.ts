/**
 * Batched loading for the fields that would otherwise ask once per parent (Lead.assignedTo,
 * Lead.calls, Lead.lastCallAt, Call.lead, Call.telecaller, Call.transcript, Call.analytics): every load made
 * while one level of a result is resolved goes out as one service call. HTTP requests cache
 * per request; subscriptions batch without caching, since one context lives as long as the socket.
 */
import type { Call, CallAnalysis, Lead, Team, User } from '@telehub/shared';
import type { AnalysisService } from '../modules/analysis/index.js';
import type { CallFigures } from '../modules/calls/index.js';
import { LeadErrors, type LeadsService } from '../modules/leads/index.js';
import type { UsersService } from '../modules/users/index.js';
import { type Actor, SYSTEM_ACTOR } from '../platform/context.js';

export type Loader<V> = {
  load(key: string): Promise<V | undefined>;
  /** Seeds the cache with a value already at hand (no-op without a cache). */
  prime(key: string, value: V): void;
};

type Job<V> = { key: string; resolve: (v: V | undefined) => void; reject: (err: unknown) => void };

/** A value per key, or an Error for a key that failed on its own. */
export type BatchFn<V> = (keys: string[]) => Promise<Map<string, V | Error>>;

export function batchLoader<V>(batch: BatchFn<V>, opts: { cache: boolean }): Loader<V> {
  const cache = new Map<string, Promise<V | undefined>>();
  let queue: Job<V>[] = [];

  async function dispatch() {
    const jobs = queue;
    queue = [];
    try {
      const found = await batch([...new Set(jobs.map((j) => j.key))]);
      for (const j of jobs) {
        const v = found.get(j.key);
        if (v instanceof Error) j.reject(v);
        else j.resolve(v);
      }
    } catch (err) {
      for (const j of jobs) j.reject(err);
    }
  }

  return {
    load(key) {
      const hit = opts.cache ? cache.get(key) : undefined;
      if (hit) return hit;
      const p = new Promise<V | undefined>((resolve, reject) => {
        queue.push({ key, resolve, reject });
        // After the promises already settled in this turn: sibling resolvers of one list all
        // run in that window, so their keys travel together (the dataloader schedule).
        if (queue.length === 1) void Promise.resolve().then(() => process.nextTick(dispatch));
      });
      if (opts.cache) cache.set(key, p);
      return p;
    },
    prime(key, value) {
      if (opts.cache && !cache.has(key)) cache.set(key, Promise.resolve(value));
    },
  };
}

export type LeadBrief = { id: string; name: string; phone: string; ownerId: string | null };
export type TranscriptText = { segments: number; text: string };

export type LoaderDeps = {
  leads: Pick<LeadsService, 'getMany' | 'calls'>;
  users: Pick<UsersService, 'list' | 'listTeams'>;
  figures: Pick<CallFigures, 'recentCallsOfLeads' | 'lastCallAt' | 'transcripts'>;
  analysis: Pick<AnalysisService, 'byCallIds'>;
};

export type Loaders = {
  users: Loader<User>;
  teams: Loader<Team>;
  /** Name, phone and owner: what lists of calls show, in one statement, not an audited read. */
  leadBriefs: Loader<LeadBrief>;
  /** The full lead record as the actor may see it (an audited read), a page of leads in a few statements. */
  leads: Loader<Lead>;
  leadCalls(limit: number): Loader<Call[]>;
  lastCallAt: Loader<Date>;
  transcripts: Loader<TranscriptText>;
  /** A call's analysis once it has run (none while pending). */
  analyses: Loader<CallAnalysis>;
};

export function createLoaders(deps: LoaderDeps, actor: Actor, opts: { cache: boolean }): Loaders {
  // The user directory is small and one statement answers every user id: read it once per request.
  let directory: Promise<Map<string, User>> | undefined;
  const users = () => {
    const p = directory ?? deps.users.list(SYSTEM_ACTOR).then((all) => new Map(all.map((u) => [u.id, u])));
    if (opts.cache) directory = p;
    return p;
  };
  let teamList: Promise<Map<string, Team>> | undefined;
  const teams = () => {
    const p = teamList ?? deps.users.listTeams(SYSTEM_ACTOR).then((all) => new Map(all.map((t) => [t.id, t])));
    if (opts.cache) teamList = p;
    return p;
  };
  const leadCalls = new Map<number, Loader<Call[]>>();

  return {
    users: batchLoader(() => users(), opts),
    teams: batchLoader(() => teams(), opts),
    leadBriefs: batchLoader(async (keys) => {
      const found = await deps.leads.calls.briefs(keys);
      return new Map([...found].map(([id, b]) => [id, { id, ...b }]));
    }, opts),
    leads: batchLoader(async (keys) => {
      const found = await deps.leads.getMany(actor, keys);
      // A lead the actor may not see answers exactly like a missing one, as leads.get does.
      return new Map(keys.map((id): [string, Lead | Error] => [id, found.get(id) ?? LeadErrors.LEAD_NOT_FOUND()]));
    }, opts),
    leadCalls(limit) {
      let l = leadCalls.get(limit);
      if (!l) {
        l = batchLoader((keys) => deps.figures.recentCallsOfLeads(keys, limit), opts);
        leadCalls.set(limit, l);
      }
      return l;
    },
    lastCallAt: batchLoader((keys) => deps.figures.lastCallAt(keys), opts),
    transcripts: batchLoader((keys) => deps.figures.transcripts(keys), opts),
    analyses: batchLoader((keys) => deps.analysis.byCallIds(keys), opts),
  };
}
