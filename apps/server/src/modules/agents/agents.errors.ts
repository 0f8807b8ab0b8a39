import { defineErrors } from '../../platform/errors.js';

export const AgentErrors = defineErrors({
  AGENT_NOT_FOUND: ['not_found', 'Agent not found'],
  CALLBACK_NOT_FOUND: ['not_found', 'Callback not found'],
  CALLBACK_TIME_PAST: ['bad_request', 'callbackAt: must be in the future'],
  AGENT_OFFLINE: ['conflict', 'The agent is offline; they join a campaign once they are signed in'],
  PRESENCE_ON_CALL: ['conflict', 'You are on a call or in wrap-up; finish it first'],
});
