/**
 * Scratch PostgreSQL databases for the bench: `keygate_bench_<pid>_<n>`, created from
 * BENCH_DATABASE_URL (a database to connect to for CREATE DATABASE) and dropped again —
 * after use, and on failure or Ctrl-C through `dropAll`.
 */
import pg from 'pg';

export const DEFAULT_BENCH_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** BENCH_DATABASE_URL, or null when it is `off` (the PostgreSQL rows are then skipped). */
export function benchDatabaseUrl(env = process.env): string | null {
  const url = env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL;
  return url === 'off' ? null : url;
}

/** The URL without its password, for output. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.password = '';
    return parsed.toString();
  } catch {
    return 'postgres (unparsable URL)';
  }
}

export type Created = { ok: true; url: string; name: string } | { ok: false; reason: string };

/**
 * Creates and drops the bench's databases on the server behind `adminUrl`. Every database it
 * created and has not dropped yet is dropped by `dropAll` (WITH (FORCE): connections a
 * target or a run still holds do not stop it).
 */
export class BenchDatabases {
  readonly #adminUrl: string;
  readonly #live = new Set<string>();
  #next = 1;

  constructor(adminUrl: string) {
    this.#adminUrl = adminUrl;
  }

  /**
   * A fresh, empty database; `{ ok: false }` with a sentence saying why when PostgreSQL is
   * unreachable or refuses (never throws for that).
   */
  async create(): Promise<Created> {
    const name = `keygate_bench_${process.pid}_${this.#next++}`;
    const client = new pg.Client({
      connectionString: this.#adminUrl,
      connectionTimeoutMillis: 3_000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      return {
        ok: false,
        reason: `PostgreSQL unreachable at ${displayUrl(this.#adminUrl)} (${message(error)})`,
      };
    }
    try {
      await client.query(`create database ${name}`);
      this.#live.add(name);
    } catch (error) {
      return {
        ok: false,
        reason: `cannot create a database at ${displayUrl(this.#adminUrl)} (${message(error)})`,
      };
    } finally {
      await client.end().catch(() => {});
    }
    const url = new URL(this.#adminUrl);
    url.pathname = `/${name}`;
    return { ok: true, url: url.toString(), name };
  }

  async drop(name: string): Promise<void> {
    if (!this.#live.has(name)) return;
    const client = new pg.Client({
      connectionString: this.#adminUrl,
      connectionTimeoutMillis: 3_000,
    });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      this.#live.delete(name);
    } finally {
      await client.end().catch(() => {});
    }
  }

  async dropAll(): Promise<void> {
    for (const name of [...this.#live]) {
      await this.drop(name).catch((error: unknown) => {
        process.stderr.write(`could not drop the bench database ${name}: ${message(error)}\n`);
      });
    }
  }
}

/** `server_version`, `synchronous_commit` and `fsync` of the server behind `url`, in words. */
export async function describeServer(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const show = async (setting: string) =>
      ((await client.query(`show ${setting}`)).rows[0] as Record<string, string>)[setting];
    return (
      `PostgreSQL ${await show('server_version')}, synchronous_commit=${await show('synchronous_commit')}, ` +
      `fsync=${await show('fsync')}, shared_buffers=${await show('shared_buffers')}`
    );
  } catch (error) {
    return `PostgreSQL (settings unreadable: ${message(error)})`;
  } finally {
    await client.end().catch(() => {});
  }
}

function message(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return message(error.errors[0]);
  return error instanceof Error ? error.message || error.name : String(error);
}
