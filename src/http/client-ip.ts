import { isIP } from 'node:net';

/**
 * The client's address: the socket's, or — when Keygate runs behind proxies it trusts
 * (KEYGATE_TRUST_PROXY) — one taken from X-Forwarded-For: `true` believes the leftmost
 * address (every hop is trusted), a number n takes the address n hops back from the
 * socket (n proxies of our own in front). Entries that are not ip addresses are ignored.
 */
export function clientIp(
  socketIp: string | null,
  forwardedFor: string | null,
  trustProxy: boolean | number,
): string | null {
  if (trustProxy === false || forwardedFor === null) return socketIp;
  const hops = forwardedFor
    .split(',')
    .map((h) => h.trim())
    .filter((h) => isIP(h) !== 0);
  if (hops.length === 0) return socketIp;
  if (trustProxy === true) return hops[0] ?? socketIp;
  const chain = socketIp === null ? hops : [...hops, socketIp];
  return chain[Math.max(0, chain.length - 1 - trustProxy)] ?? socketIp;
}
