import type { ErrorCode } from '../http/http-errors.js';
import { fieldError } from '../http/http-errors.js';
import type { Result } from '../lib/result.js';

/** A service outcome into a resolver value, or its failure into a GraphQL error at that path. */
export function unwrap<T, C extends ErrorCode>(result: Result<T, C>): T {
  if (result.ok) return result.value;
  throw fieldError(result.code, result.message);
}
