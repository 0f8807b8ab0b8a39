import { defineErrors } from '../../platform/errors.js';

export const SettingErrors = defineErrors({
  SETTING_UNKNOWN: ['bad_request', 'No such setting, or it cannot be changed in the product'],
  SETTING_FORBIDDEN: ['forbidden', 'You may not change this setting'],
  SETTING_INVALID: ['bad_request', 'A setting is not valid'],
});
