/** A value that some implementations have at once and others only later. */
export type MaybePromise<T> = T | Promise<T>;

/** Whether `value` is still to come (a promise or other thenable). */
export function isPromise<T>(value: MaybePromise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
