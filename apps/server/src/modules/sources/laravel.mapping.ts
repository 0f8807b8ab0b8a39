/** A Laravel CRM lead (REST page or queue event) as a source record for leads.ingest. */
import type { SourceRecord } from '../leads/index.js';
import { mapStatus, parseSourceTime, text } from './sources.mapping.js';

export const LARAVEL = 'laravel';

/** Fields that name the CRM user a lead belongs to, in the order they are tried. */
const OWNER_FIELDS = ['assigned_to', 'assigned_user_id', 'telecaller_id', 'owner_id', 'agent_id', 'user_id'] as const;
/** Fields that become lead fields; everything else is kept under metadata.laravel. */
const MAPPED = new Set(['id', 'name', 'phone', 'mobile', 'email', 'city']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The CRM user id a lead names, if any (a bare id, or a nested `{id, ...}` object). */
export function ownerRefOf(lead: Record<string, unknown>): string | null {
  for (const f of OWNER_FIELDS) {
    const v = lead[f];
    const id = isRecord(v) ? v.id : v;
    if ((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== '')) return String(id).trim();
  }
  return null;
}

export type MappedLead = { ok: true; record: SourceRecord; ownerRef: string | null } | { ok: false; externalId: string | null; reason: string };

/** Maps one CRM lead. Owners are resolved by the caller (they need the linked-users table). */
export function mapLaravelLead(raw: unknown, zone: string): MappedLead {
  if (!isRecord(raw)) return { ok: false, externalId: null, reason: 'lead is not a JSON object' };
  const id = raw.id;
  if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== ''))) {
    return { ok: false, externalId: null, reason: 'lead has no id' };
  }
  const externalId = String(id).trim();
  const updatedAt = parseSourceTime(raw.updated_at, zone) ?? parseSourceTime(raw.created_at, zone);
  if (!updatedAt) return { ok: false, externalId, reason: 'updated_at is missing or not a date' };

  const fields: SourceRecord['fields'] = {};
  const name = text(raw.name);
  if (name !== undefined) fields.name = name;
  const phone = text(raw.phone ?? raw.mobile);
  if (phone !== undefined) fields.phone = phone;
  const email = text(raw.email);
  if (email !== undefined) fields.email = email;
  const city = text(raw.city);
  if (city !== undefined) fields.city = city;
  const status = mapStatus(raw.status);
  if (status) fields.status = status;

  const extra = Object.fromEntries(Object.entries(raw).filter(([k]) => !MAPPED.has(k)));
  return { ok: true, record: { source: LARAVEL, externalId, fields, extra, sourceUpdatedAt: updatedAt }, ownerRef: ownerRefOf(raw) };
}

/** A CRM user as stored in external_users. */
export function mapLaravelUser(raw: unknown): { externalId: string; name: string | null; email: string | null } | null {
  if (!isRecord(raw)) return null;
  const id = raw.id;
  if (!((typeof id === 'number' && Number.isFinite(id)) || (typeof id === 'string' && id.trim() !== ''))) return null;
  const email = text(raw.email);
  return { externalId: String(id).trim(), name: text(raw.name) ?? null, email: email ? email.toLowerCase() : null };
}
