import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { generateKey, keyHint, parseKey } from '../../src/keys/key-format.js';
import { createKey, createProject } from '../helpers/fixtures.js';
import { startTestServer } from '../helpers/test-server.js';
import { CHILD_TIMEOUT_MS, type Exited, freePort, keygateEnv, ROOT } from './keygate-process.js';

const BIN = join(ROOT, 'bin', 'keygate.js');
const ANY_KEY = /kg_(pk|sk|ak)_(live|test)_[0-9A-Za-z]{49}/;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder holding `files` (path → content). */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-scan-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function git(dir: string, ...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

/** Runs `keygate scan <args>` in `cwd` to completion (killed after CHILD_TIMEOUT_MS). */
function scan(cwd: string, args: string[] = [], vars: Record<string, string> = {}) {
  return new Promise<Exited>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'scan', ...args], {
      cwd,
      env: keygateEnv(vars),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out.stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      out.stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`keygate scan ${args.join(' ')} took over ${CHILD_TIMEOUT_MS} ms`));
    }, CHILD_TIMEOUT_MS);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ...out });
    });
  });
}

/** A key of the right shape whose check characters are wrong. */
function badChecksum(): string {
  const key = generateKey('SECRET', 'LIVE');
  const last = key.at(-1) === 'a' ? 'b' : 'a';
  const bad = key.slice(0, -1) + last;
  expect(parseKey(bad)).toBeNull();
  return bad;
}

describe('keygate scan', { timeout: 60_000 }, () => {
  test('a valid key is reported by file, line, kind, environment and hint, and exits 1', async () => {
    const secret = generateKey('SECRET', 'LIVE');
    const publishable = generateKey('PUBLISHABLE', 'TEST');
    const dir = tree({
      'src/app.ts': `import x from 'y';\n\nconst client = new Client({\n  key: '${secret}',\n});\n`,
      'config/.env': `# test\nKEYGATE_PK=${publishable}\n`,
    });
    const res = await scan(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(
      [
        `config/.env:2: PUBLISHABLE TEST key ${keyHint(publishable)}`,
        `src/app.ts:4: SECRET LIVE key ${keyHint(secret)}`,
        '',
      ].join('\n'),
    );
    expect(res.stderr).toContain('2 Keygate key(s) found in 2 file(s)');
  });

  test('the output never contains a whole secret', async () => {
    const keys = [generateKey('ADMIN', 'LIVE'), generateKey('SECRET', 'TEST')];
    const dir = tree({ 'a.json': JSON.stringify({ keys }), 'b.txt': keys.join('\n') });
    const env = {
      KEYGATE_ADMIN_KEY: generateKey('ADMIN', 'LIVE'),
      KEYGATE_URL: `http://127.0.0.1:${await freePort()}/graphql`,
    };
    const runs = [[], ['--json'], ['--verbose'], ['--revoke']].map((args) => scan(dir, args, env));
    for (const res of await Promise.all(runs)) {
      expect(res.code).toBe(1);
      expect(res.stdout + res.stderr).not.toMatch(ANY_KEY);
      expect(res.stdout).toContain(keyHint(keys[0] as string));
    }
  });

  test('a key-shaped string with a bad checksum, or a key inside a longer word, is not reported', async () => {
    const valid = generateKey('SECRET', 'LIVE');
    const dir = tree({
      'typo.ts': `const key = '${badChecksum()}';\n`,
      'longer.ts': `a = 'x${valid}'\nb = '${valid}0'\nc = _${valid}\nd = ${valid}_\n`,
    });
    const res = await scan(dir);
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('0 Keygate key(s) found in 0 file(s)');
  });

  test('a clean tree exits 0 with nothing on stdout', async () => {
    const dir = tree({ 'README.md': '# nothing here\n', 'src/index.ts': 'export {};\n' });
    const res = await scan(dir);
    expect(res).toMatchObject({ code: 0, stdout: '' });
  });

  test('in a plain folder, files matched by .gitignore (at any level) and node_modules are skipped', async () => {
    const key = generateKey('SECRET', 'LIVE');
    const dir = tree({
      '.gitignore': '.env\ndist/\n',
      '.env': `KEY=${key}\n`,
      'dist/bundle.js': `"${key}"\n`,
      'node_modules/sdk/index.js': `"${key}"\n`,
      'pkg/.gitignore': '*.local\n',
      'pkg/settings.local': `${key}\n`,
      'pkg/settings.ts': `\n'${key}'\n`,
    });
    const res = await scan(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(`pkg/settings.ts:2: SECRET LIVE key ${keyHint(key)}\n`);
  });

  test('in a git work tree, what git ignores is skipped but a tracked file is always scanned', async () => {
    const key = generateKey('ADMIN', 'TEST');
    const dir = tree({
      '.gitignore': '.env*\n',
      '.env': `KEY=${key}\n`,
      '.env.example': `KEY=${key}\n`,
      'excluded.txt': `${key}\n`,
      'node_modules/sdk/index.js': `"${key}"\n`,
      'src/untracked.ts': `'${key}'\n`,
    });
    git(dir, 'init', '-q');
    // Only git reads .git/info/exclude: this proves the scan asked git.
    writeFileSync(join(dir, '.git', 'info', 'exclude'), 'excluded.txt\n');
    git(dir, 'add', '--force', '.env.example');
    const res = await scan(dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(
      [
        `.env.example:1: ADMIN TEST key ${keyHint(key)}`,
        `src/untracked.ts:1: ADMIN TEST key ${keyHint(key)}`,
        '',
      ].join('\n'),
    );
    const sub = await scan(dir, ['src']);
    expect(sub.stdout).toBe(`src/untracked.ts:1: ADMIN TEST key ${keyHint(key)}\n`);
  });

  test('files and folders can be named; a file named on the command line is scanned', async () => {
    const key = generateKey('SECRET', 'TEST');
    const dir = tree({
      '.gitignore': 'secret.txt\n',
      'secret.txt': `${key}\n`,
      'a/one.ts': `'${key}'\n`,
      'b/two.ts': `'${key}'\n`,
    });
    const res = await scan(dir, ['secret.txt', 'a', 'a/one.ts']);
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(
      [
        `secret.txt:1: SECRET TEST key ${keyHint(key)}`,
        `a/one.ts:1: SECRET TEST key ${keyHint(key)}`,
        '',
      ].join('\n'),
    );
  });

  test('binary files and files over 5 MB are skipped', async () => {
    const key = generateKey('SECRET', 'LIVE');
    const dir = tree({
      'image.png': `\u0000PNG ${key}\n`,
      'dump.sql': `${'-- filler\n'.repeat(600_000)}${key}\n`,
    });
    const res = await scan(dir, ['--verbose']);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain('skipped dump.sql: larger than 5 MB');
    expect(res.stderr).toContain('skipped image.png: binary');
  });

  test('--json prints an array of { file, line, kind, environment, hint }', async () => {
    const key = generateKey('ADMIN', 'LIVE');
    const dir = tree({ 'deploy.yml': `env:\n  ADMIN: ${key}\n` });
    const res = await scan(dir, ['--json']);
    expect(res.code).toBe(1);
    expect(JSON.parse(res.stdout)).toEqual([
      { file: 'deploy.yml', line: 2, kind: 'ADMIN', environment: 'LIVE', hint: keyHint(key) },
    ]);
    const clean = await scan(tree({ 'a.txt': 'nothing\n' }), ['--json']);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
  });

  test('a missing path, an unknown option, or --revoke without KEYGATE_ADMIN_KEY is a usage error (exit 2)', async () => {
    const dir = tree({ 'a.txt': `${generateKey('SECRET', 'LIVE')}\n` });
    const [missing, unknown, noKey] = await Promise.all([
      scan(dir, ['no-such-dir']),
      scan(dir, ['--fix']),
      scan(dir, ['--revoke']),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file or directory: no-such-dir');
    expect(unknown.code).toBe(2);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain('KEYGATE_ADMIN_KEY');
    expect(noKey.stdout).toBe('');
  });

  test('--revoke revokes each key found, reports what happened per find, and still exits 1', async () => {
    const t = await startTestServer();
    try {
      const projectId = await createProject(t);
      const leaked = await createKey(t, { projectId, scopes: ['products:read'] });
      const stranger = generateKey('SECRET', 'LIVE');
      const dir = tree({
        'src/client.ts': `const key = '${leaked.secret}';\n`,
        'test/fixture.ts': `\n\nexport const KEY = '${leaked.secret}';\nexport const OTHER = '${stranger}';\n`,
      });
      const env = { KEYGATE_URL: t.url, KEYGATE_ADMIN_KEY: t.adminKey };

      const res = await scan(dir, ['--revoke'], env);
      expect(res.code).toBe(1);
      const revoked = `REVOKED (${leaked.id}, project ${projectId})`;
      expect(res.stdout).toBe(
        [
          `src/client.ts:1: ${keyHint(leaked.secret)} → ${revoked}`,
          `test/fixture.ts:3: ${keyHint(leaked.secret)} → ${revoked}`,
          `test/fixture.ts:4: ${keyHint(stranger)} → UNKNOWN_KEY`,
          '',
        ].join('\n'),
      );
      expect(res.stdout + res.stderr).not.toMatch(ANY_KEY);

      const refused = await t.gql('{ viewer { key { name } } }', undefined, leaked.secret);
      expect(refused.status).toBe(401);
      expect(refused.body.errors?.[0]?.extensions?.code).toBe('KEY_REVOKED');

      const again = await scan(dir, ['--revoke', '--json', 'src'], env);
      expect(again.code).toBe(1);
      expect(JSON.parse(again.stdout)).toEqual([
        {
          file: 'src/client.ts',
          line: 1,
          kind: 'SECRET',
          environment: 'LIVE',
          hint: keyHint(leaked.secret),
          revoke: { outcome: 'ALREADY_REVOKED', keyId: leaked.id, projectId },
        },
      ]);
    } finally {
      await t.close();
    }
  });

  test('--revoke against an unreachable server prints the finds, the reason on stderr, and exits 1', async () => {
    const key = generateKey('SECRET', 'LIVE');
    const dir = tree({ 'a.ts': `'${key}'\n` });
    const url = `http://127.0.0.1:${await freePort()}/graphql`;
    const res = await scan(dir, ['--revoke'], {
      KEYGATE_URL: url,
      KEYGATE_ADMIN_KEY: generateKey('ADMIN', 'LIVE'),
    });
    expect(res.code).toBe(1);
    expect(res.stdout).toBe(`a.ts:1: SECRET LIVE key ${keyHint(key)}\n`);
    expect(res.stderr).toContain(`could not revoke the keys found at ${url}`);
  });
});
