import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';

/** Which CPUs the load generator and the servers under test run on (`taskset` lists). */
export interface Pinning {
  /** The bench process: autocannon. */
  load: string;
  /** Every server under test. */
  targets: string;
  /** Every CPU, to give the bench process back when the pinned stage ends. */
  all: string;
}

/**
 * The HTTP stage's CPU pinning: the load generator on CPU 0, the servers on the others (with
 * 2 cores, one each), so that a server never shares its core with autocannon. Six rounds of
 * keygate and keygate-bare on the 2-core bench machine measured keygate at 1,150–1,994 req/s
 * unpinned and 1,723–1,933 pinned (bench/README.md, "2026-11-29, eighth session"). Null
 * where it cannot be done: fewer than 2 CPUs, no `taskset` (util-linux), or `BENCH_PIN=off`.
 */
export function httpPinning(): Pinning | null {
  if (process.env.BENCH_PIN === 'off') return null;
  const n = cpus().length;
  if (n < 2) return null;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return { load: '0', targets: n === 2 ? '1' : `1-${n - 1}`, all: `0-${n - 1}` };
}

/** Restricts process `pid` and all its threads to `cpuList`; false when taskset refused. */
export function pin(pid: number, cpuList: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cpuList, String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
