import { defineErrors } from '../../platform/errors.js';

export const ImportErrors = defineErrors({
  IMPORT_NOT_FOUND: ['not_found', 'Import not found'],
  IMPORT_FILE_MISSING: ['bad_request', 'file: attach the CSV or XLSX file in a form field named "file"'],
  IMPORT_FORMAT_UNSUPPORTED: ['bad_request', 'file: only .csv and .xlsx files can be imported'],
  IMPORT_FILE_UNREADABLE: ['bad_request', 'file: the file could not be read'],
  IMPORT_FILE_TOO_LARGE: ['bad_request', 'file: the file is larger than allowed'],
  IMPORT_FILE_TOO_LARGE_UNCOMPRESSED: ['bad_request', 'file: the workbook inflates to more than an import reads'],
  IMPORT_MAPPING_INVALID: ['bad_request', 'mapping: the column mapping is not valid'],
  IMPORT_NOT_DRAFT: ['conflict', 'This import has already started'],
  IMPORT_CAMPAIGN_UNKNOWN: ['unprocessable', 'campaignId: no such campaign'],
});
