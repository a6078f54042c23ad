import type { Plugin } from 'graphql-yoga';
import ipaddr from 'ipaddr.js';
import { extractKey } from './extract-key.js';
import { errorResponse } from './http-errors.js';
import type { RequestStates } from './request-state.js';

export interface HttpsRequiredOptions {
  states: RequestStates;
  /** The server itself speaks HTTPS (KEYGATE_TLS_CERT/KEY): every request is secure. */
  tls: boolean;
  /** Refuse keys over plain HTTP (NODE_ENV=production). */
  required: boolean;
  /** Whether X-Forwarded-Proto from a proxy is believed (KEYGATE_TRUST_PROXY). */
  trustProxy: boolean | number;
}

/** One year, subdomains included: browsers stop trying plain HTTP at all. */
export const HSTS = 'max-age=31536000; includeSubDomains';

function isLoopback(ip: string | null): boolean {
  if (ip === null) return false;
  try {
    const address = ipaddr.process(ip);
    return address.range() === 'loopback';
  } catch {
    return false;
  }
}

/**
 * Keys must travel over HTTPS. When Keygate speaks HTTPS itself every response carries
 * `Strict-Transport-Security`. In production, a request that carries a key over plain HTTP
 * is refused with 403 HTTPS_REQUIRED, unless it comes from loopback or through a trusted
 * proxy that says (X-Forwarded-Proto) the client used HTTPS.
 */
export function useHttpsRequired({
  states,
  tls,
  required,
  trustProxy,
}: HttpsRequiredOptions): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (tls || !required || extractKey(request.headers) === null) return;
      const state = states.get(request);
      const forwardedProto = request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim();
      if (trustProxy !== false && forwardedProto === 'https') return;
      if (isLoopback(state?.ip ?? null)) return;
      if (state) state.metered = true;
      endResponse(
        errorResponse(
          fetchAPI,
          403,
          'HTTPS_REQUIRED',
          'API keys must be sent over HTTPS; this one travelled in plain text, so consider rotating it',
        ),
      );
    },
    onResponse({ response }) {
      if (tls) response.headers.set('Strict-Transport-Security', HSTS);
    },
  };
}
