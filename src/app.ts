import { createYoga, maskError, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Scope } from './authz/scopes.js';
import type { Config } from './config.js';
import type { Context, Services } from './context.js';
import { isDatabaseError } from './db/database-error.js';
import { createAuthenticate } from './http/authenticate.js';
import { corsOptions } from './http/cors-options.js';
import { serviceUnavailable, useRefusalResults } from './http/http-errors.js';
import type { RequestState, RequestStates } from './http/request-state.js';
import { useApiKeyAuth } from './http/use-api-key-auth.js';
import { useArmor } from './http/use-armor.js';
import { useBodyLimits } from './http/use-body-limits.js';
import { useCompiledExecution } from './http/use-compiled-execution.js';
import { useErrorCodes } from './http/use-error-codes.js';
import { useHttpsRequired } from './http/use-https-required.js';
import { useParserLimits } from './http/use-parser-limits.js';
import { useQueryCost } from './http/use-query-cost.js';
import { useRateLimits } from './http/use-rate-limits.js';
import { useReadiness } from './http/use-readiness.js';
import { useRequestBatching } from './http/use-request-batching.js';
import { useRequestId } from './http/use-request-id.js';
import { useRequestLogging } from './http/use-request-logging.js';
import { useUsageRecording } from './http/use-usage-recording.js';
import { useUsageReport } from './http/use-usage-report.js';
import type { KeyCache } from './keys/key-cache.js';
import type { KnownDigests } from './keys/known-digests.js';
import { actorOf } from './keys/verified-key.js';
import { createLedgerLoaders } from './ledger/ledger-loaders.js';
import type { Logger } from './lib/logger.js';
import type { AuthFailureGuard } from './limits/auth-failure-guard.js';
import { schema } from './schema/index.js';

export interface AppDeps {
  config: Config;
  services: Services;
  keyCache: KeyCache;
  knownDigests: KnownDigests;
  guard: AuthFailureGuard;
  /** True once the server is shutting down (readiness answers 503). */
  draining: () => boolean;
  /** With REDIS_URL: whether shared limits and key changes reach Redis now. */
  redis?: (() => 'ok' | 'unreachable') | null;
}

const NO_SCOPES: ReadonlySet<Scope> = new Set();

const GRAPHIQL_QUERY = `# Paste your key into the Headers tab below, then run:
query Me {
  viewer {
    key { id name kind status }
    project { id name plan }
    scopes
  }
}
`;

/**
 * The Yoga app. Its plugins are listed in request order: reading this function top to
 * bottom is reading the request path.
 */
export function createApp({
  config,
  services,
  keyCache,
  knownDigests,
  guard,
  draining,
  redis = null,
}: AppDeps): YogaServerInstance<object, Context> {
  const states: RequestStates = new WeakMap();
  const authenticate = createAuthenticate({
    db: services.db,
    cache: keyCache,
    known: knownDigests,
    clock: services.clock,
    plans: services.plans,
    guard,
  });
  const free = services.plans.FREE;
  const infraError = infraErrorLog(services.logger);
  return createEngine({
    config,
    services,
    context: (request) => buildContext(states.get(request), services),
    plugins: [
      // 1. every request: an id (echoed in Keygate-Request-Id) and the client ip
      useRequestId({ states, trustProxy: config.trustProxy }),
      // 1a. keys over HTTPS only: plain HTTP with a key is refused in production (403);
      //     HSTS when Keygate speaks HTTPS itself
      useHttpsRequired({
        states,
        tls: config.tls !== null,
        required: config.httpsRequired,
        trustProxy: config.trustProxy,
      }),
      // 1b. GET /ready: database reachable and not draining (GET /health: the process lives)
      useReadiness({ db: services.db, draining, redis }),
      // 1c. POST /graphql: JSON only (415), with a Content-Length (411) of at most 100 KB (413)
      useBodyLimits({ states, maxBodyBytes: config.maxBodyBytes }),
      // 2. GET /reports/usage.csv: same key check and limits, needs usage:read, streams CSV
      //    and ends here
      useUsageReport({
        authenticate,
        limits: services.limits,
        clock: services.clock,
        db: services.db,
        logger: services.logger,
        states,
      }),
      // 3. before parsing: key → checksum → digest → cache/db → status; 401 ends it here
      //    (429 for an ip that keeps failing; its impossible keys never reach the database)
      useApiKeyAuth({
        states,
        authenticate,
        publicIntrospection: config.publicIntrospection,
        clock: services.clock,
        onError: infraError,
      }),
      // 4. body read: rate limit (sliding minute) → monthly quota → key usageLimit; 429 ends
      //    it here. Query.rateLimit alone spends nothing. RateLimit headers on the response.
      useRateLimits({
        states,
        limits: services.limits,
        clock: services.clock,
        onError: infraError,
      }),
      // 5. parsing with a token budget: a huge or absurdly nested document is a 400
      useParserLimits({ maxTokens: config.maxTokens }),
      // 5b. validation: at most 15 aliases and 50 directives, and no field suggestions
      ...useArmor({ maxAliases: config.maxAliases, maxDirectives: config.maxDirectives }),
      // 6. validated: priced against the plan's cost and depth budget; over it, refused
      //    before execution. extensions.cost on every priced response.
      useQueryCost({
        states,
        fallback: { maxCost: free.maxCost, maxDepth: free.maxDepth, planName: free.name },
      }),
      // 6b. execution result: every error has an extensions.code (variables → BAD_USER_INPUT)
      useErrorCodes(),
      // 6c. a response refused before execution is written from its prepared body
      useRefusalResults(),
      // 7. execution: Pothos scope-auth checks each field against the grants in the context
      // 8. response: one usage event per request, refused ones included, into the recorder
      useUsageRecording({
        states,
        recorder: services.usage,
        clock: services.clock,
        logger: services.logger,
        regionHeader: config.regionHeader,
      }),
      // 9. response: one JSON log line per request (ids, operation, outcome, status, duration)
      useRequestLogging({ states, logger: services.logger }),
    ],
  });
}

/** Logs why a request could not be decided (it gets a 503). */
function infraErrorLog(logger: Logger): (error: unknown) => void {
  return (error) => logger.error(`request could not be decided (503): ${String(error)}`);
}

export interface EngineOptions {
  config: Config;
  services: Services;
  /** The context of a request's execution. */
  context: (request: Request) => Context;
  /** Keygate's plugins (createApp), in request order; none in the bench's `keygate-bare`. */
  plugins: Plugin[];
}

/**
 * Keygate's GraphQL engine, which every request runs whether or not any Keygate plugin is
 * on: Yoga with the schema, JSON POSTs only, masked errors (a database error is a 503),
 * GraphiQL and CORS as configured, requests batched by event-loop turn (useRequestBatching)
 * and compiled execution (useCompiledExecution; `KEYGATE_JIT=false` runs graphql-js's
 * interpreter instead).
 */
export function createEngine({
  config,
  services,
  context,
  plugins,
}: EngineOptions): YogaServerInstance<object, Context> {
  const infraError = infraErrorLog(services.logger);
  return createYoga<object, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    // JSON bodies only (useBodyLimits): no multipart uploads, no form posts; one operation per
    // request (batching stays off).
    multipart: false,
    batching: false,
    // Yoga's own body limit pipes every body through a counting TransformStream (~30 µs a
    // request here). useBodyLimits refuses a POST without Content-Length (411) or above
    // KEYGATE_MAX_BODY_BYTES (413) before the body is read, and node's HTTP parser never
    // reads past Content-Length, so the stream adds nothing.
    maxRequestBodySize: false,
    logging: services.logger,
    // Unexpected errors are masked (no stack, SQL or path); a database error is a 503.
    maskedErrors: {
      isDev: false,
      maskError(error, message, isDev) {
        const original = (error as { originalError?: unknown }).originalError ?? error;
        if (isDatabaseError(original)) {
          infraError(original);
          return serviceUnavailable();
        }
        return maskError(error, message, isDev);
      },
    },
    graphiql: config.graphiql
      ? {
          title: 'Keygate',
          defaultQuery: GRAPHIQL_QUERY,
          headers: JSON.stringify({ 'X-API-Key': 'kg_sk_live_paste-your-key-here' }, null, 2),
          shouldPersistHeaders: false,
        }
      : false,
    cors: corsOptions(config.corsOrigins),
    context: ({ request }) => context(request),
    // Keygate's plugins first: a request they refuse never waits for a turn.
    plugins: [...plugins, useRequestBatching(), ...(config.jit ? useCompiledExecution() : [])],
  });
}

function buildContext(state: RequestState | undefined, services: Services): Context {
  const auth = state?.auth ?? null;
  const actor = actorOf(auth, state?.ip ?? null);
  return {
    requestId: state?.requestId ?? '',
    ip: actor.ip,
    auth,
    grants: auth?.grants ?? NO_SCOPES,
    actor,
    services,
    loaders: createLedgerLoaders(services.db, actor.projectId),
  };
}
