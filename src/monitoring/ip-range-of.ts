import ipaddr from 'ipaddr.js';

/**
 * The range an address belongs to for NEW_IP_RANGE: its /24 for IPv4 (`203.0.113.0/24`), its
 * /48 for IPv6 (`2001:db8:1::/48`); an IPv4-mapped IPv6 address counts as IPv4. null for
 * anything that is not an address.
 */
export function ipRangeOf(ip: string): string | null {
  if (!ipaddr.isValid(ip)) return null;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') {
    const [a, b, c] = address.toByteArray();
    return `${a}.${b}.${c}.0/24`;
  }
  const parts = (address as ipaddr.IPv6).parts.slice(0, 3);
  return `${new ipaddr.IPv6([...parts, 0, 0, 0, 0, 0]).toString()}/48`;
}
