import { PLAN_NAMES } from '../../limits/plans.js';
import { builder } from '../builder.js';

export const KeyKindEnum = builder.enumType('KeyKind', {
  values: {
    PUBLISHABLE: { description: 'Browser-safe: only scopes marked publishable.' },
    SECRET: { description: 'Server-side: any scope within the project ceiling.' },
    ADMIN: { description: 'Not bound to a project: management scopes over all projects.' },
  } as const,
});

export const KeyEnvironmentEnum = builder.enumType('KeyEnvironment', {
  values: ['LIVE', 'TEST'] as const,
});

export const KeyStatusEnum = builder.enumType('KeyStatus', {
  values: {
    ACTIVE: {},
    ROTATING: { description: 'Replaced by a rotation; still valid until graceEndsAt.' },
    EXPIRED: {},
    REVOKED: {},
    DISABLED: {
      description:
        'Switched off with updateKey(enabled: false); answers KEY_DISABLED until enabled.',
    },
  } as const,
});

export const RevocationReasonEnum = builder.enumType('RevocationReason', {
  values: ['UNSPECIFIED', 'COMPROMISED', 'ROTATED', 'NO_LONGER_NEEDED', 'POLICY'] as const,
});

export const PlanEnum = builder.enumType('Plan', { values: PLAN_NAMES });
