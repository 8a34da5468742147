/**
 * "The database refused this write", told apart from every other failure, on either engine. A
 * page that foresees a refusal (another change at the same moment hit a UNIQUE index, a trigger
 * refused the row) shows the form again with an error instead of a 500.
 *
 * SQLite gives every such refusal the code SQLITE_CONSTRAINT (a trigger's RAISE(ABORT, …) too),
 * and names the UNIQUE or PRIMARY KEY kind only in its message. PostgreSQL gives a SQLSTATE of
 * class 23, integrity constraint violation (23505 for a unique one); omapolku_refuse, the twin of
 * RAISE(ABORT, …) in migrations-postgres/0001, raises 23000.
 */
type MaybeDbError = { code?: unknown; message?: unknown } | null | undefined;

/** Any constraint or refusing trigger refused the write. */
export function isConstraintViolation(error: unknown): boolean {
  const code = (error as MaybeDbError)?.code;
  return code === 'SQLITE_CONSTRAINT' || (typeof code === 'string' && /^23[0-9A-Z]{3}$/.test(code));
}

/** A UNIQUE (or primary key) constraint refused the write. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as MaybeDbError;
  if (e?.code === '23505') return true;
  return e?.code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/i.test(String(e.message ?? ''));
}
