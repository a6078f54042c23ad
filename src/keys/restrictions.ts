import ipaddr from 'ipaddr.js';

/** The most entries an allow-list may hold. */
export const MAX_ALLOW_LIST = 100;

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** Where a key may be used from, compiled once per verified key. */
export interface Restrictions {
  /** null: any address. */
  ips: readonly Cidr[] | null;
  /** null: any origin. */
  origins: readonly OriginPattern[] | null;
}

interface OriginPattern {
  scheme: string;
  /** The exact host, or for `*.example.com` the suffix `.example.com`. */
  host: string;
  wildcard: boolean;
  port: string;
}

function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const address = ipaddr.parse(text);
  // An IPv4 client on a dual-stack socket shows as ::ffff:a.b.c.d: match it as IPv4.
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
    ? (address as ipaddr.IPv6).toIPv4Address()
    : address;
}

function parseCidr(entry: string): Cidr {
  if (entry.includes('/')) return ipaddr.parseCIDR(entry);
  const address = parseAddress(entry);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/**
 * Validates and normalises an IP allow-list: IPv4 or IPv6 addresses and CIDR ranges
 * (`203.0.113.0/24`, `2001:db8::/32`). Returns the canonical entries or the first bad one.
 */
export function normalizeAllowedIps(
  entries: readonly string[],
): { ok: true; value: string[] } | { ok: false; message: string } {
  if (entries.length > MAX_ALLOW_LIST) {
    return { ok: false, message: `allowedIps holds at most ${MAX_ALLOW_LIST} entries` };
  }
  const out: string[] = [];
  for (const entry of entries) {
    const text = entry.trim();
    try {
      const [address, bits] = parseCidr(text);
      out.push(text.includes('/') ? `${address.toNormalizedString()}/${bits}` : address.toString());
    } catch {
      return {
        ok: false,
        message: `allowedIps: "${entry.slice(0, 64)}" is not an IPv4/IPv6 address or CIDR range`,
      };
    }
  }
  return { ok: true, value: [...new Set(out)] };
}

const ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?$/;

/**
 * Validates and normalises an Origin allow-list: `https://app.example.com`,
 * `http://localhost:3000`, or `https://*.example.com` (any subdomain, at any depth, of
 * example.com — not example.com itself). No paths, no other wildcards.
 */
export function normalizeAllowedOrigins(
  entries: readonly string[],
): { ok: true; value: string[] } | { ok: false; message: string } {
  if (entries.length > MAX_ALLOW_LIST) {
    return { ok: false, message: `allowedOrigins holds at most ${MAX_ALLOW_LIST} entries` };
  }
  const out: string[] = [];
  for (const entry of entries) {
    const text = entry.trim().toLowerCase().replace(/\/$/, '');
    const m = ORIGIN.exec(text);
    if (m === null || (m[4] !== undefined && Number(m[4]) > 65535)) {
      return {
        ok: false,
        message: `allowedOrigins: "${entry.slice(0, 100)}" is not an origin like https://app.example.com or https://*.example.com`,
      };
    }
    out.push(text);
  }
  return { ok: true, value: [...new Set(out)] };
}

function defaultPort(scheme: string): string {
  return scheme === 'https' ? '443' : '80';
}

/** Any address, any origin: what most keys have, one value for all of them. */
const UNRESTRICTED: Restrictions = Object.freeze({ ips: null, origins: null });

export function compileRestrictions(
  allowedIps: readonly string[],
  allowedOrigins: readonly string[],
): Restrictions {
  if (allowedIps.length === 0 && allowedOrigins.length === 0) return UNRESTRICTED;
  return {
    ips: allowedIps.length === 0 ? null : allowedIps.map(parseCidr),
    origins:
      allowedOrigins.length === 0
        ? null
        : allowedOrigins.map((o) => {
            const m = ORIGIN.exec(o) as RegExpExecArray;
            const scheme = m[1] as string;
            return {
              scheme,
              host: m[2] ? `.${m[3]}` : (m[3] as string),
              wildcard: m[2] !== undefined,
              port: m[4] ?? defaultPort(scheme),
            };
          }),
  };
}

function ipAllowed(ips: readonly Cidr[], ip: string | null): boolean {
  if (ip === null) return false;
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    address = parseAddress(ip);
  } catch {
    return false;
  }
  return ips.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/** The request's origin: its Origin header, else the origin of its Referer. */
function requestOrigin(origin: string | null, referer: string | null): URL | null {
  for (const candidate of [origin, referer]) {
    if (candidate === null || candidate === '' || candidate === 'null') continue;
    try {
      return new URL(candidate);
    } catch {
      return null;
    }
  }
  return null;
}

function originAllowed(
  patterns: readonly OriginPattern[],
  origin: string | null,
  referer: string | null,
): boolean {
  const url = requestOrigin(origin, referer);
  if (url === null) return false;
  const scheme = url.protocol.replace(/:$/, '');
  const host = url.hostname.toLowerCase();
  const port = url.port === '' ? defaultPort(scheme) : url.port;
  return patterns.some(
    (p) =>
      p.scheme === scheme &&
      p.port === port &&
      (p.wildcard ? host.endsWith(p.host) && host.length > p.host.length : host === p.host),
  );
}

/** Why a request may not use the key from where it comes, or null when it may. */
export function restrictionViolation(
  restrictions: Restrictions,
  request: { ip: string | null; origin: string | null; referer: string | null },
): string | null {
  if (restrictions.ips !== null && !ipAllowed(restrictions.ips, request.ip)) {
    return `this API key may not be used from ${request.ip ?? 'an unknown address'}: it is not in the key's allowedIps`;
  }
  if (
    restrictions.origins !== null &&
    !originAllowed(restrictions.origins, request.origin, request.referer)
  ) {
    const shown = request.origin ?? request.referer;
    return shown
      ? `this API key may not be used from origin ${requestOrigin(request.origin, request.referer)?.origin ?? 'unknown'}: it is not in the key's allowedOrigins`
      : 'this API key may only be used from its allowedOrigins, and the request has no Origin or Referer';
  }
  return null;
}
