/**
 * The default speech-to-text "engine": none. The simulator telephony provider's calls carry
 * their own timed demo transcript (simulator.provider.ts emits it as transcript events), so no
 * audio is needed and none is taken: media streams are refused and no stream is asked of Twilio
 * or Exotel, and no recording is transcribed after the call (transcribesFiles: false). Set
 * STT_PROVIDER to deepgram or openai to transcribe real calls.
 */
import type { SttProvider } from '../stt.port.js';

export function createSimulatorStt(): SttProvider {
  return { name: 'simulator', transcribesAudio: false, interimResults: false, detectsLanguage: false, multichannel: false, transcribesFiles: false };
}
