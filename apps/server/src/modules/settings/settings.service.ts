/**
 * Settings in the product: what an admin changes in Settings overrides the environment's value of
 * the same variable, on every node, without a restart. Each node keeps the values in force in its
 * config object (services read those fields at use time) and reloads them when a change is
 * announced on the bus, and every few seconds in case an announcement was lost.
 */
import { SETTING_GROUPS, type SettingGroup, type SettingItem, type SettingOrigin, type SettingsAnswer } from '@telehub/shared';
import { inArray } from 'drizzle-orm';
import { type Config, LIVE_VARS, type LiveGroup, type LiveProblem, type LiveVar, parseLiveValues, writeLiveValues } from '../../config.js';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { Logger } from '../../platform/logging.js';
import type { AuditService } from '../audit/index.js';
import type { Keyring } from '../recordings/index.js';
import { SettingErrors } from './settings.errors.js';
import { settingsPolicy } from './settings.policy.js';
import { open, seal } from './settings.seal.js';
import { settingOverrides } from './settings.tables.js';

declare module '../../platform/events/bus.js' {
  interface EventPayloads {
    /** Settings were changed on some node: every node reloads them. */
    'settings.changed': { version: number };
  }
}

/** How often a node looks for changes it was not told about (a lost bus message, a restart of Redis). */
const RELOAD_EVERY_MS = 5000;

type Stored = { text: string; updatedBy: string | null; updatedAt: Date };

export type SettingsDeps = {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The node's config: live values are written into it in place. */
  config: Config;
  keyring: Keyring;
  audit: Pick<AuditService, 'record'>;
  bus: EventBus;
};

export type SettingsService = ReturnType<typeof createSettingsService>;
export type SettingsListener = (changed: ReadonlySet<LiveGroup>) => void | Promise<void>;

const byName = new Map(LIVE_VARS.map((v) => [v.name, v]));
const PROVIDER_PREFIX = { twilio: 'TWILIO_', exotel: 'EXOTEL_' } as const;
const textOf = (value: unknown): string | null => (value === undefined || value === null ? null : String(value));

export function createSettingsService(deps: SettingsDeps) {
  const { db, clock, logger, config, keyring, audit, bus } = deps;
  let stored = new Map<string, Stored>();
  let fingerprint = '';
  let version = 0;
  const listeners = new Set<SettingsListener>();
  let timer: NodeJS.Timeout | null = null;
  let unsubscribe: (() => void) | null = null;
  let reloading: Promise<void> | null = null;

  const rawOf = (over: ReadonlyMap<string, Stored>) => {
    const raw: Record<string, string | undefined> = { ...config.liveEnv };
    for (const [name, s] of over) raw[name] = s.text;
    return raw;
  };

  async function readStored(): Promise<{ rows: Map<string, Stored>; print: string }> {
    const rows = await db.select().from(settingOverrides);
    const out = new Map<string, Stored>();
    for (const r of rows.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!byName.has(r.name)) continue;
      try {
        const text = r.sealed ? open(keyring, r.name, r.sealed) : r.value;
        if (text !== null) out.set(r.name, { text, updatedBy: r.updatedBy, updatedAt: r.updatedAt });
      } catch (err) {
        logger.error({ err, setting: r.name }, 'a stored setting cannot be read; the environment’s value applies');
      }
    }
    const print = rows.map((r) => `${r.name}@${r.updatedAt.toISOString()}`).join(',');
    return { rows: out, print };
  }

  /** Puts `rows` in force; a stored value that is no longer valid (the environment changed under it) is left out, loudly. */
  async function apply(rows: Map<string, Stored>, print: string, announce: boolean) {
    let { values, problems } = parseLiveValues(rawOf(rows), config.telephony.TELEPHONY_PROVIDER);
    if (problems.length > 0) {
      for (const p of problems) {
        if (rows.delete(p.name)) logger.error({ setting: p.name, problem: p.message }, 'a stored setting is not valid; the environment’s value applies');
      }
      ({ values, problems } = parseLiveValues(rawOf(rows), config.telephony.TELEPHONY_PROVIDER));
      if (problems.length > 0) {
        logger.error({ problems }, 'settings not applied: the environment’s values are not valid together');
        return;
      }
    }
    const changed = new Set<LiveGroup>();
    for (const v of LIVE_VARS) {
      const before = (config[v.section as keyof Config] as Record<string, unknown>)[v.name];
      if (JSON.stringify(before) !== JSON.stringify(values.get(v.name))) changed.add(v.group);
    }
    writeLiveValues(config, values);
    stored = rows;
    fingerprint = print;
    if (changed.size === 0) return;
    version++;
    if (!announce) return;
    for (const fn of listeners) {
      try {
        await fn(changed);
      } catch (err) {
        logger.error({ err, groups: [...changed] }, 'a service failed to take changed settings');
      }
    }
  }

  /** Reads the stored settings again; does nothing when none changed since the last read. */
  async function reload(): Promise<void> {
    if (reloading) return reloading;
    reloading = (async () => {
      const { rows, print } = await readStored();
      if (print !== fingerprint) await apply(rows, print, true);
    })().finally(() => {
      reloading = null;
    });
    return reloading;
  }

  function item(v: LiveVar): SettingItem {
    const s = stored.get(v.name);
    const env = config.liveEnv[v.name];
    const origin: SettingOrigin = s ? 'stored' : env !== undefined ? 'environment' : 'default';
    const inForce = (config[v.section as keyof Config] as Record<string, unknown>)[v.name];
    const shown = s?.text ?? env ?? textOf(inForce);
    return {
      name: v.name,
      group: v.group,
      secret: v.secret,
      description: v.description,
      origin,
      value: v.secret ? null : shown,
      isSet: shown !== null && shown !== '',
      environmentValue: v.secret ? null : (env ?? null),
      environmentSet: env !== undefined,
      updatedAt: s?.updatedAt.toISOString() ?? null,
      updatedBy: s?.updatedBy ?? null,
    };
  }

  /** The telephony settings are the running provider's account (TELEPHONY_PROVIDER itself is chosen by the environment). */
  const ofRunningProvider = (v: LiveVar) => {
    if (v.group !== 'telephony') return true;
    const provider = config.telephony.TELEPHONY_PROVIDER;
    return provider !== 'simulator' && v.name.startsWith(PROVIDER_PREFIX[provider]);
  };

  function allowed(actor: Actor, names: string[]) {
    const groups = settingsPolicy.groupsOf(actor);
    for (const name of names) {
      const v = byName.get(name);
      if (!v) throw SettingErrors.SETTING_UNKNOWN(`${name}: no such setting, or it cannot be changed in the product`);
      if (!groups.includes(v.group)) throw SettingErrors.SETTING_FORBIDDEN(`${name}: you may not change the ${v.group} settings`);
    }
  }

  const invalid = (problems: LiveProblem[]) =>
    new AppError(
      'SETTING_INVALID',
      'bad_request',
      problems.map((p) => `${p.name}: ${p.message}`).join('; '),
      problems.map((p) => ({ path: p.name, message: p.message })),
    );

  return {
    /** Reads the stored settings and puts them in force; call once before the services that read config start. */
    async load(): Promise<void> {
      const { rows, print } = await readStored();
      await apply(rows, print, false);
    },

    reload,

    /** Called with the groups whose values changed, on every node, after they are in force. */
    onChange(fn: SettingsListener): () => void {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },

    /** The settings this user may change, with where each value comes from. */
    list(actor: Actor, group?: SettingGroup): SettingsAnswer {
      const groups = settingsPolicy.groupsOf(actor);
      const items = LIVE_VARS.filter((v) => groups.includes(v.group) && (!group || v.group === group) && ofRunningProvider(v)).map(item);
      return { items, version, telephonyProvider: config.telephony.TELEPHONY_PROVIDER };
    },

    /** Stores the values (null: back to the environment's), checked together first; audited; in force everywhere within seconds. */
    async update(actor: Actor, values: Record<string, string | null>): Promise<SettingsAnswer> {
      const names = Object.keys(values);
      allowed(actor, names);
      const next = new Map(stored);
      const now = clock.now();
      for (const [name, text] of Object.entries(values)) {
        const trimmed = text?.trim() ?? null;
        if (trimmed === null || trimmed === '') next.delete(name);
        else next.set(name, { text: trimmed, updatedBy: actor.id, updatedAt: now });
      }
      const { problems } = parseLiveValues(rawOf(next), config.telephony.TELEPHONY_PROVIDER);
      const mine = problems.filter((p) => names.includes(p.name) || p.name === 'LARAVEL_CRM_TOKEN');
      if (problems.length > 0) throw invalid(mine.length > 0 ? mine : problems);
      const changedNames = names.filter((n) => stored.get(n)?.text !== next.get(n)?.text);
      if (changedNames.length === 0) return this.list(actor);

      await db.transaction(async (tx) => {
        const gone = changedNames.filter((n) => !next.has(n));
        if (gone.length > 0) await tx.delete(settingOverrides).where(inArray(settingOverrides.name, gone));
        for (const name of changedNames) {
          const s = next.get(name);
          if (!s) continue;
          const secret = byName.get(name)?.secret ?? false;
          const row = { value: secret ? null : s.text, sealed: secret ? seal(keyring, name, s.text) : null, updatedBy: actor.id, updatedAt: now };
          await tx
            .insert(settingOverrides)
            .values({ name, ...row })
            .onConflictDoUpdate({ target: settingOverrides.name, set: row });
        }
        for (const group of SETTING_GROUPS) {
          const inGroup = changedNames.filter((n) => byName.get(n)?.group === group);
          if (inGroup.length === 0) continue;
          const changes = Object.fromEntries(
            inGroup.map((n) => {
              const secret = byName.get(n)?.secret ?? false;
              const to = next.get(n)?.text ?? null;
              return [n, secret ? (to === null ? 'removed' : 'set') : { from: stored.get(n)?.text ?? null, to }];
            }),
          );
          await audit.record(actor, { action: 'settings.update', entityType: 'settings', entityId: group, details: { changes } }, tx);
        }
      });
      // In force here now; the other nodes hear it on the bus (or find it on their next look).
      const { rows, print } = await readStored();
      await apply(rows, print, true);
      await bus
        .publish('settings.changed', { version })
        .catch((err) => logger.warn({ err }, 'settings change not announced; other nodes find it within seconds'));
      return this.list(actor);
    },

    /**
     * The settings in force with `values` laid over them, checked together, storing nothing: what
     * a connector test tries. A secret left blank means the one in force (the browser never has it);
     * any other setting left blank means the environment's (or the default), as saving it would.
     */
    preview(actor: Actor, values: Record<string, string | null>): (name: string) => unknown {
      allowed(actor, Object.keys(values));
      const raw = rawOf(stored);
      for (const [name, text] of Object.entries(values)) {
        if (text === null || text.trim() === '') {
          if (!byName.get(name)?.secret) raw[name] = config.liveEnv[name];
        } else raw[name] = text.trim();
      }
      const { values: parsed, problems } = parseLiveValues(raw, config.telephony.TELEPHONY_PROVIDER);
      if (problems.length > 0) throw invalid(problems);
      return (name) => parsed.get(name);
    },

    /** Follows changes made on other nodes: the bus at once, a look every few seconds besides. */
    start() {
      if (timer) return;
      unsubscribe = bus.subscribe('settings.changed', () => {
        reload().catch((err) => logger.warn({ err }, 'settings reload failed'));
      });
      timer = setInterval(() => {
        reload().catch((err) => logger.warn({ err }, 'settings reload failed'));
      }, RELOAD_EVERY_MS);
      timer.unref();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      unsubscribe?.();
      unsubscribe = null;
      await reloading?.catch(() => undefined);
    },

    /** The value in force on this node (parsed, as services read it). */
    inForce(name: string): unknown {
      const v = byName.get(name);
      return v ? (config[v.section as keyof Config] as Record<string, unknown>)[name] : undefined;
    },

    /** For tests: the names of the settings stored in the database. */
    async storedNames(): Promise<string[]> {
      return (await db.select({ name: settingOverrides.name }).from(settingOverrides)).map((r) => r.name).sort();
    },
  };
}
