/**
 * The note an agent types while their call rings and runs, saved against the call as they type
 * (so a reload or a second tab keeps it) until the wrap-up takes it. Only the agent on the call
 * reads and writes it; once the call has its disposition the draft is gone.
 */
import type { DraftNote } from '@telehub/shared';
import type { Actor, Clock } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { CallErrors } from './calls.errors.js';
import type { CallsReader } from './calls.read.js';
import * as repo from './calls.repo.js';

export function createDraftNotes(deps: { db: Db; clock: Clock; reader: Pick<CallsReader, 'visible'> }) {
  const { db, clock } = deps;

  /** The call, if it is the actor's own: a call they only see answers 403, one they cannot see 404. */
  async function own(actor: Actor, id: string) {
    const row = await deps.reader.visible(actor, id);
    if (row.agentId !== actor.id) throw CallErrors.DRAFT_NOTE_NOT_YOURS();
    return row;
  }

  return {
    async get(actor: Actor, id: string): Promise<DraftNote> {
      const row = await own(actor, id);
      return { text: row.draftNote ?? '', savedAt: row.draftNoteAt?.toISOString() ?? null };
    },

    /** Keeps the text as typed (an empty text clears the draft); refused once the call is wrapped up. */
    async save(actor: Actor, id: string, text: string): Promise<DraftNote> {
      await own(actor, id);
      return db.transaction(async (tx) => {
        const current = await repo.lockCall(tx, id);
        if (!current) throw CallErrors.CALL_NOT_FOUND();
        if (current.disposition) throw CallErrors.CALL_ALREADY_DISPOSED('This call is wrapped up: its note was saved with the outcome');
        const now = clock.now();
        await repo.updateCall(tx, id, { draftNote: text === '' ? null : text, draftNoteAt: now });
        return { text, savedAt: now.toISOString() };
      });
    },
  };
}

export type DraftNotes = ReturnType<typeof createDraftNotes>;
