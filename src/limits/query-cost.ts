import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getOperationAST,
  Kind,
} from 'graphql';

export interface QueryCost {
  /** The operation's cost: see `fieldCost` in schema/builder.ts for how fields are counted. */
  cost: number;
  /** The deepest field nesting (`{ viewer { key { id } } }` is 3). */
  depth: number;
}

/** Costs of operations without variables, by document and operation name (Yoga reuses documents). */
const constantCosts = new WeakMap<DocumentNode, Map<string, QueryCost>>();

/**
 * The cost and depth of the operation a request selects, from the complexity each field
 * declares (Pothos' complexity plugin), before anything executes. Page sizes may come
 * from variables, so only operations without variables are cached. Null when the
 * variables do not fit the operation (execution then reports that error itself).
 */
export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
): QueryCost | null {
  const operation = getOperationAST(
    document,
    typeof operationName === 'string' ? operationName : undefined,
  );
  if (!operation) return null;
  const constant = (operation.variableDefinitions?.length ?? 0) === 0;
  const name = operation.name?.value ?? '';
  if (constant) {
    const cached = constantCosts.get(document)?.get(name);
    if (cached !== undefined) return cached;
  }
  // complexityFromQuery measures a document's first operation: hand it the selected one.
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  let result: QueryCost;
  try {
    const measured = complexityFromQuery(
      { kind: Kind.DOCUMENT, definitions: [operation, ...fragments] },
      { schema, variables: variables ?? {} },
    );
    result = { cost: measured.complexity, depth: measured.depth };
  } catch {
    return null;
  }
  if (constant) {
    let byName = constantCosts.get(document);
    if (byName === undefined) {
      byName = new Map();
      constantCosts.set(document, byName);
    }
    byName.set(name, result);
  }
  return result;
}
