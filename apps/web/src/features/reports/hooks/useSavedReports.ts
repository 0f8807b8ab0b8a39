import { useCallback, useState } from 'react';
import { readSaved, type SavedReport, withoutSaved, withSaved, writeSaved } from '../components/savedReports';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** The signed-in user's saved reports, kept in this browser under a key with their id (see savedReports.ts). */
export function useSavedReports(userId: string) {
  const [list, setList] = useState<SavedReport[]>(() => readSaved(storage(), userId));
  const [kept, setKept] = useState(true);

  const put = useCallback(
    (next: SavedReport[]) => {
      setList(next);
      setKept(writeSaved(storage(), userId, next));
    },
    [userId],
  );
  const save = useCallback(
    (name: string, search: string) => put(withSaved(readSaved(storage(), userId), { name, search }, new Date(), crypto.randomUUID())),
    [put, userId],
  );
  const remove = useCallback((id: string) => put(withoutSaved(readSaved(storage(), userId), id)), [put, userId]);
  return { list, save, remove, kept };
}
