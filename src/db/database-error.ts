/**
 * SQLSTATE classes and codes of PostgreSQL that mean the database is away or cannot serve
 * now (connection, resources, shutdown or cancel/timeout, system, lock timeout, missing table,
 * read-only after a failover, authentication), as opposed to a statement that is wrong
 * for its data (22…, 23…), which is a bug.
 */
const PG_UNAVAILABLE = /^(08|53|57|58|40|3D|28|F0|XX)|^(55P03|42P01|25006)$/;

/** Messages of the drivers (better-sqlite3, pg, pg-pool) for a connection that is gone. */
const CONNECTION_GONE =
  /database connection is not open|driver has already been destroyed|connection terminated|connection timeout|timeout exceeded when trying to connect|cannot use a pool after calling end|client has encountered a connection error|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN/i;

/**
 * True for an error of the database itself (locked, unreachable, missing table, disk),
 * as opposed to a bug: requests that meet one are answered 503 SERVICE_UNAVAILABLE, and
 * authentication fails closed.
 */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'SqliteError') return true;
  const code = (error as { code?: unknown }).code;
  // pg's DatabaseError carries the server's SQLSTATE (five characters) and a severity.
  if (typeof code === 'string' && 'severity' in error && code.length === 5) {
    return PG_UNAVAILABLE.test(code);
  }
  if (error instanceof AggregateError && error.errors.some(isDatabaseError)) return true;
  return (
    CONNECTION_GONE.test(error.message) || (typeof code === 'string' && CONNECTION_GONE.test(code))
  );
}
