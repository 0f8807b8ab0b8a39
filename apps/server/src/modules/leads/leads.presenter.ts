import type { Activity, Lead, LeadStatus } from '@telehub/shared';
import { csvLine } from '../../platform/csv.js';
import type { ActivityRow, IdentityRow, LeadRow } from './leads.repo.js';

/** The lead's origin first, then every other record it is known by (no repeats). */
function sourcesOf(row: LeadRow, identities: IdentityRow[]) {
  const out = [{ source: row.originSource, externalId: row.originExternalId }];
  for (const i of identities) {
    if (i.leadId !== row.id) continue;
    if (!out.some((o) => o.source === i.source && o.externalId === i.externalId)) out.push({ source: i.source, externalId: i.externalId });
  }
  return out;
}

export function toLeadDto(row: LeadRow, identities: IdentityRow[], names: Map<string, string>): Lead {
  return {
    id: row.id,
    name: row.name,
    phone: row.phone,
    email: row.email,
    status: row.status as LeadStatus,
    score: row.score,
    language: row.language,
    city: row.city,
    timezone: row.timezone,
    ownerId: row.ownerId,
    ownerName: row.ownerId ? (names.get(row.ownerId) ?? null) : null,
    tags: row.tags,
    metadata: row.metadata,
    sources: sourcesOf(row, identities),
    dnd: row.dnd,
    dndCategories: row.dndCategories,
    dndCheckedAt: row.dndCheckedAt?.toISOString() ?? null,
    lastContactedAt: row.lastContactedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Every user an activity mentions: its author, and for assignments the previous and new owner. */
export function userIdsOf(row: ActivityRow): string[] {
  const ids = row.actorId ? [row.actorId] : [];
  if (row.type === 'assignment') {
    for (const k of ['from', 'to'] as const) {
      const v = row.data[k];
      if (typeof v === 'string') ids.push(v);
    }
  }
  return ids;
}

export function toActivityDto(row: ActivityRow, names: Map<string, string>): Activity {
  const nameOf = (v: unknown) => (typeof v === 'string' ? (names.get(v) ?? null) : null);
  const data = row.type === 'assignment' ? { ...row.data, fromName: nameOf(row.data.from), toName: nameOf(row.data.to) } : row.data;
  return {
    id: row.id,
    leadId: row.leadId,
    type: row.type as Activity['type'],
    actorId: row.actorId,
    actorName: row.actorId ? (names.get(row.actorId) ?? null) : null,
    body: row.body,
    data,
    createdAt: row.createdAt.toISOString(),
  };
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } | undefined {
  const [iso, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const createdAt = iso ? new Date(iso) : undefined;
  if (!createdAt || Number.isNaN(createdAt.getTime()) || !id || !/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  return { createdAt, id };
}

const CSV_COLUMNS = ['id', 'name', 'phone', 'email', 'status', 'score', 'language', 'city', 'owner', 'tags', 'createdAt', 'updatedAt'] as const;

export const csvHeader = () => csvLine([...CSV_COLUMNS]);

export function csvRow(row: LeadRow, ownerNames: Map<string, string>): string {
  return csvLine([
    row.id,
    row.name,
    row.phone,
    row.email,
    row.status,
    row.score,
    row.language,
    row.city,
    row.ownerId ? (ownerNames.get(row.ownerId) ?? row.ownerId) : '',
    row.tags.join(';'),
    row.createdAt.toISOString(),
    row.updatedAt.toISOString(),
  ]);
}
