/**
 * The scope catalog. Scopes are `resource:action`; `x:write` implies `x:read`.
 * Add a scope here, then declare it on the field it gates (`authScopes: { scope: '…' }`).
 */
export const SCOPES = {
  'projects:read': {
    description: 'Read projects',
    publishable: false,
    premium: false,
    management: true,
  },
  'projects:write': {
    description: 'Create and update projects',
    publishable: false,
    premium: false,
    management: true,
  },
  'keys:read': {
    description: 'List and read API keys (never their secrets)',
    publishable: false,
    premium: false,
    management: true,
  },
  'keys:write': {
    description: 'Create, update, rotate and revoke API keys',
    publishable: false,
    premium: false,
    management: true,
  },
  'usage:read': {
    description: 'Read usage analytics and request logs',
    publishable: false,
    premium: false,
    management: true,
  },
  'audit:read': {
    description: 'Read the audit log of management actions',
    publishable: false,
    premium: false,
    management: true,
  },
  'webhooks:read': {
    description: 'List and read webhooks and their delivery logs (never their secrets)',
    publishable: false,
    premium: false,
    management: true,
  },
  'webhooks:write': {
    description: 'Create, update and delete webhooks and rotate their signing secrets',
    publishable: false,
    premium: false,
    management: true,
  },
  'products:read': {
    description: 'Read the product catalog',
    publishable: true,
    premium: false,
    management: false,
  },
  'products:write': {
    description: 'Create products',
    publishable: false,
    premium: false,
    management: false,
  },
  'customers:read': {
    description: 'Read customers (without personal data)',
    publishable: false,
    premium: false,
    management: false,
  },
  'customers:write': {
    description: 'Create customers',
    publishable: false,
    premium: false,
    management: false,
  },
  'customers:pii': {
    description: "Read customers' personal data (email)",
    publishable: false,
    premium: false,
    management: false,
  },
  'invoices:read': {
    description: 'Read invoices',
    publishable: false,
    premium: false,
    management: false,
  },
  'invoices:write': {
    description: 'Create invoices',
    publishable: false,
    premium: false,
    management: false,
  },
  'payments:read': {
    description: 'Read payments',
    publishable: false,
    premium: false,
    management: false,
  },
  'payments:write': {
    description: 'Record payments',
    publishable: false,
    premium: false,
    management: false,
  },
  'reports:read': {
    description: 'Read financial reports (premium: PRO and ENTERPRISE plans)',
    publishable: false,
    premium: true,
    management: false,
  },
} as const;

export type Scope = keyof typeof SCOPES;
export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];
export const MANAGEMENT_SCOPES = ALL_SCOPES.filter((s) => SCOPES[s].management);

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}

/** A scope list with every implication added: `x:write` brings `x:read`. */
export function expandScopes(scopes: Iterable<string>): Set<Scope> {
  const out = new Set<Scope>();
  for (const s of scopes) {
    if (!isScope(s)) continue;
    out.add(s);
    if (s.endsWith(':write')) {
      const read = `${s.slice(0, -':write'.length)}:read`;
      if (isScope(read)) out.add(read);
    }
  }
  return out;
}
