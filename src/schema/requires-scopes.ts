import {
  DirectiveLocation,
  GraphQLDirective,
  GraphQLList,
  GraphQLNonNull,
  type GraphQLSchema,
  GraphQLString,
  isObjectType,
} from 'graphql';

/** Apollo's `@requiresScopes`: outer list OR, inner list AND. */
export const requiresScopesDirective = new GraphQLDirective({
  name: 'requiresScopes',
  description: 'The scopes a key needs to read this field: any inner list, all of its scopes.',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT],
  args: {
    scopes: {
      type: new GraphQLNonNull(
        new GraphQLList(new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString)))),
      ),
    },
  },
});

type ScopeMap = { scope?: string; $all?: ScopeMap; $any?: ScopeMap; [flag: string]: unknown };

/** The scope alternatives of a static `authScopes` declaration, as `[[a, b], [c]]`. */
function alternatives(map: ScopeMap): string[][] {
  const all: string[] = [];
  let any: string[][] = [];
  if (typeof map.scope === 'string') all.push(map.scope);
  if (map.$all) for (const alt of alternatives(map.$all)) all.push(...alt);
  if (map.$any) any = alternatives(map.$any).flatMap((alt) => (alt.length ? [alt] : []));
  if (any.length === 0) return all.length ? [all] : [];
  return any.map((alt) => [...all, ...alt]);
}

/**
 * Adds `@requiresScopes` to every field from the same `authScopes` declaration that gates it,
 * so the printed SDL tells clients and tools what each field needs.
 */
export function annotateRequiredScopes(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const declared = (field.extensions as { pothosOptions?: { authScopes?: unknown } })
        .pothosOptions?.authScopes;
      if (declared === undefined || typeof declared !== 'object' || declared === null) continue;
      const scopes = alternatives(declared as ScopeMap);
      if (scopes.length === 0) continue;
      (field as { extensions: object }).extensions = {
        ...field.extensions,
        directives: { requiresScopes: { scopes } },
      };
    }
  }
  return schema;
}
