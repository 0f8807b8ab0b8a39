import type { Activity, Lead, LeadStatus } from '@telehub/shared';
import type { ActivityRow, IdentityRow, LeadRow } from './leads.repo.js';

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
    sources: identities.filter((i) => i.leadId === row.id).map((i) => ({ source: i.source, externalId: i.externalId })),
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

/** Quotes a CSV cell, and defuses text a spreadsheet would run as a formula. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^\+?\d+$/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const csvHeader = () => `${CSV_COLUMNS.join(',')}\r\n`;

export function csvRow(row: LeadRow, ownerNames: Map<string, string>): string {
  return `${[
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
  ]
    .map(cell)
    .join(',')}\r\n`;
}
