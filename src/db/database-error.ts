/**
 * True for an error of the database itself (locked, unreachable, missing table, disk),
 * as opposed to a bug: requests that meet one are answered 503 SERVICE_UNAVAILABLE, and
 * authentication fails closed.
 */
export function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'SqliteError') return true;
  return /database connection is not open|driver has already been destroyed/i.test(error.message);
}
