import type { Db } from '../db/create-db.js';
import { apiKeyFromRow } from '../keys/api-key.js';
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
 * key.expiring: an ACTIVE project key (not revoked, rotating or disabled) whose expiresAt is
 * at most 7 days away, or whose project's rotation policy makes it due for rotation within
 * 7 days (createdAt + maxKeyAgeDays; also when already overdue). Once per key per due date.
 */
async function checkExpiringKeys(db: Db, now: Date): Promise<number> {
  const at = now.toISOString();
  const soon = new Date(now.getTime() + EXPIRING_NOTICE_MS).toISOString();
  const live = db
    .selectFrom('api_keys')
    .selectAll('api_keys')
    .where('api_keys.project_id', 'is not', null)
    .where('api_keys.revoked_at', 'is', null)
    .where('api_keys.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([eb('api_keys.expires_at', 'is', null), eb('api_keys.expires_at', '>', at)]),
    );
  const expiring = await live
    .where('api_keys.expires_at', '<=', soon)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_marks')
            .select('webhook_marks.subject')
            .where('webhook_marks.type', '=', 'key.expiring')
            .whereRef('webhook_marks.subject', '=', 'api_keys.id')
            .whereRef('webhook_marks.period', '=', 'api_keys.expires_at'),
        ),
      ),
    )
    .execute();
  let queued = 0;
  for (const row of expiring) {
    const key = apiKeyFromRow(row);
    queued += await queueOnce(db, 'key.expiring', key.id, row.expires_at as string, {
      projectId: key.projectId as string,
      type: 'key.expiring',
      at: now,
      data: { key: keyEventData(key), reason: 'EXPIRY', dueAt: row.expires_at },
    });
  }
  const policies = await db
    .selectFrom('projects')
    .select(['id', 'rotation_max_key_age_days'])
    .where('rotation_max_key_age_days', 'is not', null)
    .execute();
  for (const project of policies) {
    const maxAgeMs = (project.rotation_max_key_age_days as number) * DAY_MS;
    const createdBefore = new Date(now.getTime() + EXPIRING_NOTICE_MS - maxAgeMs).toISOString();
    const due = await live
      .where('api_keys.project_id', '=', project.id)
      .where('api_keys.created_at', '<=', createdBefore)
      .execute();
    const marked = await rotationMarks(
      db,
      due.map((row) => row.id),
    );
    for (const row of due) {
      const key = apiKeyFromRow(row);
      const dueAt = new Date(key.createdAt.getTime() + maxAgeMs).toISOString();
      if (marked.has(`${key.id} rotation:${dueAt}`)) continue;
      queued += await queueOnce(db, 'key.expiring', key.id, `rotation:${dueAt}`, {
        projectId: project.id,
        type: 'key.expiring',
        at: now,
        data: { key: keyEventData(key), reason: 'ROTATION_DUE', dueAt },
      });
    }
  }
  return queued;
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

/** Key ids per query: far below SQLite's and PostgreSQL's limits on bound parameters. */
const CHUNK = 500;

/** `<key id> <period>` of the rotation notices already sent to these keys. */
async function rotationMarks(db: Db, keyIds: string[]): Promise<Set<string>> {
  const marks = new Set<string>();
  for (let i = 0; i < keyIds.length; i += CHUNK) {
    const rows = await db
      .selectFrom('webhook_marks')
      .select(['subject', 'period'])
      .where('type', '=', 'key.expiring')
      .where('subject', 'in', keyIds.slice(i, i + CHUNK))
      .where('period', 'like', 'rotation:%')
      .execute();
    for (const m of rows) marks.add(`${m.subject} ${m.period}`);
  }
  return marks;
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
