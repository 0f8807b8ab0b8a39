import { defineErrors } from '../../platform/errors.js';

export const RecordingErrors = defineErrors({
  RECORDING_NOT_FOUND: ['not_found', 'This call has no stored recording'],
  RECORDING_CALL_NOT_FOUND: ['not_found', 'There is no such call to keep a recording for'],
  /** The database row exists but the object is gone from the store: an operator must look. */
  RECORDING_OBJECT_MISSING: ['internal', 'The recording file is missing from storage'],
  RECORDING_CORRUPT: ['internal', 'The recording failed its integrity check'],
  RECORDING_KEY_UNKNOWN: ['internal', 'The recording is sealed with a key this server does not hold'],
  RECORDING_KEYS_INVALID: ['internal', 'The recording keys are not valid'],
  RECORDING_RANGE_INVALID: ['bad_request', 'The requested byte range is outside the recording'],
  RECORDING_STORE_FAILED: ['internal', 'The recording store refused the request'],
});
