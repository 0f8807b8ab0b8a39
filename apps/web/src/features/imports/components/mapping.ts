/** The column mapping as the form holds it: every TeleHub field, '' when not imported. */
import { IMPORT_FIELD_NAMES, type ImportMapping } from '@telehub/shared';

export type ImportField = (typeof IMPORT_FIELD_NAMES)[number];
export type MappingState = Record<ImportField, string>;
export type MappingErrors = Partial<Record<ImportField, string>>;

export const FIELDS = IMPORT_FIELD_NAMES;

const isField = (f: string): f is ImportField => (IMPORT_FIELD_NAMES as readonly string[]).includes(f);

/** The server's suggestion, keeping only columns the file really has. */
export function initialMapping(suggested: Record<string, string>, headers: string[]): MappingState {
  const state = Object.fromEntries(FIELDS.map((f) => [f, ''])) as MappingState;
  for (const [field, header] of Object.entries(suggested)) if (isField(field) && headers.includes(header)) state[field] = header;
  return state;
}

export function toMapping(state: MappingState): ImportMapping {
  const mapping: ImportMapping = {};
  for (const f of FIELDS) if (state[f]) mapping[f] = state[f];
  return mapping;
}

/** Columns that no field takes: saved on each lead as other information. */
export const extraColumns = (state: MappingState, headers: string[]) => headers.filter((h) => !FIELDS.some((f) => state[f] === h));

/** The field a column feeds, if any (the first, when several take it). */
export const fieldOf = (state: MappingState, header: string): ImportField | undefined => FIELDS.find((f) => state[f] === header);

/** The server's per-field details ("mapping.phone") as errors on the form. */
export function serverMappingErrors(details: { path: string; message: string }[]): MappingErrors {
  const errors: MappingErrors = {};
  for (const d of details) {
    const field = d.path.replace(/^mapping\./, '');
    if (isField(field)) errors[field] = d.message;
  }
  return errors;
}
