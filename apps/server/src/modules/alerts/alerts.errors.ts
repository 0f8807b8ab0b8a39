import { defineErrors } from '../../platform/errors.js';

export const AlertErrors = defineErrors({
  ALERT_NOT_FOUND: ['not_found', 'Alert not found'],
});
