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

export const schema = annotateRequiredScopes(
  builder.toSchema({ directives: [requiresScopesDirective], sortSchema: true }),
);
