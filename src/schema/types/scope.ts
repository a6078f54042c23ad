import { ALL_SCOPES, SCOPES, type Scope } from '../../authz/scopes.js';
import { builder } from '../builder.js';

const ScopeInfo = builder.objectRef<Scope>('ScopeInfo').implement({
  description: 'A scope of the catalog. `x:write` implies `x:read`.',
  fields: (t) => ({
    name: t.string({ resolve: (s) => s }),
    description: t.string({ resolve: (s) => SCOPES[s].description }),
    publishable: t.boolean({ resolve: (s) => SCOPES[s].publishable }),
    premium: t.boolean({ resolve: (s) => SCOPES[s].premium }),
  }),
});

builder.queryField('scopes', (t) =>
  t.field({
    type: [ScopeInfo],
    description: 'The scope catalog.',
    authScopes: { authenticated: true },
    resolve: () => ALL_SCOPES,
  }),
);
