import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  Kind,
  type SelectionSetNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Compiled execution: graphql-jit compiles each operation once (cached per parsed document,
 * and Yoga's parse cache hands the same document to the same query text) into JavaScript
 * that calls the same resolvers, Pothos scope-auth included, without graphql-js's per-field
 * interpretation. It answers as graphql-js does, in two places made to: operations whose
 * variables do not coerce run through graphql-js (its errors, and the 400 of a request
 * error), and field errors become graphql-js GraphQLErrors with their field nodes (so they
 * carry `locations`) and come before `data`, as graphql-js orders them.
 */
export function useCompiledExecution(): Plugin[] {
  return [
    useGraphQlJit({}, { enableIf: variablesCoerce }) as Plugin,
    { onExecute: ({ args }) => ({ onExecuteDone: asGraphqlJsErrors(args) }) },
  ];
}

/** The variable definitions of each document's operations. */
const definitionsOf = new WeakMap<DocumentNode, Map<string, readonly VariableDefinitionNode[]>>();

function variablesCoerce(args: ExecutionArgs): boolean {
  let byName = definitionsOf.get(args.document);
  if (byName === undefined) {
    byName = new Map();
    definitionsOf.set(args.document, byName);
  }
  const name = args.operationName ?? '';
  let definitions = byName.get(name);
  if (definitions === undefined) {
    definitions = getOperationAST(args.document, args.operationName)?.variableDefinitions ?? [];
    byName.set(name, definitions);
  }
  if (definitions.length === 0) return true;
  const coerced = getVariableValues(args.schema, definitions, args.variableValues ?? {}, {
    maxErrors: 1,
  });
  return coerced.errors === undefined;
}

function asGraphqlJsErrors(args: ExecutionArgs) {
  return ({
    result,
    setResult,
  }: {
    result: ExecutionResult | AsyncIterable<ExecutionResult>;
    setResult: (result: ExecutionResult) => void;
  }) => {
    if (Symbol.asyncIterator in result) return;
    const single = result as ExecutionResult;
    if (!single.errors?.some(isCompiledError)) return;
    const errors = single.errors.map((e) => {
      if (!isCompiledError(e)) return e;
      const path = e.path ?? undefined;
      const original = e.originalError;
      return new GraphQLError(e.message, {
        nodes: path ? fieldNodesAt(args, path) : undefined,
        path,
        originalError: original instanceof Error ? original : undefined,
        extensions: e.extensions,
      });
    });
    const { data, extensions } = single;
    setResult(extensions === undefined ? { errors, data } : { errors, data, extensions });
  };
}

/**
 * graphql-jit's own GraphQLError (a subclass) carries `locations` but no `nodes`, `source` or
 * `positions`, which is what Yoga rebuilds errors from: its locations would be lost.
 */
function isCompiledError(e: GraphQLError): boolean {
  return e.nodes === undefined && e.positions === undefined && e.constructor !== GraphQLError;
}

/**
 * The field nodes a response path points at, in document order (as graphql-js collects
 * them): the fields with that response key, through fragments, at each step.
 */
function fieldNodesAt(args: ExecutionArgs, path: readonly (string | number)[]): FieldNode[] {
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of args.document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  let sets: readonly SelectionSetNode[] = [operation.selectionSet];
  let found: FieldNode[] = [];
  for (const segment of path) {
    if (typeof segment === 'number') continue;
    found = [];
    for (const set of sets) collect(set, segment, fragments, found, new Set());
    sets = found.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));
  }
  return found;
}

function collect(
  set: SelectionSetNode,
  responseKey: string,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  into: FieldNode[],
  visited: Set<string>,
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      if ((selection.alias ?? selection.name).value === responseKey) into.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      collect(selection.selectionSet, responseKey, fragments, into, visited);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (fragment === undefined || visited.has(name)) continue;
      visited.add(name);
      collect(fragment.selectionSet, responseKey, fragments, into, visited);
    }
  }
}
