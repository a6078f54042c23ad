import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { ENV_VARS } from '../../src/config.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

test('the README configuration table lists every environment variable Keygate reads', () => {
  for (const name of Object.keys(ENV_VARS))
    expect(readme).toMatch(new RegExp(`\\|\\s*\`${name}\`\\s*\\|`));
});

test('the README quick start is the two commands of a fresh clone', () => {
  expect(readme).toContain('npm ci && npm start');
  expect(readme).toContain('npm ci && npm test');
});
