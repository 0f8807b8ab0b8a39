import { defineErrors } from '../../platform/errors.js';

export const QaErrors = defineErrors({
  QA_SCORECARD_NOT_FOUND: ['not_found', 'Scorecard not found'],
  QA_CAMPAIGN_UNKNOWN: ['unprocessable', 'campaignId: no such campaign'],
  QA_NOT_SCORED: ['conflict', 'This call has no score yet: it is scored once its analysis is done and a scorecard applies'],
  QA_UNKNOWN_QUESTION: ['bad_request', 'answers: the scorecard has no such question'],
  QA_OVERRIDE_COMMENT: ['bad_request', 'answers: a verdict that differs from the automatic one needs a comment'],
  QA_OWN_CALL: ['forbidden', 'A call is reviewed by a manager who was not on it'],
  QA_DISPUTE_NOT_YOURS: ['forbidden', 'Only the telecaller on the call may dispute its score'],
  QA_DISPUTE_OPEN: ['conflict', 'This score already has an open dispute'],
  QA_DISPUTE_NOT_FOUND: ['not_found', 'No open dispute with that id on this call'],
});
