import { Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { VerifyFailureCode, VerifyResult } from '../keys/verify-key.js';
import { extractKey } from './extract-key.js';
import { requestRejection } from './http-errors.js';
import type { RequestStates } from './request-state.js';
import { parseWithLimits } from './use-parser-limits.js';

export interface ApiKeyAuthOptions {
  states: RequestStates;
  verify: (presented: string) => Promise<VerifyResult>;
  /** Let keyless requests through when they only introspect. @default false */
  publicIntrospection?: boolean;
}

export const MISSING_KEY_MESSAGE =
  'missing API key: send it in the X-API-Key header or as Authorization: Bearer <key>';

/**
 * Authenticates every GraphQL request before its body is parsed: no key, a malformed or
 * unknown key, a revoked or expired one is refused with 401 and nothing is executed.
 */
export function useApiKeyAuth({
  states,
  verify,
  publicIntrospection = false,
}: ApiKeyAuthOptions): Plugin {
  return {
    async onRequestParse({ request }) {
      const state = states.get(request);
      if (state) state.metered = true;
      const reject = (code: VerifyFailureCode, message: string) => {
        if (state) state.rejection = code;
        return requestRejection(code, message);
      };
      const presented = extractKey(request.headers);
      if (presented === null) {
        if (!publicIntrospection) throw reject('UNAUTHENTICATED', MISSING_KEY_MESSAGE);
        return {
          onRequestParseDone({ requestParserResult }) {
            const all = Array.isArray(requestParserResult)
              ? requestParserResult
              : [requestParserResult];
            if (!all.every((p) => isIntrospectionOnly(p.query, p.operationName))) {
              throw reject('UNAUTHENTICATED', MISSING_KEY_MESSAGE);
            }
          },
        };
      }
      const result = await verify(presented);
      if (!result.ok) {
        if (state && result.key) state.refusedKey = result.key;
        throw reject(result.code, result.message);
      }
      if (state) state.auth = result.key;
      return undefined;
    },
  };
}

/** True when the operation selects only `__schema`, `__type` and `__typename` at its root. */
function isIntrospectionOnly(
  query: string | undefined,
  operationName: string | null | undefined,
): boolean {
  if (query === undefined) return false;
  try {
    const document = parseWithLimits(query, { noLocation: true });
    const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
    const operation =
      operations.length === 1
        ? operations[0]
        : operations.find((o) => o.name?.value === operationName);
    if (operation === undefined || operation.operation !== 'query') return false;
    return operation.selectionSet.selections.every(
      (s) => s.kind === Kind.FIELD && s.name.value.startsWith('__'),
    );
  } catch {
    return false; // not a document we can vouch for: a keyless request gets the 401
  }
}
