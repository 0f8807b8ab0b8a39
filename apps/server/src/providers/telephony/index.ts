/**
 * Picks the telephony provider from config (TELEPHONY_PROVIDER): a registry of factories, the
 * simulator being the default that needs no network.
 */
import type { TelephonyProviderName } from '@telehub/shared';
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/context.js';
import type { Logger } from '../../platform/logging.js';
import { createSimulatorProvider } from './simulator/simulator.provider.js';
import type { EventSink, TelephonyProvider } from './telephony.port.js';

export type { DialRequest, EventSink, FetchedRecording, ProviderEvent, SuperviseMode, TelephonyProvider } from './telephony.port.js';
export { ProviderError } from './telephony.port.js';

export type ProviderDeps = { config: Config; logger: Logger; sink: EventSink; clock?: Clock };

const FACTORIES: Record<TelephonyProviderName, (deps: ProviderDeps) => Promise<TelephonyProvider>> = {
  simulator: async ({ config, logger, sink, clock }) =>
    createSimulatorProvider({ answerRate: config.telephony.SIMULATOR_ANSWER_RATE, speed: config.telephony.SIMULATOR_SPEED, sink, logger, clock }),
  twilio: async () => {
    throw new Error('TELEPHONY_PROVIDER=twilio: the Twilio adapter is not wired in yet');
  },
  exotel: async () => {
    throw new Error('TELEPHONY_PROVIDER=exotel: the Exotel adapter is not wired in yet');
  },
};

export function createTelephonyProvider(deps: ProviderDeps): Promise<TelephonyProvider> {
  return FACTORIES[deps.config.telephony.TELEPHONY_PROVIDER](deps);
}
