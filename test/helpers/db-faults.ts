import { sql } from 'kysely';
import { type Db, dialectOf } from '../../src/db/create-db.js';
import { TEST_DIALECT } from './test-db.js';

/**
 * Ways for a test to break the database under a running server, from its own connection
 * (TestDatabase.open()), the same way on both dialects.
 */

/**
 * Renames a table, e.g. to take it away and give it back. Statements that use the old name
 * then fail: SQLite "no such table", PostgreSQL SQLSTATE 42P01; both are errors of the
 * database itself (503, a retried flush), not bugs.
 */
export async function renameTable(db: Db, from: string, to: string): Promise<void> {
  await sql`alter table ${sql.table(from)} rename to ${sql.table(to)}`.execute(db);
}

/** How the dialect under test words a statement on a table that is not there. */
export const MISSING_TABLE: RegExp =
  TEST_DIALECT === 'sqlite' ? /no such table/ : /relation "[a-z_]+" does not exist/;

export interface FailingInsert {
  /** Name of the trigger (and, on PostgreSQL, of its function). */
  name: string;
  table: string;
  /** The row is refused when this column of the new row equals `value`. */
  column: string;
  value: string;
  /** The error's message. */
  message: string;
}

/**
 * Makes the database refuse inserts of one row, like a disk that fails at that write: a
 * trigger raising an error of the database itself (SQLite `RAISE(ABORT)`, a SqliteError;
 * PostgreSQL SQLSTATE 53100 disk_full from a plpgsql function), not a bug in the statement.
 */
export async function addFailingInsert(db: Db, f: FailingInsert): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`create trigger ${sql.id(f.name)} before insert on ${sql.table(f.table)}
      when new.${sql.id(f.column)} = ${sql.lit(f.value)}
      begin select raise(abort, ${sql.lit(f.message)}); end`.execute(db);
    return;
  }
  await sql`create function ${sql.id(f.name)}() returns trigger language plpgsql as $$
    begin
      if new.${sql.id(f.column)} = ${sql.lit(f.value)} then
        raise exception using message = ${sql.lit(f.message)}, errcode = '53100';
      end if;
      return new;
    end
    $$`.execute(db);
  await sql`create trigger ${sql.id(f.name)} before insert on ${sql.table(f.table)}
    for each row execute function ${sql.id(f.name)}()`.execute(db);
}

/** Removes what addFailingInsert added. */
export async function removeFailingInsert(db: Db, f: FailingInsert): Promise<void> {
  if (dialectOf(db) === 'sqlite') {
    await sql`drop trigger ${sql.id(f.name)}`.execute(db);
    return;
  }
  await sql`drop trigger ${sql.id(f.name)} on ${sql.table(f.table)}`.execute(db);
  await sql`drop function ${sql.id(f.name)}()`.execute(db);
}
