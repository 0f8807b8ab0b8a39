/**
 * The disposition lists: the organisation's (configurable by admins, kept in settings, with
 * sensible defaults) and, where a campaign has one, the campaign's own. Each disposition may carry
 * sub-dispositions, a question, and the wrap-up fields it requires.
 */
import { type Disposition, DispositionList } from '@telehub/shared';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { deleteSetting, readSetting, writeSetting } from '../../platform/settings/settings.js';
import type { AuditService } from '../audit/index.js';
import { CallErrors } from './calls.errors.js';

const KEY = 'calls.dispositions';
const campaignKey = (campaignId: string) => `${KEY}.campaign.${campaignId}`;

type DispositionInput = Omit<Disposition, 'subDispositions' | 'required' | 'question'> &
  Partial<Pick<Disposition, 'subDispositions' | 'required' | 'question'>>;
const disposition = (d: DispositionInput): Disposition => ({ subDispositions: [], required: [], question: null, ...d });

export const DEFAULT_DISPOSITIONS: Disposition[] = [
  disposition({ code: 'interested', label: 'Interested', labelHi: 'रुचि है', leadStatus: 'interested', requiresCallback: false, connected: true, key: '1' }),
  disposition({ code: 'callback', label: 'Call back', labelHi: 'बाद में कॉल करें', leadStatus: 'callback', requiresCallback: true, connected: true, key: '2' }),
  disposition({
    code: 'not_interested',
    label: 'Not interested',
    labelHi: 'रुचि नहीं',
    leadStatus: 'not_interested',
    requiresCallback: false,
    connected: true,
    key: '3',
  }),
  disposition({ code: 'wrong_number', label: 'Wrong number', labelHi: 'गलत नंबर', leadStatus: 'invalid', requiresCallback: false, connected: true, key: '4' }),
  disposition({ code: 'no_answer', label: 'No answer', labelHi: 'जवाब नहीं', leadStatus: 'contacted', requiresCallback: false, connected: false, key: '5' }),
  disposition({ code: 'converted', label: 'Converted', labelHi: 'दाखिला हुआ', leadStatus: 'converted', requiresCallback: false, connected: true, key: '6' }),
];

/**
 * Outcomes the system records itself, never offered in the wrap-up form: a campaign's wrap-up
 * timer ran out, an answering machine took the call, nobody was free for an answered lead, a
 * caller rang and nobody answered them.
 */
export const SYSTEM_DISPOSITIONS: Disposition[] = [
  disposition({
    code: 'wrap_up_timeout',
    label: 'Wrap-up timed out',
    labelHi: 'रैप-अप का समय समाप्त',
    leadStatus: null,
    requiresCallback: false,
    connected: true,
    key: 'x',
  }),
  disposition({
    code: 'answering_machine',
    label: 'Answering machine',
    labelHi: 'आंसरिंग मशीन',
    leadStatus: null,
    requiresCallback: false,
    connected: false,
    key: 'y',
  }),
  disposition({
    code: 'abandoned',
    label: 'Abandoned (no agent free)',
    labelHi: 'छोड़ी गई (कोई एजेंट खाली नहीं)',
    leadStatus: null,
    requiresCallback: false,
    connected: false,
    key: 'z',
  }),
  disposition({
    code: 'missed_call',
    label: 'Missed inbound call',
    labelHi: 'छूटी हुई इनबाउंड कॉल',
    leadStatus: null,
    requiresCallback: false,
    connected: false,
    key: 'w',
  }),
];

/** What is wrong with a list, in words (empty: nothing). */
export function dispositionListProblems(items: Disposition[]): string[] {
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
  for (const d of items) {
    const subs = new Set<string>();
    for (const s of d.subDispositions) {
      if (subs.has(s.code)) problems.push(`sub-disposition "${s.code}" of "${d.code}" appears twice`);
      subs.add(s.code);
    }
    if (d.required.includes('subDisposition') && d.subDispositions.length === 0) problems.push(`"${d.code}" requires a sub-disposition but has none`);
    if (d.required.includes('answer') && !d.question) problems.push(`"${d.code}" requires an answer but asks no question`);
    if (SYSTEM_DISPOSITIONS.some((s) => s.code === d.code)) problems.push(`code "${d.code}" is kept for outcomes the system records`);
  }
  return problems;
}

export type DispositionsDeps = {
  db: Db;
  audit: Pick<AuditService, 'record'>;
  /** The campaigns module: whether a campaign exists, and the organisation's codes it offers (null: all). */
  campaigns: { exists(id: string): Promise<boolean>; offered(id: string): Promise<string[] | null> };
};

export function createDispositions(deps: DispositionsDeps) {
  const { db } = deps;

  const parsed = (stored: unknown) => {
    if (stored === undefined || stored === null) return null;
    const r = DispositionList.safeParse({ items: stored });
    return r.success ? r.data.items : null;
  };

  function checked(items: Disposition[]): Disposition[] {
    const problems = dispositionListProblems(items);
    if (problems.length > 0) throw CallErrors.DISPOSITIONS_INVALID(`The disposition list is not valid: ${problems.join('; ')}`);
    return items;
  }

  async function list(): Promise<Disposition[]> {
    return parsed(await readSetting<unknown>(db, KEY)) ?? DEFAULT_DISPOSITIONS;
  }

  async function own(campaignId: string): Promise<Disposition[] | null> {
    return parsed(await readSetting<unknown>(db, campaignKey(campaignId)));
  }

  /**
   * What the wrap-up of a call in this campaign offers: the campaign's own list, else the
   * organisation's narrowed to the codes the campaign offers (all of it when none of them exist any more).
   */
  async function listFor(campaignId: string | null): Promise<Disposition[]> {
    const all = await list();
    if (!campaignId) return all;
    const mine = await own(campaignId);
    if (mine) return mine;
    const codes = await deps.campaigns.offered(campaignId);
    const narrowed = codes ? all.filter((d) => codes.includes(d.code)) : all;
    return narrowed.length > 0 ? narrowed : all;
  }

  async function existing(campaignId: string) {
    if (!(await deps.campaigns.exists(campaignId))) throw CallErrors.CAMPAIGN_NOT_FOUND();
  }

  return {
    list,
    listFor,

    /** A configured disposition (the organisation's list). */
    async find(code: string): Promise<Disposition | undefined> {
      return (await list()).find((d) => d.code === code);
    },

    /**
     * The disposition chosen in a wrap-up, from the list the call's campaign offers. The system may
     * also record its own outcomes, and any the organisation configures.
     */
    async forWrapUp(code: string, campaignId: string | null, system: boolean): Promise<Disposition> {
      const offered = await listFor(campaignId);
      const found =
        offered.find((d) => d.code === code) ??
        (system ? (SYSTEM_DISPOSITIONS.find((d) => d.code === code) ?? (await list()).find((d) => d.code === code)) : undefined);
      if (found) return found;
      const known = campaignId && !system && (await list()).some((d) => d.code === code);
      throw CallErrors.DISPOSITION_UNKNOWN(
        known
          ? `disposition: "${code}" is not offered in this campaign (${offered.map((d) => d.code).join(', ')})`
          : `disposition: "${code}" is not one of the configured dispositions`,
      );
    },

    /** Replaces the organisation's list; codes and keys must be unique. Past calls keep the code they were given. */
    async replace(items: Disposition[]): Promise<Disposition[]> {
      await writeSetting(db, KEY, checked(items));
      return items;
    },

    /** A campaign's dispositions: its own list, or the organisation's as the campaign offers it. */
    async ofCampaign(campaignId: string): Promise<{ own: boolean; items: Disposition[] }> {
      await existing(campaignId);
      const mine = await own(campaignId);
      return mine ? { own: true, items: mine } : { own: false, items: await listFor(campaignId) };
    },

    /** Gives the campaign a list of its own, which replaces the organisation's (and the codes it picked) in its wrap-ups. */
    async replaceForCampaign(actor: Actor, campaignId: string, items: Disposition[]): Promise<{ own: boolean; items: Disposition[] }> {
      await existing(campaignId);
      await db.transaction(async (tx) => {
        await writeSetting(tx, campaignKey(campaignId), checked(items));
        await deps.audit.record(
          actor,
          { action: 'campaign.update', entityType: 'campaign', entityId: campaignId, details: { dispositions: items.map((d) => d.code) } },
          tx,
        );
      });
      return { own: true, items };
    },

    /** The campaign goes back to the organisation's list. */
    async clearForCampaign(actor: Actor, campaignId: string): Promise<{ own: boolean; items: Disposition[] }> {
      await existing(campaignId);
      await db.transaction(async (tx) => {
        await deleteSetting(tx, campaignKey(campaignId));
        await deps.audit.record(
          actor,
          { action: 'campaign.update', entityType: 'campaign', entityId: campaignId, details: { dispositions: 'organisation' } },
          tx,
        );
      });
      return { own: false, items: await listFor(campaignId) };
    },
  };
}

export type DispositionsService = ReturnType<typeof createDispositions>;
