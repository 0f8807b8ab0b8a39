import { isTerminalStatus } from '@telehub/shared';
import type { CallChange } from '../../calls';

export type CallImpact = {
  /** The call is new to the page: today's calls move as it is dialled. */
  placed: boolean;
  /** It has just been answered: today's connects move then, not at wrap-up. */
  connected: boolean;
  /** The call has just ended: talk time and connects move, and it shows among the lead's calls. */
  ended: boolean;
  /** Its disposition has just been saved: the lead, the queue and the callbacks move too. */
  wrappedUp: boolean;
  /** Its recording has just been stored: the lead's calls can play it. */
  recorded: boolean;
};

/** What a change of one of the agent's calls means for the rest of the workspace. */
export function callImpact(before: CallChange | undefined, change: CallChange): CallImpact {
  return {
    placed: before === undefined,
    connected: change.answeredAt !== null && !before?.answeredAt,
    ended: isTerminalStatus(change.status) && !(before && isTerminalStatus(before.status)),
    wrappedUp: change.disposition !== null && !before?.disposition,
    recorded: change.recordingAvailable && !before?.recordingAvailable,
  };
}
