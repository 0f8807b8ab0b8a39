/** Recognises PostgreSQL errors through drizzle's wrapper, so repos can turn them into domain errors. */
type PgLikeError = { code?: string; constraint?: string; constraint_name?: string; cause?: unknown };

function pgError(err: unknown): PgLikeError | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e && typeof e === 'object'; depth++) {
    const candidate = e as PgLikeError;
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    e = candidate.cause;
  }
  return undefined;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const pg = pgError(err);
  if (pg?.code !== '23505') return false;
  if (!constraint) return true;
  const name = pg.constraint ?? pg.constraint_name;
  // PGlite does not always fill the constraint name; fall back to the message text.
  return name === constraint || (name === undefined && String((pg as { message?: string }).message ?? '').includes(constraint));
}

export function isForeignKeyViolation(err: unknown): boolean {
  return pgError(err)?.code === '23503';
}

export function isDeadlock(err: unknown): boolean {
  const code = pgError(err)?.code;
  return code === '40P01' || code === '40001';
}
