import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { ALL_SCOPES } from './authz/scopes.js';
import { scan } from './cli/scan.js';
import { type Config, ConfigError, databaseName, loadConfig } from './config.js';
import { hashKey } from './keys/hash-key.js';
import { createMemoryKeyChangeBus } from './keys/key-change-bus.js';
import { KeyService } from './keys/key-service.js';
import { announceKeyChange } from './keys/redis-key-change-bus.js';
import { systemClock } from './lib/clock.js';
import { createServer, type KeygateServer, openDatabase } from './server.js';
import { parseUsageReportInput, usageReportCsv, usageReportPages } from './usage/usage-report.js';

const USAGE = `usage: keygate <command>

  serve                        migrate the database, then serve GraphQL (and GraphiQL) at /graphql
  migrate                      apply pending database migrations and exit
  admin-key create --name NAME print a new admin key's secret on stdout (and nothing else)
  usage --from ISO --to ISO [--project ID] [--granularity HOUR|DAY] [--format csv|json]
                               print usage rows per bucket, project, key and outcome on stdout
                               (all projects without --project; granularity DAY, format csv
                               by default; HOUR covers at most 31 days, DAY 366)
  scan [PATH…] [--json] [--revoke] [--verbose]
                               report every Keygate key in the files under PATH (default .,
                               honouring .gitignore) by hint, and exit 1 when there is one;
                               --revoke also revokes them (KEYGATE_ADMIN_KEY, KEYGATE_URL)

Configuration comes from environment variables; see the README.`;

async function serve(): Promise<void> {
  const config = loadConfig();
  // A signal from the first moment on is a graceful stop, but only once the start is over:
  // a bootstrap admin key created by this start is always printed before the process ends.
  let closing = false;
  let started: Promise<KeygateServer | null> = Promise.resolve(null);
  const stop = (signal: string) => {
    if (closing) return;
    closing = true;
    process.stderr.write(`${signal}: finishing in-flight requests…\n`);
    started
      .then((server) => server?.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  started = start(config);
  await started;
}

/** Builds the server, listens, and creates and prints the first admin key if none exists. */
async function start(config: Config): Promise<KeygateServer> {
  const server = await createServer(config);
  // Listen first: a key created by a start that then fails to bind would never be shown.
  const url = await server.listen();
  const secret = await server.bootstrapAdminKey();
  process.stderr.write(`Keygate is serving ${url} (database ${databaseName(config)})\n`);
  if (secret !== null) {
    process.stdout.write(
      [
        '',
        'This database had no admin key, so one was created. It is shown this once and never stored:',
        '',
        `  ${secret}`,
        '',
        `Open ${url}, put it in the Headers tab as {"X-API-Key": "…"}, or create more with`,
        '`npx keygate admin-key create --name NAME`.',
        '',
      ].join('\n'),
    );
  }
  return server;
}

async function migrate(): Promise<void> {
  const db = await openDatabase(loadConfig());
  await db.destroy();
  process.stderr.write('database is up to date\n');
}

async function createAdminKey(args: string[]): Promise<void> {
  let values: { name?: string | undefined };
  try {
    ({ values } = parseArgs({ args, options: { name: { type: 'string' } } }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const name = values.name?.trim();
  if (!name) throw new UsageError('admin-key create needs --name NAME');
  const config = loadConfig();
  const db = await openDatabase(config);
  try {
    const keys = new KeyService({
      db,
      clock: systemClock,
      bus: createMemoryKeyChangeBus(),
      plans: config.plans,
    });
    const { secret } = await keys.createAdminKey(name, ALL_SCOPES);
    process.stdout.write(`${secret}\n`);
    if (config.redisUrl !== null) {
      // Running instances learn the new digest at once (their filter of known keys).
      const redis = new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 });
      redis.on('error', () => {});
      const told = await announceKeyChange(redis, config.redisPrefix, {
        created: hashKey(secret),
      });
      redis.disconnect();
      if (!told) {
        process.stderr.write(
          'warning: Redis was not reachable; running instances learn of the new key when they next reload their key filter\n',
        );
      }
    }
  } finally {
    await db.destroy();
  }
}

async function usage(args: string[]): Promise<void> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        project: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        granularity: { type: 'string' },
        format: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const format = values.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') {
    throw new UsageError(`usage: --format must be csv or json; got "${format}"`);
  }
  if (values.project !== undefined && values.project.trim() === '') {
    throw new UsageError('usage: --project needs a project id (leave it out for all projects)');
  }
  const parsed = parseUsageReportInput({
    projectId: values.project,
    from: values.from,
    to: values.to,
    granularity: values.granularity,
  });
  if (!parsed.ok) throw new UsageError(`usage: ${parsed.message}`);
  const db = await openDatabase(loadConfig());
  try {
    const pages = usageReportPages(db, parsed.value);
    if (format === 'csv') {
      for await (const chunk of usageReportCsv(pages)) await write(chunk);
    } else {
      // One object per line inside one JSON array: valid JSON, written as it is read.
      let separator = '\n';
      await write('[');
      for await (const page of pages) {
        let text = '';
        for (const row of page) {
          text += `${separator}  ${JSON.stringify(row)}`;
          separator = ',\n';
        }
        await write(text);
      }
      await write(separator === '\n' ? ']\n' : '\n]\n');
    }
  } finally {
    await db.destroy();
  }
}

/** Writes to stdout, waiting when the pipe is full. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === 'serve') return serve();
  if (command === 'migrate') return migrate();
  if (command === 'admin-key' && rest[0] === 'create') return createAdminKey(rest.slice(1));
  if (command === 'usage') return usage(rest);
  if (command === 'scan') {
    const scanned = await scan(rest, process.env);
    if (!scanned.ok) throw new UsageError(scanned.message);
    process.exitCode = scanned.value;
    return;
  }
  if (command === undefined || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  throw new UsageError(`unknown command: ${argv.join(' ')}`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`${error.message}\n\n${USAGE}\n`);
  else if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`keygate: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
