/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type CreateKeyInput = {
  allowedIps?: Array<string> | null | undefined;
  allowedOrigins?: Array<string> | null | undefined;
  environment?: KeyEnvironment | null | undefined;
  expiresAt?: string | null | undefined;
  kind?: KeyKind | null | undefined;
  /** A JSON object of at most 8 KiB, returned verbatim. */
  metadata?: unknown;
  name: string;
  /** Defaults to the calling key's project; omit for ADMIN keys. */
  projectId?: string | number | null | undefined;
  rateLimitPerMinute?: number | null | undefined;
  scopes: Array<string>;
};

export type CreateProjectInput = {
  allowedScopes: Array<string>;
  name: string;
  plan?: Plan | null | undefined;
  region?: string | null | undefined;
  rotationPolicy?: RotationPolicyInput | null | undefined;
};

export type KeyEnvironment =
  | 'LIVE'
  | 'TEST';

export type KeyKind =
  /** Not bound to a project: management scopes over all projects. */
  | 'ADMIN'
  /** Browser-safe: only scopes marked publishable. */
  | 'PUBLISHABLE'
  /** Server-side: any scope within the project ceiling. */
  | 'SECRET';

export type KeyStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REVOKED'
  /** Replaced by a rotation; still valid until graceEndsAt. */
  | 'ROTATING';

export type Plan =
  | 'ENTERPRISE'
  | 'FREE'
  | 'PRO';

export type RotationPolicyInput = {
  enforce: boolean;
  /** 1–365 */
  maxKeyAgeDays: number;
};

export type FixtureCreateProjectMutationVariables = Exact<{
  input: CreateProjectInput;
}>;


export type FixtureCreateProjectMutation = { createProject: { id: string } | null };

export type FixtureCreateKeyMutationVariables = Exact<{
  input: CreateKeyInput;
}>;


export type FixtureCreateKeyMutation = { createKey: { secret: string, key: { id: string } } | null };

export type AuthViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type AuthViewerQuery = { viewer: { scopes: Array<string>, key: { id: string, kind: KeyKind, status: KeyStatus } } };

export type AuthRevokeMutationVariables = Exact<{
  id: string | number;
}>;


export type AuthRevokeMutation = { revokeKey: { id: string, status: KeyStatus, revokedAt: string | null } | null };


export const FixtureCreateProjectDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FixtureCreateProject"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateProjectInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createProject"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<FixtureCreateProjectMutation, FixtureCreateProjectMutationVariables>;
export const FixtureCreateKeyDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"FixtureCreateKey"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CreateKeyInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"secret"}}]}}]}}]} as unknown as DocumentNode<FixtureCreateKeyMutation, FixtureCreateKeyMutationVariables>;
export const AuthViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuthViewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"key"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"scopes"}}]}}]}}]} as unknown as DocumentNode<AuthViewerQuery, AuthViewerQueryVariables>;
export const AuthRevokeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"AuthRevoke"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revokeKey"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"revokedAt"}}]}}]}}]} as unknown as DocumentNode<AuthRevokeMutation, AuthRevokeMutationVariables>;