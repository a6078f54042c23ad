import {
  type GraphQLField,
  type GraphQLOutputType,
  getNamedType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/**
 * The default price of a field, GitHub- and Shopify-style: what an operation costs is
 * roughly how many objects it may return.
 * - scalars and enums cost 0; every object costs 1;
 * - a field with a page size (`first`) multiplies what it selects by that size (the
 *   default page when absent; at most the largest page, so a bad `first` is refused by
 *   the field with its own message, not priced out);
 * - `edges` of a connection costs 0 and multiplies by 1: its `node`s are the objects;
 *   `pageInfo` costs 0 (it is computed, not fetched);
 * - other lists count what they select once (they are short and bounded: scopes, aging
 *   buckets, usage series).
 * Fields may declare their own `complexity` instead (Query.rateLimit costs 0).
 */
export function fieldCost<C>(
  args: Record<string, unknown>,
  _ctx: C,
  field: GraphQLField<unknown, C, Record<string, unknown>>,
): number | { field: number; multiplier: number } {
  if (isLeafType(getNamedType(field.type))) return 0;
  if (field.args.some((a) => a.name === 'first')) {
    const first = typeof args.first === 'number' ? args.first : DEFAULT_PAGE_SIZE;
    return { field: 1, multiplier: Math.min(Math.max(first, 0), MAX_PAGE_SIZE) };
  }
  if (field.name === 'edges' && isList(field.type)) return { field: 0, multiplier: 1 };
  if (field.name === 'pageInfo') return 0;
  if (isList(field.type)) return { field: 1, multiplier: 1 };
  return 1;
}
