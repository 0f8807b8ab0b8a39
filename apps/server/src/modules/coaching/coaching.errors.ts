import { defineErrors } from '../../platform/errors.js';

export const CoachingErrors = defineErrors({
  COACHING_AGENT_NOT_FOUND: ['not_found', 'agentId: no telecaller you coach has that id'],
  COACHING_SKILL_UNKNOWN: ['bad_request', 'skill: use qa_score, qa:<question key>, objection:<type>, talk_balance, lead_sentiment or dead_air'],
  COACHING_ITEM_NOT_FOUND: ['not_found', 'Coaching item not found'],
  COACHING_ITEM_MEASURED: ['conflict', 'This item has been measured; assign a new one to work on the skill again'],
});
