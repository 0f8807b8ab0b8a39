/**
 * A campaign's segment as a query over live leads, handed to the campaigns module as SQL so it
 * can fill its queue in one statement without reading this module's tables itself.
 */
import type { CampaignSegment } from '@telehub/shared';
import { and, arrayOverlaps, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { idIn } from '../../platform/db/client.js';
import { fromWallClock } from '../../platform/time.js';
import { leadIdentities, leads } from './leads.tables.js';

const dayStart = (day: string, zone: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromWallClock([y, m, d], zone);
};
const dayAfter = (day: string, zone: string) => new Date(dayStart(day, zone).getTime() + 86_400_000);

/** `select id from leads where <segment>`: live leads, not on DND, matching every field given. Days are read in `zone`. */
export function segmentQuery(s: CampaignSegment, zone: string): SQL {
  const conds: (SQL | undefined)[] = [isNull(leads.deletedAt), sql`${leads.dnd} = false`];
  if (s.statuses?.length) conds.push(inArray(leads.status, s.statuses));
  if (s.tags?.length) conds.push(arrayOverlaps(leads.tags, s.tags));
  if (s.cities?.length)
    conds.push(
      inArray(
        sql`lower(${leads.city})`,
        s.cities.map((c) => c.toLowerCase()),
      ),
    );
  if (s.languages?.length) conds.push(inArray(leads.language, s.languages));
  if (s.ownerIds?.length) conds.push(idIn(leads.ownerId, s.ownerIds));
  if (s.sources?.length) {
    conds.push(
      or(
        inArray(leads.originSource, s.sources),
        sql`exists (select 1 from ${leadIdentities} i where i.lead_id = ${leads.id} and ${inArray(sql`i.source`, s.sources)})`,
      ),
    );
  }
  if (s.createdFrom) conds.push(gte(leads.createdAt, dayStart(s.createdFrom, zone)));
  if (s.createdTo) conds.push(lt(leads.createdAt, dayAfter(s.createdTo, zone)));
  if (s.neverContacted) conds.push(isNull(leads.lastContactedAt));
  if (s.lastContactedFrom) conds.push(gte(leads.lastContactedAt, dayStart(s.lastContactedFrom, zone)));
  if (s.lastContactedTo) conds.push(lt(leads.lastContactedAt, dayAfter(s.lastContactedTo, zone)));
  return sql`select ${leads.id} as id from ${leads} where ${and(...conds)}`;
}
