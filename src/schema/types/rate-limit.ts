import type { VerifiedKey } from '../../keys/verified-key.js';
import type { LimitStatus } from '../../limits/request-limits.js';
import { builder } from '../builder.js';

/** The largest GraphQL Int: what an unlimited admin key reports as its limit. */
const UNLIMITED = 2_147_483_647;

interface RateLimitView {
  status: LimitStatus;
  now: Date;
}

const RateLimitStatus = builder.objectRef<RateLimitView>('RateLimitStatus').implement({
  description:
    "The calling key's budget. Reading it (alone in an operation) spends nothing: no rate limit, no quota.",
  fields: (t) => ({
    limitPerMinute: t.int({
      description: `Requests per minute (sliding window): the key's rateLimitPerMinute, else its plan's. ${UNLIMITED} for an unlimited admin key.`,
      resolve: ({ status }) => status.rate?.limit ?? UNLIMITED,
    }),
    remaining: t.int({
      description: 'Requests left in the current window.',
      resolve: ({ status }) => status.rate?.remaining ?? UNLIMITED,
    }),
    resetAt: t.field({
      type: 'DateTime',
      description:
        'When the oldest request in the window leaves it (remaining grows); now when the window is empty.',
      resolve: ({ status, now }) =>
        new Date(now.getTime() + (status.rate?.resetSeconds ?? 0) * 1000),
    }),
    unlimited: t.boolean({
      description: 'True for an admin key without its own rateLimitPerMinute: no per-minute limit.',
      resolve: ({ status }) => status.rate === null,
    }),
    quotaPerMonth: t.int({
      nullable: true,
      description: "The project's monthly quota (calendar month, UTC); null = unlimited.",
      resolve: ({ status }) => status.quota?.limit ?? null,
    }),
    quotaRemaining: t.int({
      nullable: true,
      resolve: ({ status }) => status.quota?.remaining ?? null,
    }),
    quotaResetAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'The start of next month (UTC), when the quota starts again.',
      resolve: ({ status, now }) =>
        status.quota === null ? null : new Date(now.getTime() + status.quota.resetSeconds * 1000),
    }),
    usageLimit: t.int({
      nullable: true,
      description: "The key's own total request limit (ApiKey.usageLimit).",
      resolve: ({ status }) => status.budget.usageLimit,
    }),
    usageRemaining: t.int({ nullable: true, resolve: ({ status }) => status.usageRemaining }),
    maxCost: t.int({
      description: 'The highest cost one operation may have (extensions.cost.maxCost).',
      resolve: ({ status }) => status.budget.maxCost,
    }),
    maxDepth: t.int({
      description: 'The deepest selection one operation may have.',
      resolve: ({ status }) => status.budget.maxDepth,
    }),
  }),
});

builder.queryField('rateLimit', (t) =>
  t.field({
    type: RateLimitStatus,
    description: "The calling key's own limits and what is left of them.",
    authScopes: { authenticated: true },
    complexity: 0,
    resolve: async (_root, _args, ctx) => {
      const now = ctx.services.clock.now();
      const key = ctx.auth as VerifiedKey;
      return { status: await ctx.services.limits.status(key, now.getTime()), now };
    },
  }),
);
