import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { parseIsoDateTime } from '../lib/date-time.js';
import { builder } from './builder.js';

function parseDateTime(value: unknown): Date {
  const date = typeof value === 'string' ? parseIsoDateTime(value) : null;
  if (date !== null) return date;
  throw new GraphQLError(
    'DateTime must be an ISO-8601 string with a time zone, e.g. "2026-12-31T23:59:59Z"',
    {
      extensions: { code: 'BAD_USER_INPUT' },
    },
  );
}

builder.scalarType('DateTime', {
  description: 'An ISO-8601 date and time in UTC, e.g. "2026-11-28T12:00:00.000Z".',
  serialize: (value) => (value instanceof Date ? value : new Date(value as string)).toISOString(),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

function literalToJson(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalToJson);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literalToJson(f.value)]));
    default:
      throw new GraphQLError('JSON literals cannot contain variables', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
  }
}

/** Deeper JSON input is refused: nothing legitimate nests this far, and deep values are a DoS. */
export const MAX_JSON_DEPTH = 32;

function checkDepth(value: unknown, depth = 1): unknown {
  if (value !== null && typeof value === 'object') {
    if (depth > MAX_JSON_DEPTH) {
      throw new GraphQLError(`JSON input may nest at most ${MAX_JSON_DEPTH} levels deep`, {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    for (const child of Object.values(value)) checkDepth(child, depth + 1);
  }
  return value;
}

builder.scalarType('JSON', {
  description: `Any JSON value, nested at most ${MAX_JSON_DEPTH} levels deep.`,
  serialize: (value) => value,
  parseValue: (value) => checkDepth(value),
  parseLiteral: (ast) => checkDepth(literalToJson(ast)),
});
