import { fieldError } from '../http/http-errors.js';
import { type IdPrefix, isId } from '../lib/ids.js';
import { builder } from './builder.js';

import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './page-size.js';

export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE };

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

export interface Page {
  limit: number;
  afterId?: string;
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor: string | null;
    endCursor: string | null;
  };
}

const encodeCursor = (id: string) => Buffer.from(`c1:${id}`).toString('base64url');

function decodeCursor(cursor: string, prefix: IdPrefix): string {
  const decoded = Buffer.from(cursor, 'base64url').toString();
  const id = decoded.slice(3);
  if (!decoded.startsWith('c1:') || encodeCursor(id) !== cursor || !isId(prefix, id)) {
    throw fieldError(
      'BAD_USER_INPUT',
      `"after" is not a cursor returned by this API: "${cursor.slice(0, 64)}"`,
    );
  }
  return id;
}

/** Checks `first`/`after` (a cursor of this list's ids); throws BAD_USER_INPUT when bad. */
export function toPage(args: PageArgs, prefix: IdPrefix): Page {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw fieldError(
      'BAD_USER_INPUT',
      `"first" must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`,
    );
  }
  return args.after == null
    ? { limit: first }
    : { limit: first, afterId: decodeCursor(args.after, prefix) };
}

/** A Relay connection over nodes that page on their id. */
export function toConnection<T extends { id: string }>(
  nodes: readonly T[],
  hasNextPage: boolean,
  page: Page,
): Connection<T> {
  const edges = nodes.map((node) => ({ cursor: encodeCursor(node.id), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage,
      hasPreviousPage: page.afterId !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

/** Fetches limit+1 rows to learn whether another page follows (1 row for `first: 0`). */
export async function paginate<T extends { id: string }>(
  args: PageArgs,
  prefix: IdPrefix,
  fetch: (page: Page) => Promise<T[]>,
): Promise<Connection<T>> {
  const page = toPage(args, prefix);
  const rows = await fetch({ ...page, limit: page.limit + 1 });
  return toConnection(rows.slice(0, page.limit), rows.length > page.limit, page);
}

export const PageInfo = builder.objectRef<Connection<unknown>['pageInfo']>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    hasPreviousPage: t.exposeBoolean('hasPreviousPage'),
    startCursor: t.exposeString('startCursor', { nullable: true }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/** `<Name>Connection { edges: [<Name>Edge!]! pageInfo: PageInfo! }` and its edge type. */
// biome-ignore lint/suspicious/noExplicitAny: a node ref of any object type
export function connectionType<T extends { id: string }>(name: string, node: any) {
  const edge = builder.objectRef<Connection<T>['edges'][number]>(`${name}Edge`).implement({
    fields: (t) => ({
      cursor: t.exposeString('cursor'),
      node: t.field({ type: node, resolve: (e) => e.node as never }),
    }),
  });
  return builder.objectRef<Connection<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfo, resolve: (c) => c.pageInfo }),
    }),
  });
}

/** The `first`/`after` arguments of every connection field. */
export const connectionArgs = builder.args((t) => ({
  first: t.int({ description: `Page size, 0–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).` }),
  after: t.string({ description: 'The endCursor of the previous page.' }),
}));
