import { type Err, err } from './result.js';

export type InputError = Err<'BAD_USER_INPUT'>;

export const badInput = (message: string): InputError => err('BAD_USER_INPUT', message);

/** A trimmed name of 1–200 characters, or an error naming the field. */
export function checkName(field: string, value: string): InputError | null {
  const trimmed = value.trim();
  if (trimmed.length === 0) return badInput(`${field} must not be empty`);
  if (value.length > 200) return badInput(`${field} must be at most 200 characters`);
  return null;
}

const MAX_METADATA_BYTES = 8 * 1024;

/** Metadata is a JSON object of at most 8 KiB, stored and returned verbatim. */
export function checkMetadata(value: unknown): InputError | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object' || Array.isArray(value))
    return badInput('metadata must be a JSON object');
  if (Buffer.byteLength(JSON.stringify(value)) > MAX_METADATA_BYTES) {
    return badInput(`metadata must be at most ${MAX_METADATA_BYTES} bytes of JSON`);
  }
  return null;
}

export function checkCurrency(value: string): InputError | null {
  return /^[A-Z]{3}$/.test(value)
    ? null
    : badInput('currency must be a three-letter ISO 4217 code, e.g. "EUR"');
}
