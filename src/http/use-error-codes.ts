import { type ExecutionResult, GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Every error gets a stable `extensions.code`. graphql-js leaves one kind without: a request
 * whose variables do not fit the operation (wrong type, missing, unknown). Those are the
 * caller's input, so they become BAD_USER_INPUT, as in Apollo Server.
 */
export function useErrorCodes(): Plugin {
  return {
    onExecute: () => ({ onExecuteDone }),
  };
}

const onExecuteDone = ({
  result,
  setResult,
}: {
  result: ExecutionResult | AsyncIterable<ExecutionResult>;
  setResult: (result: ExecutionResult) => void;
}) => {
  if (Symbol.asyncIterator in result) return;
  const single = result as ExecutionResult;
  if (single.data !== undefined || !single.errors?.some((e) => !e.extensions?.code)) return;
  setResult({
    ...single,
    errors: single.errors.map((e) =>
      e.extensions?.code
        ? e
        : new GraphQLError(e.message, {
            nodes: e.nodes,
            source: e.source,
            positions: e.positions,
            path: e.path,
            originalError: e.originalError,
            extensions: { ...e.extensions, code: 'BAD_USER_INPUT' },
          }),
    ),
  });
};
