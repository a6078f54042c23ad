import {
  GraphQLError,
  getOperationAST,
  Kind,
  type ParseOptions,
  parse,
  type Source,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** @default 2000 — as graphql-armor's max-tokens; GraphiQL's introspection query needs ~300. */
export const DEFAULT_MAX_TOKENS = 2000;
/** Brackets (`{`, `[`, `(`) nested deeper than this are refused before parsing. */
export const MAX_NESTING = 100;

/**
 * The deepest bracket nesting of a document, outside strings and comments. graphql-js parses
 * recursively, so a document nested a few thousand levels deep exhausts the stack (a 500)
 * before any token budget is reached; this linear scan refuses it first.
 */
function nestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x23 /* # */) {
      while (i < source.length && source[i] !== '\n' && source[i] !== '\r') i++;
    } else if (c === 0x22 /* " */) {
      if (source.startsWith('"""', i)) {
        const end = source.indexOf('"""', i + 3);
        i = end === -1 ? source.length : end + 2;
      } else {
        for (i++; i < source.length && source[i] !== '"' && source[i] !== '\n'; i++) {
          if (source[i] === '\\') i++;
        }
      }
    } else if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > deepest) deepest = depth;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) {
      depth--;
    }
  }
  return deepest;
}

/** graphql-js `parse` with a token budget and a nesting limit: hostile documents are syntax errors. */
export function parseWithLimits(
  source: string | Source,
  options: ParseOptions = {},
  maxTokens = DEFAULT_MAX_TOKENS,
) {
  const text = typeof source === 'string' ? source : source.body;
  if (nestingDepth(text) > MAX_NESTING) {
    throw new GraphQLError(
      `Syntax Error: Document nests brackets more than ${MAX_NESTING} levels deep. Parsing aborted.`,
    );
  }
  return parse(source, { ...options, maxTokens });
}

/**
 * Parses documents with a token budget and a nesting limit, so an oversized or absurdly nested
 * document is refused as a syntax error (400) instead of exhausting the parser's stack (500).
 */
export function useParserLimits({
  maxTokens = DEFAULT_MAX_TOKENS,
}: {
  maxTokens?: number;
} = {}): Plugin {
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseWithLimits(source, options, maxTokens));
    },
  };
}

/**
 * The root field names of the operation a request selects, without executing or validating
 * anything; null when the document does not parse, names no single operation, or spreads
 * fragments at its root (the edge then treats the request like any other).
 */
export function rootFields(
  query: string | undefined,
  operationName: string | null | undefined,
): { operation: 'query' | 'mutation' | 'subscription'; fields: string[] } | null {
  if (typeof query !== 'string') return null;
  try {
    const document = parseWithLimits(query, { noLocation: true });
    const operation = getOperationAST(
      document,
      typeof operationName === 'string' ? operationName : undefined,
    );
    if (!operation) return null;
    const fields: string[] = [];
    for (const s of operation.selectionSet.selections) {
      if (s.kind !== Kind.FIELD) return null;
      fields.push(s.name.value);
    }
    return { operation: operation.operation, fields };
  } catch {
    return null;
  }
}
