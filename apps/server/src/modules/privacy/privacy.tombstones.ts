/**
 * Erasure tombstones: when a person is erased, what remains is the request, the time, and an
 * HMAC-SHA256 of the phone number under a key kept in the database (never the number: without the
 * key the hash cannot be reversed by trying the few billion Indian mobile numbers). A later
 * import of the same number is flagged on arrival, so nobody calls the person back unawares.
 */
import { createHmac } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import { type Clock, SYSTEM_ACTOR } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { normalizePhone } from '../../platform/phone.js';
import { getOrCreateSecret } from '../../platform/settings/settings.js';
import type { LeadsService } from '../leads/index.js';
import type { ProcessingLog } from './privacy.processing.js';
import { erasureTombstones } from './privacy.tables.js';

export const TOMBSTONE_KEY_SETTING = 'privacy.tombstone_key';
/** The tag a lead gets when its number belonged to a person erased before. */
export const ERASED_BEFORE_TAG = 'erased-before';

export function createTombstones(deps: { db: Db; clock: Clock; leads: Pick<LeadsService, 'forAction' | 'update'>; processing: Pick<ProcessingLog, 'record'> }) {
  const { db } = deps;
  let key: Promise<string> | undefined;
  const keyOf = () => {
    key ??= getOrCreateSecret(db, TOMBSTONE_KEY_SETTING, 32).catch((err) => {
      key = undefined;
      throw err;
    });
    return key;
  };
  const hash = async (e164: string) =>
    createHmac('sha256', await keyOf())
      .update(e164)
      .digest('hex');

  async function find(phone: string, tx: Db = db): Promise<{ erasedAt: Date; requestId: string | null } | undefined> {
    const r = normalizePhone(phone);
    if (!r.ok) return undefined;
    const [row] = await tx
      .select({ erasedAt: erasureTombstones.erasedAt, requestId: erasureTombstones.requestId })
      .from(erasureTombstones)
      .where(eq(erasureTombstones.phoneHash, await hash(r.e164)))
      .orderBy(desc(erasureTombstones.erasedAt))
      .limit(1);
    return row;
  }

  return {
    hash,
    find,
    /** Reads (or makes) the key before a transaction needs it: PGlite runs one statement at a time. */
    warm: async () => {
      await keyOf();
    },

    /** Leaves a tombstone for each erased number (blank numbers, of leads erased before, are skipped). */
    async add(tx: Db, requestId: string | null, phones: string[]): Promise<void> {
      const erasedAt = deps.clock.now();
      const hashes = [...new Set(await Promise.all(phones.filter((p) => p !== '').map(hash)))];
      if (hashes.length) await tx.insert(erasureTombstones).values(hashes.map((phoneHash) => ({ requestId, phoneHash, erasedAt })));
    },

    /** Tags the arrived leads whose number was erased before, and logs it. Returns how many. */
    async flagArrivals(leadIds: string[]): Promise<number> {
      // Warm the key outside any transaction: PGlite runs one statement at a time.
      await keyOf();
      let flagged = 0;
      for (const id of leadIds) {
        const lead = await deps.leads.forAction(SYSTEM_ACTOR, id).catch(() => undefined);
        if (!lead || lead.tags.includes(ERASED_BEFORE_TAG)) continue;
        const match = await find(lead.phone);
        if (!match) continue;
        await deps.leads.update(SYSTEM_ACTOR, id, { tags: [...lead.tags, ERASED_BEFORE_TAG] });
        await deps.processing.record(db, SYSTEM_ACTOR, {
          leadId: id,
          action: 'tombstone_match',
          purpose: 'erasure_enforcement',
          details: { erasedAt: match.erasedAt.toISOString(), requestId: match.requestId },
        });
        flagged++;
      }
      return flagged;
    },
  };
}

export type Tombstones = ReturnType<typeof createTombstones>;
