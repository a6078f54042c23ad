import { performance } from 'node:perf_hooks';
import { expect, test } from 'vitest';
import { checkWebhookUrl, isPublicAddress } from '../../src/webhooks/webhook-url.js';

test('a host whose name does not resolve in time is refused, not waited for', async () => {
  const never = () => new Promise<string[]>(() => {});
  const started = performance.now();

  const refused = await checkWebhookUrl('https://hooks.example.com/in', false, never, 50);

  expect(refused).toMatchObject({
    ok: false,
    code: 'BAD_USER_INPUT',
    message:
      'the host of the webhook url ("hooks.example.com") could not be resolved in time; try again',
  });
  expect(performance.now() - started).toBeLessThan(1_000);
});

test('IPv4-compatible IPv6 addresses (::/96), as DNS may answer them, are not public', () => {
  for (const address of ['::7f00:1', '::127.0.0.1', '::10.0.0.1', '::8.8.8.8', '::808:808']) {
    expect(isPublicAddress(address), address).toBe(false);
  }
  for (const address of ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c']) {
    expect(isPublicAddress(address), address).toBe(true);
  }
});
