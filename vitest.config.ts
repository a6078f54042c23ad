import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

/**
 * Every suite runs on SQLite; with TEST_DATABASE_URL set (.ci/run sets it) every suite runs
 * a second time on PostgreSQL with Redis (test/helpers/test-db.ts).
 */
const dialects = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

export default defineConfig({
  resolve: {
    // Node loads graphql's CommonJS build for the libraries; make Vite load the same copy for
    // our sources, or graphql's instanceof checks see two "graphql" modules.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    projects: dialects.map((dialect) => ({
      extends: true,
      test: {
        name: dialect,
        env: { KEYGATE_TEST_DIALECT: dialect },
        // test/scale needs the services (several instances on PostgreSQL, Redis itself).
        ...(dialect === 'sqlite' ? { exclude: ['test/scale/**'] } : {}),
        ...(dialect === 'postgres' ? { globalSetup: ['test/helpers/postgres-setup.ts'] } : {}),
      },
    })),
  },
});
