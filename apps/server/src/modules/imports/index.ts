// File imports (CSV and XLSX): upload, column mapping, streaming parse into staging, and the
// set-based merge into the lead base. Also reads DND lists for the compliance module.
export { FileError, formatOf, type ImportFormat, openSheet } from './imports.parse.js';
export { importsRoutes } from './imports.routes.js';
export { createImportsService, type ImportsService } from './imports.service.js';
