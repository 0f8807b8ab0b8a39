/**
 * Picks the telephony provider from config (TELEPHONY_PROVIDER): a registry of factories, the
 * simulator being the default that needs no network.
 */
import type { TelephonyProviderName } from '@telehub/shared';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/context.js';
import type { Logger } from '../../platform/logging.js';
import { createExotelProvider } from './exotel/exotel.provider.js';
import { createSimulatorProvider } from './simulator/simulator.provider.js';
import type { EventSink, TelephonyProvider } from './telephony.port.js';
import { createTwilioProvider } from './twilio/twilio.provider.js';

export { exotelFlowUrls } from './exotel/exotel.inbound.js';
export { EXOTEL_CONTROLS_UNAVAILABLE, EXOTEL_SUPERVISION_UNAVAILABLE } from './exotel/exotel.provider.js';
export { EXOTEL_UNAVAILABLE_MESSAGE, exotelWebhookRoutes } from './exotel/exotel.webhooks.js';
export type { PlayedAbandonMessage, SimulatorProvider, SimulatorRates } from './simulator/simulator.provider.js';
export { isSimulatorProvider, SIMULATOR_LINE } from './simulator/simulator.provider.js';
export type {
  AbandonMessage,
  AnsweredBy,
  ControlCapabilities,
  ControlledCall,
  ControlReport,
  DialMode,
  DialRequest,
  EventSink,
  FetchedRecording,
  InboundHooks,
  IncomingAnswer,
  IncomingCall,
  ProviderEvent,
  ReconcileRequest,
  SuperviseMode,
  TelephonyProvider,
  TransferTo,
} from './telephony.port.js';
export { ProviderError } from './telephony.port.js';
export { isTwilioProvider } from './twilio/twilio.provider.js';
export { twilioWebhookRoutes } from './twilio/twilio.webhooks.js';

/** Where a call's audio is streamed for transcription: the URL a provider puts in a leg's instructions, or null (nothing transcribes). */
export type MediaStreams = { twilioStreamUrl(callId: string, leg: 'lead' | 'agent'): string | null };

export type ProviderDeps = { config: Config; logger: Logger; sink: EventSink; clock?: Clock; media?: MediaStreams };

const FACTORIES: Record<TelephonyProviderName, (deps: ProviderDeps) => Promise<TelephonyProvider>> = {
  simulator: async ({ config, logger, sink, clock }) =>
    createSimulatorProvider({
      answerRate: config.telephony.SIMULATOR_ANSWER_RATE,
      machineRate: config.telephony.SIMULATOR_MACHINE_RATE,
      speed: config.telephony.SIMULATOR_SPEED,
      callerPatienceSeconds: config.inbound.SIMULATOR_CALLER_PATIENCE,
      sink,
      logger,
      clock,
    }),
  twilio: async ({ config, logger, clock, media }) => {
    const t = config.telephony;
    // loadConfig has already refused TELEPHONY_PROVIDER=twilio without these; this narrows the types.
    if (!t.TWILIO_ACCOUNT_SID || !t.TWILIO_AUTH_TOKEN || !t.TWILIO_CALLER_ID) {
      throw new Error('TELEPHONY_PROVIDER=twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_CALLER_ID');
    }
    // The account's credentials and number are read at each use: an admin may change them in Settings.
    return createTwilioProvider({
      get accountSid() {
        return t.TWILIO_ACCOUNT_SID ?? '';
      },
      get authToken() {
        return t.TWILIO_AUTH_TOKEN ?? '';
      },
      get callerId() {
        return t.TWILIO_CALLER_ID ?? '';
      },
      apiBaseUrl: t.TWILIO_API_BASE_URL,
      publicBaseUrl: config.server.PUBLIC_BASE_URL,
      mediaStreamUrl: media?.twilioStreamUrl,
      logger,
      clock,
    });
  },
  exotel: async ({ config, logger, clock }) => {
    const t = config.telephony;
    // loadConfig has already refused TELEPHONY_PROVIDER=exotel without these; this narrows the types.
    if (!t.EXOTEL_ACCOUNT_SID || !t.EXOTEL_API_KEY || !t.EXOTEL_API_TOKEN || !t.EXOTEL_CALLER_ID || !t.EXOTEL_WEBHOOK_TOKEN) {
      throw new Error('TELEPHONY_PROVIDER=exotel needs EXOTEL_ACCOUNT_SID, EXOTEL_API_KEY, EXOTEL_API_TOKEN, EXOTEL_CALLER_ID and EXOTEL_WEBHOOK_TOKEN');
    }
    // The account's credentials and number are read at each use: an admin may change them in Settings.
    return createExotelProvider({
      get accountSid() {
        return t.EXOTEL_ACCOUNT_SID ?? '';
      },
      get apiKey() {
        return t.EXOTEL_API_KEY ?? '';
      },
      get apiToken() {
        return t.EXOTEL_API_TOKEN ?? '';
      },
      get callerId() {
        return t.EXOTEL_CALLER_ID ?? '';
      },
      apiBaseUrl: t.EXOTEL_API_BASE_URL,
      publicBaseUrl: config.server.PUBLIC_BASE_URL,
      webhookToken: t.EXOTEL_WEBHOOK_TOKEN,
      recordingSources: t.EXOTEL_RECORDING_HOSTS,
      logger,
      clock,
    });
  },
};

export function createTelephonyProvider(deps: ProviderDeps): Promise<TelephonyProvider> {
  return FACTORIES[deps.config.telephony.TELEPHONY_PROVIDER](deps);
}
