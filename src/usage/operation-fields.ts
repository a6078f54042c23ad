import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from 'graphql';

export interface OperationInfo {
  type: 'query' | 'mutation' | 'subscription';
  name: string | null;
  /** Schema coordinates (`Type.field`) selected anywhere in the operation, sorted. */
  fields: string[];
}

const cache = new WeakMap<DocumentNode, Map<string, OperationInfo | null>>();

/**
 * The schema coordinates an operation touches, following fragments; introspection fields
 * (`__schema`, `__type`, `__typename`) are left out. Cached per parsed document, which Yoga
 * itself caches, so a repeated query costs a map lookup.
 */
export function operationFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationInfo | null {
  let byName = cache.get(document);
  if (byName === undefined) {
    byName = new Map();
    cache.set(document, byName);
  }
  const cacheKey = operationName ?? '';
  if (byName.has(cacheKey)) return byName.get(cacheKey) ?? null;
  const info = collect(schema, document, operationName);
  byName.set(cacheKey, info);
  return info;
}

function collect(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
): OperationInfo | null {
  const operation = getOperationAST(document, operationName);
  if (operation === null || operation === undefined) return null;
  const root = schema.getRootType(operation.operation);
  if (root === undefined || root === null) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) {
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  }
  const out = new Set<string>();
  const visited = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | undefined): void => {
    if (parent === undefined) return;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[name];
        if (field === undefined) continue;
        out.add(`${parent.name}.${name}`);
        if (selection.selectionSet) walk(selection.selectionSet, getNamedType(field.type));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition
          ? schema.getType(selection.typeCondition.name.value)
          : parent;
        walk(selection.selectionSet, type ?? undefined);
      } else {
        const fragment = fragments.get(selection.name.value);
        const key = `${selection.name.value}@${parent.name}`;
        if (fragment === undefined || visited.has(key)) continue;
        visited.add(key);
        walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? undefined);
      }
    }
  };
  walk(operation.selectionSet, root);
  return {
    type: operation.operation,
    name: operation.name?.value ?? null,
    fields: [...out].sort(),
  };
}
