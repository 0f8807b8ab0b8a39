/**
 * Saved reports: a name for a tab and its filters (the URL's search), kept in this browser's
 * localStorage. The key includes the signed-in user's id, so two people sharing a computer never
 * see each other's list, and a list never names a team or telecaller to someone else.
 */
export type SavedReport = { id: string; name: string; search: string; savedAt: string };

/** At most this many are kept; the oldest go first. */
export const MAX_SAVED = 20;
export const MAX_NAME = 60;

/** The storage key: one list per signed-in user. */
export const savedKey = (userId: string) => `telehub.reports.saved.${userId}`;

type Reader = Pick<Storage, 'getItem'>;
type Writer = Pick<Storage, 'setItem'>;

const isSaved = (v: unknown): v is SavedReport =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as SavedReport).id === 'string' &&
  typeof (v as SavedReport).name === 'string' &&
  typeof (v as SavedReport).search === 'string' &&
  typeof (v as SavedReport).savedAt === 'string';

/** The user's list; whatever cannot be read (blocked storage, an old or broken value) reads as none. */
export function readSaved(storage: Reader | null, userId: string): SavedReport[] {
  try {
    const raw = storage?.getItem(savedKey(userId));
    const list: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(list) ? list.filter(isSaved).slice(0, MAX_SAVED) : [];
  } catch {
    return [];
  }
}

/** false when the browser would not keep it (private mode, full or blocked storage). */
export function writeSaved(storage: Writer | null, userId: string, list: SavedReport[]): boolean {
  try {
    if (!storage) return false;
    storage.setItem(savedKey(userId), JSON.stringify(list));
    return true;
  } catch {
    return false;
  }
}

/** The list with this report saved first; a report of the same name (any case) is replaced. */
export function withSaved(list: SavedReport[], entry: { name: string; search: string }, now: Date, id: string): SavedReport[] {
  const name = entry.name.trim().slice(0, MAX_NAME);
  const rest = list.filter((s) => s.name.toLocaleLowerCase() !== name.toLocaleLowerCase());
  return [{ id, name, search: entry.search, savedAt: now.toISOString() }, ...rest].slice(0, MAX_SAVED);
}

export const withoutSaved = (list: SavedReport[], id: string) => list.filter((s) => s.id !== id);
