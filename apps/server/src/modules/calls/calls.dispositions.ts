/** The disposition list: configurable by admins, kept in settings, with sensible defaults. */
import { type Disposition, DispositionList } from '@telehub/shared';
import type { Db } from '../../platform/db/client.js';
import { readSetting, writeSetting } from '../../platform/settings/settings.js';
import { CallErrors } from './calls.errors.js';

const KEY = 'calls.dispositions';

export const DEFAULT_DISPOSITIONS: Disposition[] = [
  { code: 'interested', label: 'Interested', labelHi: 'रुचि है', leadStatus: 'interested', requiresCallback: false, connected: true, key: '1' },
  { code: 'callback', label: 'Call back', labelHi: 'बाद में कॉल करें', leadStatus: 'callback', requiresCallback: true, connected: true, key: '2' },
  { code: 'not_interested', label: 'Not interested', labelHi: 'रुचि नहीं', leadStatus: 'not_interested', requiresCallback: false, connected: true, key: '3' },
  { code: 'wrong_number', label: 'Wrong number', labelHi: 'गलत नंबर', leadStatus: 'invalid', requiresCallback: false, connected: true, key: '4' },
  { code: 'no_answer', label: 'No answer', labelHi: 'जवाब नहीं', leadStatus: 'contacted', requiresCallback: false, connected: false, key: '5' },
  { code: 'converted', label: 'Converted', labelHi: 'दाखिला हुआ', leadStatus: 'converted', requiresCallback: false, connected: true, key: '6' },
];

/**
 * Outcomes the system records itself, never offered in the wrap-up form: a campaign's wrap-up
 * timer ran out, an answering machine took the call, nobody was free for an answered lead, a
 * caller rang and nobody answered them.
 */
export const SYSTEM_DISPOSITIONS: Disposition[] = [
  { code: 'wrap_up_timeout', label: 'Wrap-up timed out', labelHi: 'रैप-अप का समय समाप्त', leadStatus: null, requiresCallback: false, connected: true, key: 'x' },
  { code: 'answering_machine', label: 'Answering machine', labelHi: 'आंसरिंग मशीन', leadStatus: null, requiresCallback: false, connected: false, key: 'y' },
  {
    code: 'abandoned',
    label: 'Abandoned (no agent free)',
    labelHi: 'छोड़ी गई (कोई एजेंट खाली नहीं)',
    leadStatus: null,
    requiresCallback: false,
    connected: false,
    key: 'z',
  },
  {
    code: 'missed_call',
    label: 'Missed inbound call',
    labelHi: 'छूटी हुई इनबाउंड कॉल',
    leadStatus: null,
    requiresCallback: false,
    connected: false,
    key: 'w',
  },
];

export function createDispositions(deps: { db: Db }) {
  const { db } = deps;
  return {
    async list(): Promise<Disposition[]> {
      const stored = await readSetting<unknown>(db, KEY);
      const parsed = stored === undefined ? null : DispositionList.safeParse({ items: stored });
      return parsed?.success ? parsed.data.items : DEFAULT_DISPOSITIONS;
    },

    async find(code: string): Promise<Disposition | undefined> {
      return (await this.list()).find((d) => d.code === code);
    },

    /** A configured disposition or, for the system, one of its own. */
    async findForSystem(code: string): Promise<Disposition | undefined> {
      return SYSTEM_DISPOSITIONS.find((d) => d.code === code) ?? (await this.find(code));
    },

    /** Replaces the list; codes and keys must be unique. Past calls keep the code they were given. */
    async replace(items: Disposition[]): Promise<Disposition[]> {
      const problems: string[] = [];
      const seen = (field: 'code' | 'key') => {
        const set = new Set<string>();
        for (const d of items) {
          if (set.has(d[field])) problems.push(`${field} "${d[field]}" appears twice`);
          set.add(d[field]);
        }
      };
      seen('code');
      seen('key');
      if (problems.length > 0) throw CallErrors.DISPOSITIONS_INVALID(`The disposition list is not valid: ${problems.join('; ')}`);
      await writeSetting(db, KEY, items);
      return items;
    },
  };
}

export type DispositionsService = ReturnType<typeof createDispositions>;
