import {
  BODY_LENGTH,
  CHECK_LENGTH,
  type KeyEnvironment,
  type KeyKind,
  keyHint,
  parseKey,
} from '../keys/key-format.js';

export interface KeyFind {
  /** 1-based line of the key's first character. */
  line: number;
  kind: KeyKind;
  environment: KeyEnvironment;
  /** The whole key: for revoking it, never for printing (print `keyHint(secret)`). */
  secret: string;
}

/**
 * Anything shaped like a key that is not part of a longer word. Only the shape: the check
 * characters are verified by `parseKey`.
 */
const CANDIDATE = new RegExp(
  `(?<![0-9A-Za-z_])kg_(?:pk|sk|ak)_(?:live|test)_[0-9A-Za-z]{${BODY_LENGTH + CHECK_LENGTH}}(?![0-9A-Za-z_])`,
  'g',
);

/** Every Keygate key in `text` whose check characters are valid, in order of appearance. */
export function findKeys(text: string): KeyFind[] {
  const finds: KeyFind[] = [];
  let line = 1;
  let counted = 0; // every newline before this offset is in `line`
  for (const match of text.matchAll(CANDIDATE)) {
    const parsed = parseKey(match[0]);
    if (parsed === null) continue;
    for (;;) {
      const newline = text.indexOf('\n', counted);
      if (newline === -1 || newline > match.index) break;
      line += 1;
      counted = newline + 1;
    }
    finds.push({ line, ...parsed, secret: match[0] });
  }
  return finds;
}

/** Replaces every key-shaped string in `text` by its hint, so that nothing echoes a secret. */
export function redactKeys(text: string): string {
  return text.replace(CANDIDATE, (secret) => keyHint(secret));
}
