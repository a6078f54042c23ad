import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';

type Conn = Kysely<Database>;

export interface LeaseState {
  /** This instance holds the lease until `now + ttl`. */
  held: boolean;
  /** Who holds it (this instance or another); null when nobody ever did. */
  holder: string | null;
  /** How far the job has read, as its last holder saved it. */
  checkedUntil: Date | null;
}

/**
 * Takes or renews the lease `name` for `holder` until `now + ttlMs`, when it is free: never
 * taken, expired, or already this holder's. One conditional UPDATE, then an INSERT that does
 * nothing when the row exists — both atomic on SQLite and PostgreSQL, so of several instances
 * trying at once exactly one gets it.
 */
export async function takeLease(
  db: Conn,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<LeaseState> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const renewed = await db
    .updateTable('leases')
    .set({ holder, expires_at: expiresAt })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('holder', '=', holder), eb('expires_at', '<=', now.toISOString())]))
    .executeTakeFirst();
  let held = Number(renewed.numUpdatedRows) === 1;
  if (!held) {
    const inserted = await db
      .insertInto('leases')
      .values({ name, holder, expires_at: expiresAt, checked_until: null })
      .onConflict((oc) => oc.column('name').doNothing())
      .executeTakeFirst();
    held = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
  const row = await db
    .selectFrom('leases')
    .select(['holder', 'checked_until'])
    .where('name', '=', name)
    .executeTakeFirst();
  return {
    held: held && row?.holder === holder,
    holder: row?.holder ?? null,
    checkedUntil: row?.checked_until == null ? null : new Date(row.checked_until),
  };
}

/**
 * Keeps the lease `name` for `holder` until `now + ttlMs`, only if nobody took it since
 * (`holder` is still its holder, expired or not). True when kept. Inside a transaction this is
 * the fence: on PostgreSQL the row stays locked until commit, so no other instance can take
 * the lease before this transaction's writes are in (on SQLite transactions run one at a time).
 */
export async function holdLease(
  db: Conn,
  name: string,
  holder: string,
  now: Date,
  ttlMs: number,
): Promise<boolean> {
  const kept = await db
    .updateTable('leases')
    .set({ expires_at: new Date(now.getTime() + ttlMs).toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .executeTakeFirst();
  return Number(kept.numUpdatedRows) === 1;
}

/** Saves the job's progress, if `holder` still holds the lease. */
export async function saveLeaseProgress(
  db: Conn,
  name: string,
  holder: string,
  checkedUntil: Date,
): Promise<void> {
  await db
    .updateTable('leases')
    .set({ checked_until: checkedUntil.toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}

/** Who holds the lease `name` (expired or not); null when nobody ever did. */
export async function leaseHolder(db: Conn, name: string): Promise<string | null> {
  const row = await db
    .selectFrom('leases')
    .select('holder')
    .where('name', '=', name)
    .executeTakeFirst();
  return row?.holder ?? null;
}

/** Lets the lease go at once (a clean shutdown), so that another instance takes over. */
export async function releaseLease(
  db: Conn,
  name: string,
  holder: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('leases')
    .set({ expires_at: now.toISOString() })
    .where('name', '=', name)
    .where('holder', '=', holder)
    .execute();
}
