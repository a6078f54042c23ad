import type { VerifiedKey } from '../../keys/verified-key.js';
import { builder } from '../builder.js';
import { ApiKeyRef } from './api-key.js';
import { ProjectRef } from './project.js';

const Viewer = builder.objectRef<VerifiedKey>('Viewer').implement({
  description: 'The calling key, its project and the scopes this request may use.',
  fields: (t) => ({
    key: t.field({
      type: ApiKeyRef,
      // Read afresh: the verified-key cache does not follow lastUsedAt.
      resolve: async (v, _args, ctx) =>
        (await ctx.services.keys.getKey(ctx.actor, v.key.id)) ?? v.key,
    }),
    project: t.field({
      type: ProjectRef,
      nullable: true,
      description: 'null for admin keys.',
      resolve: (v) => v.project,
    }),
    scopes: t.stringList({
      description:
        "The scopes usable now: the key's scopes with implications, within the project ceiling and plan.",
      resolve: (v) => [...v.grants].sort(),
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: Viewer,
    authScopes: { authenticated: true },
    resolve: (_root, _args, ctx) => ctx.auth as VerifiedKey,
  }),
);
