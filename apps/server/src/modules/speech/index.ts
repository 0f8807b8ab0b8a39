// Speech: live calls' audio in (Twilio Media Streams, Exotel's stream applet), through the
// configured speech-to-text engine, out as transcript segments (stored) and interim results (bus);
// and a finished call's recording through the same engine, when the analysis needs its words.
export { segmentLanguage } from './speech.language.js';
export { speechPolicy } from './speech.policy.js';
export { createRecordingTranscriber, type RecordingTranscriber, type TranscribedLine } from './speech.recordings.js';
export { speechRoutes } from './speech.routes.js';
export { createSpeechService, type SpeechService } from './speech.service.js';
export type { InterimPayload, Speaker } from './speech.session.js';
export type { MediaCounters, MediaLimits } from './speech.sessions.js';
export type { Leg, MediaGrant, MediaVendor } from './speech.tokens.js';
