import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { clientIp } from '../../src/http/client-ip.js';

test.each([
  [false, '203.0.113.7', '10.0.0.1'],
  [true, '203.0.113.7, 198.51.100.2', '203.0.113.7'],
  [true, 'not-an-ip, 198.51.100.2', '198.51.100.2'],
  [true, 'garbage', '10.0.0.1'],
  [1, '203.0.113.7, 198.51.100.2', '198.51.100.2'],
  [2, '203.0.113.7, 198.51.100.2', '203.0.113.7'],
  [5, '203.0.113.7, 198.51.100.2', '203.0.113.7'],
  [1, '2001:db8::1', '2001:db8::1'],
] as const)('KEYGATE_TRUST_PROXY=%s with X-Forwarded-For "%s" gives %s', (trust, header, ip) => {
  expect(clientIp('10.0.0.1', header, trust)).toBe(ip);
});

test('without X-Forwarded-For the socket address is the client', () => {
  expect(clientIp('10.0.0.1', null, true)).toBe('10.0.0.1');
});

test.each([
  ['true', true],
  ['false', false],
  ['0', false],
  ['1', 1],
  ['2', 2],
] as const)(
  'KEYGATE_TRUST_PROXY="%s" is read as %s (a number counts proxies, even 1)',
  (raw, trust) => {
    expect(loadConfig({ KEYGATE_TRUST_PROXY: raw }).trustProxy).toBe(trust);
  },
);

test('KEYGATE_TRUST_PROXY refuses what is neither a boolean nor a count of proxies', () => {
  expect(() => loadConfig({ KEYGATE_TRUST_PROXY: 'yes' })).toThrow(/KEYGATE_TRUST_PROXY/);
  expect(() => loadConfig({ KEYGATE_TRUST_PROXY: '21' })).toThrow(/KEYGATE_TRUST_PROXY/);
});
