/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": typeof types.FixtureCreateProjectDocument,
    "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": typeof types.FixtureCreateKeyDocument,
    "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n": typeof types.AuthViewerDocument,
    "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": typeof types.AuthRevokeDocument,
};
const documents: Documents = {
    "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n": types.FixtureCreateProjectDocument,
    "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n": types.FixtureCreateKeyDocument,
    "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n": types.AuthViewerDocument,
    "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n": types.AuthRevokeDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateProject($input: CreateProjectInput!) {\n    createProject(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"): (typeof documents)["\n  mutation FixtureCreateKey($input: CreateKeyInput!) {\n    createKey(input: $input) {\n      key {\n        id\n      }\n      secret\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n"): (typeof documents)["\n  query AuthViewer {\n    viewer {\n      key {\n        id\n        kind\n        status\n      }\n      scopes\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"): (typeof documents)["\n  mutation AuthRevoke($id: ID!) {\n    revokeKey(id: $id) {\n      id\n      status\n      revokedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;