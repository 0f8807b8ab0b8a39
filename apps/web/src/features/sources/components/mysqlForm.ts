/** The MySQL mapping as the form holds it (all text), to and from the server's config. */
import { MysqlSourceConfig } from '@telehub/shared';

export const MAPPED_FIELDS = ['name', 'phone', 'email', 'status', 'city', 'language', 'score', 'tags'] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
export const REQUIRED_FIELDS: readonly MappedField[] = ['name', 'phone'];

export type MysqlForm = {
  mode: 'table' | 'query';
  table: string;
  query: string;
  idColumn: string;
  updatedAtColumn: string;
  deletedAtColumn: string;
  timezone: string;
  batchSize: string;
  mapping: Record<MappedField, string>;
};

/** Errors by field path, as the server names them ("mapping.phone", "table"). */
export type FormErrors = Record<string, string>;

export function toForm(cfg: MysqlSourceConfig | null): MysqlForm {
  const mapping = Object.fromEntries(MAPPED_FIELDS.map((f) => [f, cfg?.mapping[f] ?? ''])) as Record<MappedField, string>;
  return {
    mode: cfg?.query ? 'query' : 'table',
    table: cfg?.table ?? '',
    query: cfg?.query ?? '',
    idColumn: cfg?.idColumn ?? '',
    updatedAtColumn: cfg?.updatedAtColumn ?? '',
    deletedAtColumn: cfg?.deletedAtColumn ?? '',
    timezone: cfg?.timezone ?? '',
    batchSize: cfg?.batchSize ? String(cfg.batchSize) : '',
    mapping,
  };
}

/** The config to send (checked with the same schema the server uses), or the problems by field. */
export function toConfig(f: MysqlForm, keep: MysqlSourceConfig | null): { ok: true; config: MysqlSourceConfig } | { ok: false; errors: FormErrors } {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const mapping = Object.fromEntries(MAPPED_FIELDS.flatMap((k) => (f.mapping[k].trim() ? [[k, f.mapping[k].trim()]] : [])));
  const candidate = {
    ...(f.mode === 'table' ? { table: opt(f.table) } : { query: opt(f.query) }),
    idColumn: f.idColumn.trim(),
    updatedAtColumn: f.updatedAtColumn.trim(),
    deletedAtColumn: opt(f.deletedAtColumn),
    mapping,
    // Not edited here; kept as saved.
    statusValues: keep?.statusValues,
    timezone: opt(f.timezone),
    batchSize: f.batchSize.trim() ? Number(f.batchSize) : undefined,
  };
  const parsed = MysqlSourceConfig.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors: FormErrors = {};
  for (const issue of parsed.error.issues) {
    let path = issue.path.join('.');
    // "give either table or query" is about whichever box is shown.
    if (path === 'table' && f.mode === 'query') path = 'query';
    if (!errors[path]) errors[path] = issue.message;
  }
  return { ok: false, errors };
}
