/**
 * A lead's phone numbers, for a redial. A lead has one main phone (leads.phone, unique among live
 * leads). Its other numbers are kept in its metadata: `alternatePhones` (a merge keeps the other
 * lead's phone there) and any field an import or a source sync brought in whose name says it is a
 * phone ("Alternate Phone", "mobile2", "whatsapp_no"...). Each is read as a phone number (India by
 * default) and offered when it is one.
 */
import type { Lead } from '@telehub/shared';
import { normalizePhone } from '../../platform/phone.js';

/** Metadata fields that hold a phone, by their name. */
const PHONE_FIELD = /phone|mobile|whats\s*app|landline|contact.?(no|num)|^tel(ephone)?\b|^alt/i;

/** The lead's numbers in E.164, the main one first, each once. */
export function leadNumbers(lead: Pick<Lead, 'phone' | 'metadata'>): { phone: string; primary: boolean }[] {
  const found = [lead.phone];
  const add = (v: unknown) => {
    if (typeof v !== 'string' || v.length > 32) return;
    const p = normalizePhone(v);
    if (p.ok) found.push(p.e164);
  };
  const alternates = lead.metadata.alternatePhones;
  if (Array.isArray(alternates)) for (const v of alternates) add(v);
  for (const [key, value] of Object.entries(lead.metadata)) {
    if (key === 'alternatePhones' || !PHONE_FIELD.test(key)) continue;
    if (Array.isArray(value)) for (const v of value) add(v);
    else add(value);
  }
  return [...new Set(found)].map((phone, i) => ({ phone, primary: i === 0 }));
}
