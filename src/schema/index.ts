import { specifiedDirectives } from 'graphql';
import { builder } from './builder.js';
import { annotateRequiredScopes, requiresScopesDirective } from './requires-scopes.js';
import './scalars.js';
import './types/enums.js';
import './types/scope.js';
import './types/viewer.js';
import './types/rate-limit.js';
import './types/project.js';
import './types/api-key.js';
import './types/audit.js';
import './types/usage.js';
import './types/ledger.js';
import './types/anomaly.js';
import './types/webhook.js';

export const schema = annotateRequiredScopes(
  // The built-in directives (@include, @skip, @deprecated, @specifiedBy) stay: `directives`
  // replaces the list rather than adding to it.
  builder.toSchema({
    directives: [...specifiedDirectives, requiresScopesDirective],
    sortSchema: true,
  }),
);
