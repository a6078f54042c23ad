import type { Actor } from './authz/actor.js';
import type { Scope } from './authz/scopes.js';
import type { Db } from './db/create-db.js';
import type { KeyService } from './keys/key-service.js';
import type { VerifiedKey } from './keys/verified-key.js';
import type { LedgerLoaders } from './ledger/ledger-loaders.js';
import type { LedgerService } from './ledger/ledger-service.js';
import type { Clock } from './lib/clock.js';
import type { Logger } from './lib/logger.js';
import type { Plans } from './limits/plans.js';
import type { RequestLimits } from './limits/request-limits.js';
import type { AnomalyService } from './monitoring/anomaly-service.js';
import type { ProjectService } from './projects/project-service.js';
import type { UsageRecorder } from './usage/usage-recorder.js';
import type { WebhookService } from './webhooks/webhook-service.js';

/** The long-lived collaborators, built once by createServer. */
export interface Services {
  db: Db;
  clock: Clock;
  plans: Plans;
  limits: RequestLimits;
  keys: KeyService;
  projects: ProjectService;
  ledger: LedgerService;
  usage: UsageRecorder;
  logger: Logger;
  anomalies: AnomalyService;
  webhooks: WebhookService;
}

/** What every resolver sees. Built once per request, after the key is verified. */
export interface Context {
  requestId: string;
  ip: string | null;
  /** The verified key; null only for a keyless introspection request (KEYGATE_PUBLIC_INTROSPECTION). */
  auth: VerifiedKey | null;
  /** The scopes this request may use, computed once when the key was verified. */
  grants: ReadonlySet<Scope>;
  actor: Actor;
  services: Services;
  loaders: LedgerLoaders;
}
