import { defineErrors } from '../../platform/errors.js';

export const SourceErrors = defineErrors({
  SOURCE_NOT_CONFIGURED: ['conflict', 'This source is not configured'],
  SYNC_RUNNING: ['conflict', 'A sync of this source is already running; try again when it ends'],
  SYNC_FAILED: ['bad_gateway', 'The sync failed'],
  EXTERNAL_USER_NOT_FOUND: ['not_found', 'No such CRM user; refresh the CRM users first'],
  EXTERNAL_USER_LINK_INVALID: ['unprocessable', 'userId: must be an active TeleHub user'],
  MYSQL_CONFIG_MISSING: ['unprocessable', 'Save the MySQL mapping first (PUT /api/v1/sources/mysql/config)'],
  MYSQL_TEST_FAILED: ['unprocessable', 'The MySQL mapping could not be read'],
});
