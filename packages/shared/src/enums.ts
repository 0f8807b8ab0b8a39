/** Roles, statuses and other closed vocabularies shared by the server and the web app. */

export const ROLES = ['admin', 'manager', 'telecaller'] as const;
export type Role = (typeof ROLES)[number];

export const LEAD_STATUSES = ['new', 'contacted', 'interested', 'callback', 'not_interested', 'converted', 'lost', 'invalid'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const CALL_STATUSES = ['queued', 'dialing', 'ringing', 'in_progress', 'completed', 'no_answer', 'busy', 'failed', 'canceled', 'abandoned'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const ACTIVITY_TYPES = ['created', 'note', 'status_change', 'assignment', 'updated', 'merged', 'call', 'imported', 'skipped', 'message'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** Languages a lead speaks or a telecaller handles (ISO 639-1). */
export const LANGUAGES = ['en', 'hi', 'mr', 'bn', 'ta', 'te', 'kn', 'gu', 'pa', 'ml', 'or'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LEAD_SORTS = ['createdAt', '-createdAt', 'updatedAt', '-updatedAt', 'name', '-name', 'score', '-score'] as const;
export type LeadSort = (typeof LEAD_SORTS)[number];
