import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DEFAULT_PLANS, loadPlans } from '../../src/limits/plans.js';

const dir = mkdtempSync(join(tmpdir(), 'keygate-plans-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `plans-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('plans', () => {
  test('the defaults are FREE 60/min, 10k/month, cost 500, depth 8; PRO 600, 1M, 5k, 12; ENTERPRISE 6k, unlimited, 50k, 20', () => {
    expect(DEFAULT_PLANS).toEqual({
      FREE: {
        name: 'FREE',
        requestsPerMinute: 60,
        monthlyQuota: 10_000,
        maxCost: 500,
        maxDepth: 8,
        premiumScopes: [],
      },
      PRO: {
        name: 'PRO',
        requestsPerMinute: 600,
        monthlyQuota: 1_000_000,
        maxCost: 5_000,
        maxDepth: 12,
        premiumScopes: ['reports:read'],
      },
      ENTERPRISE: {
        name: 'ENTERPRISE',
        requestsPerMinute: 6_000,
        monthlyQuota: null,
        maxCost: 50_000,
        maxDepth: 20,
        premiumScopes: ['reports:read'],
      },
    });
  });

  test('a plans file overrides the fields it names and keeps the other defaults', () => {
    const plans = loadPlans(
      file({
        FREE: { requestsPerMinute: 120, premiumScopes: ['reports:read'] },
        PRO: { monthlyQuota: null },
      }),
    );
    expect(plans.FREE).toEqual({
      ...DEFAULT_PLANS.FREE,
      requestsPerMinute: 120,
      premiumScopes: ['reports:read'],
    });
    expect(plans.PRO).toEqual({ ...DEFAULT_PLANS.PRO, monthlyQuota: null });
    expect(plans.ENTERPRISE).toEqual(DEFAULT_PLANS.ENTERPRISE);
  });

  test.each([
    [{ PRO: { maxCost: 0 } }, 'PRO.maxCost: Too small: expected number to be >=1'],
    [
      { FREE: { requestsPerMinute: 1.5 } },
      'FREE.requestsPerMinute: Invalid input: expected int, received number',
    ],
    [{ GOLD: { maxCost: 10 } }, '(top level): Unrecognized key: "GOLD"'],
    [{ FREE: { burst: 10 } }, 'FREE: Unrecognized key: "burst"'],
    [
      { ENTERPRISE: { premiumScopes: ['invoices:read'] } },
      'ENTERPRISE.premiumScopes.0: must be a premium scope (Query.scopes lists them with premium: true)',
    ],
    [[], '(top level): Invalid input: expected object, received array'],
  ])('a bad entry is refused at start with a message naming it: %j', (content, problem) => {
    const path = file(content);
    expect(() => loadConfig({ KEYGATE_PLANS_FILE: path })).toThrow(ConfigError);
    expect(() => loadConfig({ KEYGATE_PLANS_FILE: path })).toThrow(
      `KEYGATE_PLANS_FILE ${path}:\n  ${problem}`,
    );
  });

  test('a missing file or one that is not JSON is refused at start', () => {
    expect(() => loadConfig({ KEYGATE_PLANS_FILE: join(dir, 'missing.json') })).toThrow(
      /^KEYGATE_PLANS_FILE: cannot read .*missing\.json: ENOENT/,
    );
    const path = file('{ "FREE": ');
    expect(() => loadConfig({ KEYGATE_PLANS_FILE: path })).toThrow(
      new RegExp(`^KEYGATE_PLANS_FILE: ${path} is not JSON: `),
    );
  });
});
