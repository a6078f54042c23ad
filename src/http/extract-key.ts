/**
 * The presented key: `X-API-Key`, else `Authorization: Bearer <key>`. Returns null when
 * neither is present, '' when one is present but empty (which then fails verification).
 */
export function extractKey(headers: Headers): string | null {
  const direct = headers.get('x-api-key');
  if (direct !== null) return direct.trim();
  const authorization = headers.get('authorization');
  if (authorization === null) return null;
  const match = /^Bearer[ \t]+(.*)$/i.exec(authorization.trim());
  return match ? (match[1] ?? '').trim() : '';
}
