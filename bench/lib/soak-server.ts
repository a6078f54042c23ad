/**
 * The soak's server: `node bin/keygate.js serve`, the command operators run, as a child
 * process of its own (its pid is the server's, so /proc/<pid> describes the server alone),
 * and the two figures the soak watches in it: resident memory and open file descriptors.
 *
 * With `probe`, a few lines of JavaScript are preloaded into the server (`--import` of a
 * data: URL, `--expose-gc`): over an IPC channel they answer `process.memoryUsage()`,
 * optionally after a full garbage collection, and stop the server when the soak goes away
 * (even killed). Keygate's own code is untouched; nothing runs until asked.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ENV_VARS } from '../../src/config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  pid: number;
  url: string;
  /** Resolves with the exit code (or signal) once the process has exited. */
  exited: Promise<string>;
  /** True while the process runs. */
  alive(): boolean;
  /** Log lines the server wrote before it was stopped (start line aside), by level name. */
  logLines: Map<string, number>;
  /** SIGTERM (graceful: in-flight requests finish, usage is flushed); SIGKILL after 15 s. */
  stop(): Promise<string>;
  /**
   * The server's `process.memoryUsage()`, after a full GC when `gc`; null without the probe
   * or when it does not answer within 5 s.
   */
  memory(gc: boolean): Promise<NodeJS.MemoryUsage | null>;
}

/** Runs inside the server (see the file comment). Plain JavaScript: no loader needed. */
const PROBE = `
if (typeof process.send === 'function') {
  process.on('message', (m) => {
    if (!m || m.type !== 'soak-memory') return;
    if (m.gc && typeof globalThis.gc === 'function') globalThis.gc();
    process.send({ type: 'soak-memory', id: m.id, usage: process.memoryUsage() });
  });
  process.on('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  process.channel?.unref();
}
`;

interface ProbeAnswer {
  type: 'soak-memory';
  id: number;
  usage: NodeJS.MemoryUsage;
}

/**
 * Starts `keygate serve` on `env` (Keygate's variables from the caller's environment are
 * dropped first, so only `env` configures it) and resolves once it prints its URL.
 * Server log lines are echoed to stderr with a `server:` prefix, except per-request info
 * lines (`msg: "request"`), which are only counted.
 */
export function startServer(
  env: Record<string, string>,
  options: { probe: boolean },
  onSpawn: (stop: () => Promise<string>) => void,
): Promise<ServerProcess> {
  const inherited = { ...process.env };
  for (const name of Object.keys(ENV_VARS)) delete inherited[name];
  const probeArgs = options.probe
    ? ['--expose-gc', `--import=data:text/javascript,${encodeURIComponent(PROBE)}`]
    : [];
  const child = spawn(process.execPath, [...probeArgs, 'bin/keygate.js', 'serve'], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: options.probe ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  // A send to a server that just exited: the sample says so by answering null.
  child.on('error', () => {});
  let asked = 0;
  const waiting = new Map<number, (usage: NodeJS.MemoryUsage | null) => void>();
  child.on('message', (m: ProbeAnswer) => {
    if (m?.type === 'soak-memory') waiting.get(m.id)?.(m.usage);
  });
  const memory = (gc: boolean): Promise<NodeJS.MemoryUsage | null> => {
    if (!options.probe || !child.connected) return Promise.resolve(null);
    const id = ++asked;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(null), 5_000);
      const done = (usage: NodeJS.MemoryUsage | null) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(usage);
      };
      waiting.set(id, done);
      child.send({ type: 'soak-memory', id, gc });
    });
  };
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? String(code)));
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    return stopServer(child, exited);
  };
  onSpawn(stop);
  const logLines = new Map<string, number>();
  // Lines written once asked to stop (its "SIGTERM: finishing…") are echoed, not counted.
  const count = (level: string) => {
    if (!stopping) logLines.set(level, (logLines.get(level) ?? 0) + 1);
  };

  return new Promise((resolve, reject) => {
    let url: string | null = null;
    const timer = setTimeout(
      () => reject(new Error('keygate serve did not start within 60 s')),
      60_000,
    );
    const onLine = (line: string) => {
      const started = /^Keygate is serving (\S+)/.exec(line);
      if (url === null && started?.[1] !== undefined) {
        url = started[1];
        clearTimeout(timer);
        const pid = child.pid as number;
        resolve({
          pid,
          url,
          exited,
          alive: () => child.exitCode === null && child.signalCode === null,
          logLines,
          stop,
          memory,
        });
        return;
      }
      let parsed: { level?: unknown; msg?: unknown } | null = null;
      try {
        parsed = JSON.parse(line) as { level?: unknown; msg?: unknown };
      } catch {
        parsed = null;
      }
      if (parsed !== null && typeof parsed === 'object') {
        count(levelName(parsed.level));
        if (parsed.msg === 'request') return;
      } else {
        count('text');
      }
      process.stderr.write(`server: ${line}\n`);
    };
    for (const stream of [child.stdout, child.stderr]) {
      if (stream) createInterface({ input: stream }).on('line', onLine);
    }
    void exited.then((how) => {
      clearTimeout(timer);
      if (url === null) reject(new Error(`keygate serve exited before it was ready (${how})`));
    });
  });
}

function levelName(level: unknown): string {
  if (typeof level === 'string') return level;
  if (typeof level !== 'number') return 'unknown';
  if (level >= 50) return 'error';
  if (level >= 40) return 'warn';
  if (level >= 30) return 'info';
  return 'debug';
}

function stopServer(child: ChildProcess, exited: Promise<string>): Promise<string> {
  if (child.exitCode !== null || child.signalCode !== null) return exited;
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  child.kill('SIGTERM');
  return exited.finally(() => clearTimeout(timer));
}

export interface ProcessSample {
  /** Resident set size (VmRSS), bytes. */
  rssBytes: number;
  /** Entries in /proc/<pid>/fd. */
  fds: number;
  /** Of those, sockets. */
  sockets: number;
}

/** Reads VmRSS from /proc/<pid>/status and counts /proc/<pid>/fd (Linux only). */
export function sampleProcess(pid: number): ProcessSample {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (rss?.[1] === undefined) throw new Error(`/proc/${pid}/status has no VmRSS line`);
  const fds = readdirSync(`/proc/${pid}/fd`, { withFileTypes: true });
  let sockets = 0;
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd.name}`).startsWith('socket:')) sockets++;
    } catch {
      // closed between readdir and readlink
    }
  }
  return { rssBytes: Number(rss[1]) * 1024, fds: fds.length, sockets };
}
