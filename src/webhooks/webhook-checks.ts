import { type Expression, type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/create-db.js';
import type { Database } from '../db/database.js';
import type { ApiKey } from '../keys/api-key.js';
import type { Plans } from '../limits/plans.js';
import { monthOf } from '../limits/quota-store.js';
import { keyEventData } from './key-webhook-event.js';
import { enqueueWebhookEvent } from './webhook-events.js';
import { markOnce } from './webhook-repository.js';

const DAY_MS = 86_400_000;
/** key.expiring is sent this long before a key's expiry or rotation due date. */
export const EXPIRING_NOTICE_MS = 7 * DAY_MS;
/** quota.threshold is sent when a project's monthly usage reaches these percentages. */
export const QUOTA_THRESHOLDS = [80, 100] as const;

/**
 * The periodic events, each queued once per (type, subject, period) however often and on
 * however many instances this runs: the mark and the event are written in one transaction.
 * Resolves with the number of events queued.
 */
export async function runWebhookChecks(db: Db, plans: Plans, now: Date): Promise<number> {
  return (await checkExpiringKeys(db, now)) + (await checkQuotaThresholds(db, plans, now));
}

/**
 * How long after a key's rotation due date key.expiring is still sent: the runs of that long
 * (every instance down) are caught up, and a key already overdue by no more than this when
 * the check first sees it (its project's policy was just set) is notified too. Keys overdue
 * by more are left alone (keys(filter: { dueForRotation: true }) lists them): the check
 * reads only keys whose due date is in [now - lookback, now + 7 days], not every key.
 */
export const ROTATION_LOOKBACK_MS = 2 * DAY_MS;

/** What key.expiring says about a key, read without anything else. */
const KEY_COLUMNS = [
  'api_keys.id',
  'api_keys.project_id',
  'api_keys.name',
  'api_keys.kind',
  'api_keys.environment',
  'api_keys.hint',
  'api_keys.scopes',
  'api_keys.expires_at',
  'api_keys.created_at',
] as const;

/**
 * key.expiring: an ACTIVE project key (not revoked, rotating or disabled) whose expiresAt is
 * at most 7 days away, or whose project's rotation policy makes it due for rotation within
 * 7 days (createdAt + maxKeyAgeDays; also when already overdue, by at most
 * ROTATION_LOOKBACK_MS). Once per key per due date: keys already notified are left out in
 * SQL (anti-join on webhook_marks), and each query is a range of an index.
 */
async function checkExpiringKeys(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + EXPIRING_NOTICE_MS).toISOString();
  const live = db
    .selectFrom('api_keys')
    .select(KEY_COLUMNS)
    .where('api_keys.revoked_at', 'is', null)
    .where('api_keys.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', at)]),
    );
  const unmarked =
    (period: Expression<string>) =>
    ({ not, exists, selectFrom }: ExpressionBuilder<Database, 'api_keys'>) =>
      not(
        exists(
          selectFrom('webhook_marks')
            .select('webhook_marks.subject')
            .where('webhook_marks.type', '=', 'key.expiring')
            .whereRef('webhook_marks.subject', '=', 'api_keys.id')
            .where('webhook_marks.period', '=', period),
        ),
      );
  const expiring = await live
    .where('api_keys.project_id', 'is not', null)
    .where('api_keys.expires_at', '<=', soon)
    .where(unmarked(sql.ref<string>('api_keys.expires_at')))
    .execute();
  let queued = 0;
  for (const row of expiring) {
    queued += await queueOnce(db, 'key.expiring', row.id, row.expires_at as string, {
      projectId: row.project_id as string,
      type: 'key.expiring',
      at: now,
      data: { key: keyDataOf(row), reason: 'EXPIRY', dueAt: row.expires_at },
    });
  }
  const policies = await db
    .selectFrom('projects')
    .select(['id', 'rotation_max_key_age_days'])
    .where('rotation_max_key_age_days', 'is not', null)
    .execute();
  for (const project of policies) {
    const days = Number(project.rotation_max_key_age_days);
    const maxAgeMs = days * DAY_MS;
    // Due (createdAt + maxAge) in [now - lookback, now + notice]: a created_at range.
    const createdFrom = new Date(now.getTime() - ROTATION_LOOKBACK_MS - maxAgeMs).toISOString();
    const createdTo = new Date(now.getTime() + EXPIRING_NOTICE_MS - maxAgeMs).toISOString();
    const prefix = rotationPeriodPrefix(days);
    const due = await live
      .where('api_keys.project_id', '=', project.id)
      .where('api_keys.created_at', '>=', createdFrom)
      .where('api_keys.created_at', '<=', createdTo)
      .where(unmarked(sql<string>`cast(${prefix} as text) || api_keys.created_at`))
      .execute();
    for (const row of due) {
      const dueAt = new Date(new Date(row.created_at).getTime() + maxAgeMs).toISOString();
      queued += await queueOnce(db, 'key.expiring', row.id, `${prefix}${row.created_at}`, {
        projectId: project.id,
        type: 'key.expiring',
        at: now,
        data: { key: keyDataOf(row), reason: 'ROTATION_DUE', dueAt },
      });
    }
  }
  return queued;
}

/**
 * The mark period of a rotation notice is `rotation:<maxKeyAgeDays>d:<createdAt>`: one due
 * date per key and policy, and comparable in SQL without date arithmetic.
 */
function rotationPeriodPrefix(maxKeyAgeDays: number): string {
  return `rotation:${maxKeyAgeDays}d:`;
}

function keyDataOf(row: {
  id: string;
  project_id: string | null;
  name: string;
  kind: string;
  environment: string;
  hint: string;
  scopes: string;
  expires_at: string | null;
}) {
  return keyEventData({
    id: row.id,
    projectId: row.project_id,
    name: row.name,
    kind: row.kind as ApiKey['kind'],
    environment: row.environment as ApiKey['environment'],
    hint: row.hint,
    scopes: JSON.parse(row.scopes) as ApiKey['scopes'],
    expiresAt: row.expires_at === null ? null : new Date(row.expires_at),
  });
}

/**
 * quota.threshold: a project's requests this month (UTC), as counted against its plan's
 * monthly quota, reached 80 % or 100 % of it. Once per project, month and threshold.
 */
async function checkQuotaThresholds(db: Db, plans: Plans, now: Date): Promise<number> {
  const month = monthOf(now.getTime());
  const rows = await db
    .selectFrom('usage_quota_monthly as u')
    .innerJoin('projects as p', 'p.id', 'u.project_id')
    .select(['p.id', 'p.plan', 'u.requests'])
    .where('u.month', '=', month)
    .execute();
  const marked = new Set(
    (
      await db
        .selectFrom('webhook_marks')
        .select(['subject', 'period'])
        .where('type', '=', 'quota.threshold')
        .where('period', 'like', `${month}:%`)
        .execute()
    ).map((m) => `${m.subject} ${m.period}`),
  );
  let queued = 0;
  for (const row of rows) {
    const quota = plans[row.plan as keyof Plans]?.monthlyQuota ?? null;
    if (quota === null) continue;
    const used = Number(row.requests);
    for (const threshold of QUOTA_THRESHOLDS) {
      const period = `${month}:${threshold}`;
      if (used * 100 < quota * threshold || marked.has(`${row.id} ${period}`)) continue;
      queued += await queueOnce(db, 'quota.threshold', row.id, period, {
        projectId: row.id,
        type: 'quota.threshold',
        at: now,
        data: { projectId: row.id, month, threshold, used, quota, plan: row.plan },
      });
    }
  }
  return queued;
}

async function queueOnce(
  db: Db,
  type: string,
  subject: string,
  period: string,
  event: Parameters<typeof enqueueWebhookEvent>[1],
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    if (!(await markOnce(trx, { type, subject, period, at: event.at }))) return 0;
    await enqueueWebhookEvent(trx, event);
    return 1;
  });
}
