// NLU: the local language understanding of live assist. Reads one utterance of a lead and answers
// its objection (calibrated), sentiment and language, from a model trained in the repo and shipped in apps/server/models.
import type { SpeechLanguage } from '@telehub/shared';
import { createUnderstanding, decodeModel, readModelFile, type Understand } from './nlu.model.js';

export type { Understand } from './nlu.model.js';

let loaded: { understand: Understand; detectLanguage(text: string): SpeechLanguage; version: string } | undefined;

/**
 * The shipped model, read and decoded on the first call (tens of milliseconds), then shared:
 * every call after that, and every `understand`, is synchronous and allocation-light.
 * `lang`, when the speech-to-text already knows it, is returned as given; otherwise it is detected.
 */
export function loadUnderstanding(): { understand: Understand; detectLanguage(text: string): SpeechLanguage; version: string } {
  loaded ??= createUnderstanding(decodeModel(readModelFile()));
  return loaded;
}
