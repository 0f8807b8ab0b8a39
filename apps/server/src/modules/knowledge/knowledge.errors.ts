import { defineErrors } from '../../platform/errors.js';

export const KnowledgeErrors = defineErrors({
  KNOWLEDGE_ARTICLE_NOT_FOUND: ['not_found', 'Knowledge article not found'],
  BATTLECARD_NOT_FOUND: ['not_found', 'Battlecard not found'],
  KNOWLEDGE_CAMPAIGN_UNKNOWN: ['unprocessable', 'campaignId: no such campaign'],
  KNOWLEDGE_IMPORT_FORMAT: ['bad_request', 'file: upload a Markdown (.md) or CSV (.csv) file'],
  KNOWLEDGE_IMPORT_TOO_LARGE: ['bad_request', 'file: the file is larger than allowed'],
  KNOWLEDGE_IMPORT_NOT_TEXT: ['bad_request', 'file: the file is not UTF-8 text'],
  KNOWLEDGE_IMPORT_COLUMNS: ['bad_request', 'file: the CSV needs title and body columns'],
  KNOWLEDGE_IMPORT_TOO_MANY: ['bad_request', 'file: too many articles in one file'],
});
