/**
 * Picks the speech-to-text engine from config (STT_PROVIDER): a registry of factories, the
 * simulator (no audio, the simulator's own transcript) being the default that needs no network.
 */
import type { Config } from '../../config.js';
import type { Logger } from '../../platform/logging.js';
import { createDeepgramProvider } from './deepgram/deepgram.stt.js';
import { createOpenAiSttProvider } from './openai/openai.stt.js';
import { createSimulatorStt } from './simulator/simulator.stt.js';
import type { SttProvider, SttProviderName } from './stt.port.js';

export type { AudioEncoding } from './audio.js';
export type { SttFileOptions, SttLanguage, SttProvider, SttProviderName, SttResult, SttStream, SttStreamOptions } from './stt.port.js';
export { SttError } from './stt.port.js';

export type SttDeps = { config: Config; logger: Logger };

const FACTORIES: Record<SttProviderName, (deps: SttDeps) => SttProvider> = {
  simulator: () => createSimulatorStt(),
  deepgram: ({ config, logger }) => {
    const s = config.speech;
    // loadConfig has already refused STT_PROVIDER=deepgram without a key; this narrows the type.
    if (!s.DEEPGRAM_API_KEY) throw new Error('STT_PROVIDER=deepgram needs DEEPGRAM_API_KEY');
    return createDeepgramProvider({
      apiKey: s.DEEPGRAM_API_KEY,
      baseUrl: s.DEEPGRAM_API_BASE_URL,
      model: s.DEEPGRAM_MODEL,
      endpointingMs: s.STT_ENDPOINTING_MS,
      logger,
    });
  },
  openai: ({ config, logger }) => {
    const s = config.speech;
    return createOpenAiSttProvider({
      baseUrl: s.STT_OPENAI_BASE_URL,
      apiKey: s.STT_OPENAI_API_KEY,
      model: s.STT_OPENAI_MODEL,
      logger,
      vad: { hangoverMs: s.STT_VAD_HANGOVER_MS, minUtteranceMs: s.STT_VAD_MIN_UTTERANCE_MS, maxUtteranceMs: s.STT_VAD_MAX_UTTERANCE_MS },
    });
  },
};

export function createSttProvider(deps: SttDeps): SttProvider {
  return FACTORIES[deps.config.speech.STT_PROVIDER](deps);
}
