import { execFile } from 'node:child_process';
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import ignore, { type Ignore } from 'ignore';
import { keyHint } from '../keys/key-format.js';
import { MAX_LEAKED_SECRETS } from '../keys/key-service.js';
import { err, ok, type Result } from '../lib/result.js';
import { findKeys, type KeyFind, redactKeys } from './find-keys.js';

export const DEFAULT_KEYGATE_URL = 'http://127.0.0.1:4000/graphql';
/** Larger files are skipped: keys live in source and config, not in dumps. */
const MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A NUL byte this early means a binary file, which is skipped. */
const BINARY_PROBE_BYTES = 8192;
/** Never scanned, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

const REVOKE_LEAKED = `mutation RevokeLeaked($secrets: [String!]!) {
  revokeLeakedKeys(secrets: $secrets) { index outcome keyId projectId hint }
}`;

interface FileFind extends KeyFind {
  file: string;
}

interface Revocation {
  outcome: string;
  keyId: string | null;
  projectId: string | null;
}

interface Target {
  /** The path as printed: the PATH argument joined with the path below it. */
  display: string;
  path: string;
  /** Named on the command line: scanned even when ignored, followed when a symlink. */
  explicit: boolean;
}

/**
 * `keygate scan [PATH…] [--json] [--revoke] [--verbose]`: reports every Keygate key (valid
 * check characters) in the files under PATH (default `.`), honouring .gitignore, and prints
 * only hints, never a secret. Resolves with the exit code: 1 when a key was found (even when
 * `--revoke` revoked it) or the server could not be asked, else 0; a usage error is a value.
 * `env` supplies KEYGATE_ADMIN_KEY and KEYGATE_URL for `--revoke`, and git's variables.
 */
export async function scan(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<Result<0 | 1, 'USAGE'>> {
  let values: { json?: boolean; revoke?: boolean; verbose?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        revoke: { type: 'boolean' },
        verbose: { type: 'boolean' },
      },
    }));
  } catch (error) {
    return err('USAGE', `scan: ${error instanceof Error ? error.message : String(error)}`);
  }

  let server: { url: string; adminKey: string } | null = null;
  if (values.revoke) {
    const adminKey = env.KEYGATE_ADMIN_KEY?.trim();
    if (!adminKey) return err('USAGE', 'scan --revoke needs an admin key in KEYGATE_ADMIN_KEY');
    const url = env.KEYGATE_URL?.trim() || DEFAULT_KEYGATE_URL;
    if (!URL.canParse(url)) return err('USAGE', `scan: KEYGATE_URL is not a URL: "${url}"`);
    server = { url, adminKey };
  }

  const listed = await listTargets(positionals.length > 0 ? positionals : ['.'], env);
  if (!listed.ok) return listed;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const finds: FileFind[] = [];
  let scanned = 0;
  for (const target of listed.value) {
    const read = await readText(target);
    if (!read.ok) {
      if (read.code === 'UNREADABLE') log(`scan: cannot read ${target.display}: ${read.message}`);
      else if (values.verbose) log(`scan: skipped ${target.display}: ${read.message}`);
      continue;
    }
    scanned += 1;
    for (const find of findKeys(read.value)) finds.push({ file: target.display, ...find });
  }

  let revocations: (Revocation | undefined)[] | null = null;
  let failure: string | null = null;
  if (server !== null && finds.length > 0) {
    const secrets = [...new Set(finds.map((find) => find.secret))];
    const revoked = await revokeLeakedKeys(server.url, server.adminKey, secrets);
    const position = new Map(secrets.map((secret, i) => [secret, i]));
    // Nothing answered (server down, wrong key…): the plain report, then the reason.
    if (revoked.answers.some((answer) => answer !== undefined)) {
      revocations = finds.map((find) => revoked.answers[position.get(find.secret) ?? -1]);
    }
    if (revoked.failure !== null) {
      failure = `scan: could not revoke the keys found at ${server.url}: ${revoked.failure}`;
    }
  }

  process.stdout.write(report(finds, revocations, values.json === true));
  const files = new Set(finds.map((find) => find.file)).size;
  if (values.verbose) log(`scan: ${scanned} file(s) scanned`);
  log(`${finds.length} Keygate key(s) found in ${files} file(s)`);
  if (failure !== null) log(redactKeys(failure));
  return ok(finds.length > 0 || failure !== null ? 1 : 0);
}

/** The stdout text: a line per find, or a JSON array; hints only. */
function report(
  finds: FileFind[],
  revocations: (Revocation | undefined)[] | null,
  json: boolean,
): string {
  if (json) {
    const rows = finds.map(({ file, line, kind, environment, secret }, i) => ({
      file,
      line,
      kind,
      environment,
      hint: keyHint(secret),
      ...(revocations ? { revoke: revocations[i] ?? null } : {}),
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
  }
  return finds
    .map(({ file, line, kind, environment, secret }, i) => {
      const where = `${file}:${line}:`;
      if (revocations === null) return `${where} ${kind} ${environment} key ${keyHint(secret)}\n`;
      return `${where} ${keyHint(secret)} → ${describe(revocations[i])}\n`;
    })
    .join('');
}

function describe(revocation: Revocation | undefined): string {
  if (revocation === undefined) return 'NOT REVOKED (no answer from the server)';
  const ids = [
    revocation.keyId,
    revocation.projectId === null ? null : `project ${revocation.projectId}`,
  ].filter((id) => id !== null);
  return ids.length > 0 ? `${revocation.outcome} (${ids.join(', ')})` : revocation.outcome;
}

/** The files to scan, in a stable order, each once. A PATH that does not exist is a usage error. */
async function listTargets(
  paths: string[],
  env: Record<string, string | undefined>,
): Promise<Result<Target[], 'USAGE'>> {
  const targets = new Map<string, Target>();
  for (const arg of paths) {
    const info = await stat(arg).catch(() => null);
    if (info === null) return err('USAGE', `scan: no such file or directory: ${arg}`);
    if (info.isFile()) {
      const path = resolve(arg);
      if (!targets.has(path)) targets.set(path, { display: arg, path, explicit: true });
      continue;
    }
    if (!info.isDirectory()) continue;
    const below = (await gitFiles(arg, env)) ?? (await walk(arg));
    for (const relative of below) {
      const path = resolve(arg, relative);
      if (!targets.has(path)) {
        targets.set(path, { display: join(arg, relative), path, explicit: false });
      }
    }
  }
  return ok([...targets.values()]);
}

/**
 * Tracked and untracked-but-not-ignored files under `dir`, relative to it, as git sees them
 * (.gitignore at every level, .git/info/exclude, core.excludesFile); null outside a work tree
 * or without git.
 */
async function gitFiles(
  dir: string,
  env: Record<string, string | undefined>,
): Promise<string[] | null> {
  // A hook may run with relative GIT_DIR/GIT_INDEX_FILE; git runs here from `dir`.
  const gitEnv = { ...env };
  for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR']) {
    const value = gitEnv[name];
    if (value && !isAbsolute(value)) gitEnv[name] = resolve(value);
  }
  try {
    const { stdout } = await promisify(execFile)(
      'git',
      ['ls-files', '--cached', '--others', '--exclude-standard', '-z'],
      { cwd: dir, env: gitEnv, maxBuffer: 1024 * 1024 * 1024 },
    );
    return stdout
      .split('\0')
      .filter((path) => path !== '' && !path.split('/').some((part) => ALWAYS_SKIPPED.has(part)))
      .sort();
  } catch {
    return null;
  }
}

/** Files under `root`, relative to it, honouring the .gitignore files found on the way down. */
async function walk(root: string): Promise<string[]> {
  const files: string[] = [];
  const visit = async (dir: string, rules: { base: string; rules: Ignore }[]) => {
    const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
    const gitignore = await readFile(join(root, dir, '.gitignore'), 'utf8').catch(() => null);
    const scoped =
      gitignore === null ? rules : [...rules, { base: dir, rules: ignore().add(gitignore) }];
    const ignored = (path: string) => {
      // The deepest .gitignore with an opinion wins, as in git.
      for (let i = scoped.length - 1; i >= 0; i -= 1) {
        const { base, rules } = scoped[i] as (typeof scoped)[number];
        const verdict = rules.test(base === '' ? path : path.slice(base.length + 1));
        if (verdict.ignored) return true;
        if (verdict.unignored) return false;
      }
      return false;
    };
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (ALWAYS_SKIPPED.has(entry.name)) continue;
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory() && !ignored(`${path}/`)) await visit(path, scoped);
      else if (entry.isFile() && !ignored(path)) files.push(path);
    }
  };
  await visit('', []);
  return files;
}

/** A file's text, or why it is not scanned: binary, too large, or unreadable. */
async function readText(target: Target): Promise<Result<string, 'SKIPPED' | 'UNREADABLE'>> {
  try {
    const info = target.explicit ? await stat(target.path) : await lstat(target.path);
    if (!info.isFile()) return err('SKIPPED', 'not a regular file');
    if (info.size > MAX_FILE_BYTES) return err('SKIPPED', 'larger than 5 MB');
    const bytes = await readFile(target.path);
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return err('SKIPPED', 'binary');
    return ok(bytes.toString('utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Listed by git but deleted from the work tree since: nothing to scan.
    if (code === 'ENOENT') return err('SKIPPED', 'deleted');
    return err('UNREADABLE', code ?? String(error));
  }
}

/**
 * Sends the secrets to `revokeLeakedKeys`, MAX_LEAKED_SECRETS at a time: the answer per
 * secret, in the order sent (undefined where none came), and why the calls stopped, if they did.
 */
async function revokeLeakedKeys(
  url: string,
  adminKey: string,
  secrets: string[],
): Promise<{ answers: (Revocation | undefined)[]; failure: string | null }> {
  const answers: (Revocation | undefined)[] = secrets.map(() => undefined);
  for (let start = 0; start < secrets.length; start += MAX_LEAKED_SECRETS) {
    const batch = secrets.slice(start, start + MAX_LEAKED_SECRETS);
    const sent = await sendBatch(url, adminKey, batch);
    if (!sent.ok) return { answers, failure: sent.message };
    for (const { index, outcome, keyId, projectId } of sent.value) {
      if (Number.isInteger(index) && index >= 0 && index < batch.length) {
        answers[start + index] = { outcome, keyId: keyId ?? null, projectId: projectId ?? null };
      }
    }
  }
  return { answers, failure: null };
}

async function sendBatch(
  url: string,
  adminKey: string,
  secrets: string[],
): Promise<Result<(Revocation & { index: number })[], 'FAILED'>> {
  let status: number;
  let body: {
    data?: { revokeLeakedKeys?: (Revocation & { index: number })[] | null } | null;
    errors?: { message?: string; extensions?: { code?: string } }[];
  } | null;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        'x-api-key': adminKey,
      },
      body: JSON.stringify({ query: REVOKE_LEAKED, variables: { secrets } }),
      signal: AbortSignal.timeout(30_000),
    });
    status = res.status;
    body = await res.json().catch(() => null);
  } catch (error) {
    const cause =
      error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return err('FAILED', `${error instanceof Error ? error.message : String(error)}${cause}`);
  }
  const rows = body?.data?.revokeLeakedKeys;
  if (status !== 200 || !Array.isArray(rows)) {
    const first = body?.errors?.[0];
    const reason = first
      ? `${first.extensions?.code ? `${first.extensions.code}: ` : ''}${first.message ?? ''}`
      : 'no revokeLeakedKeys in the answer';
    return err('FAILED', `HTTP ${status}, ${reason}`);
  }
  return ok(rows);
}
