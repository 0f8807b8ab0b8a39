/**
 * The speech module's face to the rest of the server: the media stream URLs handed to vendors
 * (signed, expiring), checking them when a vendor connects, and the node's media sessions.
 */
import type { Clock } from '../../platform/context.js';
import { createSpeechSessions, type SpeechSessionsDeps } from './speech.sessions.js';
import { createMediaTokens, type Leg, type TokenCheck } from './speech.tokens.js';

export type SpeechServiceDeps = SpeechSessionsDeps & {
  /** Signs and checks stream URLs (TELEHUB_MEDIA_SECRET or the database's). */
  secret: string;
  clock: Clock;
  /** PUBLIC_BASE_URL: where vendors reach this server; its ws(s) form is the streams' base. */
  publicBaseUrl: string;
  /** How long a call's stream URL may be used to connect, and the Exotel applet's URL stays valid (seconds). */
  callTokenTtlSeconds: number;
  appletTokenTtlSeconds: number;
};

export function createSpeechService(deps: SpeechServiceDeps) {
  const tokens = createMediaTokens(deps.secret);
  const sessions = createSpeechSessions(deps);
  const wsBase = deps.publicBaseUrl.replace(/\/+$/, '').replace(/^http/, 'ws');
  const transcribes = deps.stt.transcribesAudio;

  return {
    /** Whether calls' audio is transcribed here (a speech engine that takes audio is configured). */
    transcribes,
    sessions,
    /**
     * The URL Twilio streams one leg of a call to (<Start><Stream url>), or null when nothing
     * would transcribe it. The token sits in the path: Twilio takes no query string on a stream URL.
     */
    twilioStreamUrl(callId: string, leg: Leg): string | null {
      if (!transcribes) return null;
      const expiresAt = deps.clock.now().getTime() + deps.callTokenTtlSeconds * 1000;
      return `${wsBase}/media/twilio/${tokens.sign({ kind: 'call', vendor: 'twilio', callId, leg, expiresAt })}`;
    },
    /** The URL an admin puts in Exotel's stream applet: one for every call of the account (the call is named by its start message). */
    exotelAppletUrl(): { url: string; expiresAt: string; transcribes: boolean } {
      const expiresAt = deps.clock.now().getTime() + deps.appletTokenTtlSeconds * 1000;
      const token = tokens.sign({ kind: 'applet', vendor: 'exotel', expiresAt });
      return { url: `${wsBase}/media/exotel/${token}`, expiresAt: new Date(expiresAt).toISOString(), transcribes };
    },
    verify: (token: string): TokenCheck => tokens.verify(token, deps.clock.now()),
    close: () => sessions.close(),
  };
}

export type SpeechService = ReturnType<typeof createSpeechService>;
