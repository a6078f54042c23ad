import { lookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { badInput, type InputError } from '../lib/validate.js';

/** The longest webhook URL accepted. */
export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** How long registering a webhook waits for its host name to resolve. */
export const DNS_TIMEOUT_MS = 5_000;

/** A resolver of every address of a host name (dns.lookup with `all`), replaceable in tests. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveHost: ResolveHost = (hostname) =>
  new Promise((resolve, reject) => {
    lookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses.map((a) => a.address)),
    );
  });

/**
 * True for a public unicast address. Loopback, private (RFC 1918), link-local (cloud
 * metadata), unique-local, carrier-grade NAT, unspecified, multicast, reserved and the
 * IPv6 ranges that embed an IPv4 address (IPv4-mapped is judged as the IPv4 it maps; the
 * deprecated IPv4-compatible ::/96, e.g. ::7f00:1, is refused whole) are not public.
 */
export function isPublicAddress(address: string): boolean {
  // ipaddr reads "::a.b.c.d" (IPv4-compatible, as inet_ntop writes it) as IPv4-mapped.
  if (/^::[0-9.]+$/.test(address)) return false;
  try {
    const parsed = ipaddr.parse(address);
    if (parsed.kind() === 'ipv6' && !(parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
      if ((parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
    }
    return ipaddr.process(address).range() === 'unicast';
  } catch {
    return false;
  }
}

/**
 * Whether a webhook may be sent to `address` (OWASP API7, SSRF): https goes to public
 * addresses, or anywhere when private networks are allowed; plain http only to a
 * non-public address, and only when private networks are allowed.
 */
export function addressAllowed(address: string, protocol: string, allowPrivate: boolean): boolean {
  if (protocol === 'http:') return allowPrivate && !isPublicAddress(address);
  return allowPrivate || isPublicAddress(address);
}

/** The host of a URL as an address when it is an IP literal (`[::1]` → `::1`), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) === 0 ? null : host;
}

function refusal(protocol: string, allowPrivate: boolean): string {
  if (protocol === 'http:') {
    return allowPrivate
      ? 'a plain http webhook url must point at a loopback or private address; use https'
      : 'webhook url must use https';
  }
  return 'webhook url must not point at a loopback, private, link-local or otherwise non-public address (KEYGATE_WEBHOOK_ALLOW_PRIVATE is off)';
}

/**
 * Checks a webhook URL when it is registered: https (http only as addressAllowed says), at
 * most MAX_WEBHOOK_URL_LENGTH characters, no credentials, fragment or port 0, and a host that
 * is, and resolves within `dnsTimeoutMs` only to, allowed addresses. Delivery checks the
 * address again (DNS can change).
 */
export async function checkWebhookUrl(
  text: string,
  allowPrivate: boolean,
  resolve: ResolveHost = resolveHost,
  dnsTimeoutMs: number = DNS_TIMEOUT_MS,
): Promise<InputError | null> {
  if (text.length > MAX_WEBHOOK_URL_LENGTH) {
    return badInput(`url must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return badInput('url must be an absolute URL, e.g. "https://example.com/webhooks/keygate"');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return badInput('webhook url must use https');
  }
  if (url.protocol === 'http:' && !allowPrivate) return badInput(refusal('http:', false));
  if (url.username !== '' || url.password !== '') {
    return badInput('webhook url must not contain credentials; verify the signature instead');
  }
  if (url.hash !== '') return badInput('webhook url must not contain a fragment (#…)');
  if (url.port === '0') return badInput('webhook url must not use port 0');
  const literal = literalAddress(url);
  if (literal !== null) {
    return addressAllowed(literal, url.protocol, allowPrivate)
      ? null
      : badInput(refusal(url.protocol, allowPrivate));
  }
  // Anything resolves when private networks are allowed over https: nothing to look up.
  if (allowPrivate && url.protocol === 'https:') return null;
  let addresses: string[] | 'timeout';
  let timer: NodeJS.Timeout | undefined;
  try {
    addresses = await Promise.race([
      resolve(url.hostname),
      new Promise<'timeout'>((settle) => {
        timer = setTimeout(() => settle('timeout'), dnsTimeoutMs);
      }),
    ]);
  } catch {
    return badInput(`the host of the webhook url ("${url.hostname}") does not resolve`);
  } finally {
    clearTimeout(timer);
  }
  if (addresses === 'timeout') {
    return badInput(
      `the host of the webhook url ("${url.hostname}") could not be resolved in time; try again`,
    );
  }
  if (addresses.length === 0) {
    return badInput(`the host of the webhook url ("${url.hostname}") does not resolve`);
  }
  return addresses.every((a) => addressAllowed(a, url.protocol, allowPrivate))
    ? null
    : badInput(refusal(url.protocol, allowPrivate));
}

export class AddressRefused extends Error {}

/**
 * A `lookup` for node:http(s) that refuses the connection when the host resolves to an
 * address addressAllowed refuses: checked on the address actually connected to, so a DNS
 * answer that changed since registration (rebinding) cannot reach an internal service.
 */
export function guardedLookup(protocol: string, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refused = addresses.find((a) => !addressAllowed(a.address, protocol, allowPrivate));
      if (refused !== undefined || addresses.length === 0) {
        const message =
          refused === undefined
            ? `${hostname} has no address`
            : `${hostname} resolves to ${refused.address}: ${refusal(protocol, allowPrivate)}`;
        return callback(new AddressRefused(message), '', 0);
      }
      if (options.all) return (callback as (e: null, a: typeof addresses) => void)(null, addresses);
      const first = addresses[0] as { address: string; family: number };
      return callback(null, first.address, first.family);
    });
  };
}
