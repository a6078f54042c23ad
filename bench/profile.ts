/**
 * `npm run bench:profile`: where a full-path request spends its CPU. Starts the same
 * targets as `npm run bench` (Keygate on SQLite with in-memory limits, keygate-bare and plain
 * Yoga) under
 * `node --cpu-prof`, loads each with the bench query (autocannon -c 50) for
 * BENCH_PROFILE_SECONDS (default 20), stops it, and sums the profile's self time by area
 * (our code by folder, each library, node's internals, GC, idle) and by function.
 * See bench/README.md, "Profile".
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runLoad } from './lib/load.js';
import { checkAnswer } from './lib/query.js';
import { seedDatabase } from './lib/seed.js';
import { startTarget } from './lib/target-process.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const seconds = Number(process.env.BENCH_PROFILE_SECONDS ?? 20);
const only = process.env.BENCH_PROFILE_TARGET ?? '';
/** BENCH_PROFILE_KEEP=1: leave the .cpuprofile files (for Chrome DevTools) and print where. */
const keep = process.env.BENCH_PROFILE_KEEP === '1';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The area a frame belongs to: our folder, a package, node itself, or V8's own entries. */
function areaOf(url: string, name: string): string {
  if (url === '') {
    if (name === '(garbage collector)') return 'GC';
    if (name === '(idle)') return 'idle';
    if (name === '(program)') return 'V8/native (program)';
    return `native ${name}`.slice(0, 40);
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1] as string;
  const ours = /\/(src|bench)\/([^/]+)\//.exec(url);
  if (ours) return `${ours[1]}/${ours[2]}`;
  if (url.startsWith('node:')) return 'node internals';
  return url.split('/').slice(-2).join('/');
}

/** Module start lines of each compiled bundle: esbuild marks them `// src/http/….ts`. */
const bundleModules = new Map<string, { line: number; path: string }[]>();

/**
 * The source file of a frame: the targets run compiled (bin/build.js), so a frame of our
 * code points into one bundle; the module marker above its line names the file it came from.
 */
function sourceUrl(url: string, lineNumber: number): string {
  if (!url.includes('/node_modules/.cache/keygate/')) return url;
  let modules = bundleModules.get(url);
  if (modules === undefined) {
    modules = [];
    const lines = readFileSync(fileURLToPath(url), 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      const marker = /^\/\/ ((?:src|bench|migrations)\/\S+\.ts)$/.exec(lines[i] as string);
      if (marker) modules.push({ line: i, path: marker[1] as string });
    }
    bundleModules.set(url, modules);
  }
  let path: string | null = null;
  for (const m of modules) {
    if (m.line > lineNumber) break;
    path = m.path;
  }
  return path === null ? url : `bundle:/${path}`;
}

function summarize(profile: CpuProfile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, lineNumber } = node.callFrame;
    const url = sourceUrl(node.callFrame.url, lineNumber);
    const area = areaOf(url, functionName);
    if (area === 'idle') continue;
    total += micros;
    areas.set(area, (areas.get(area) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${url.split('/').slice(-1)[0] ?? ''}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { total, areas: top(areas, 25), functions: top(functions, 25) };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'keygate-profile-'));
  try {
    const dbPath = join(tmp, 'bench.sqlite');
    const { key } = await seedDatabase(dbPath);
    for (const [name, entry] of [
      ['keygate', 'keygate.ts'],
      ['keygate-bare', 'keygate-bare.ts'],
      ['plain', 'plain.ts'],
    ] as const) {
      if (only !== '' && only !== name) continue;
      const dir = join(tmp, name);
      const stops: (() => Promise<void>)[] = [];
      const target = await startTarget(
        name,
        entry,
        { dbPath, key, config: {} },
        (stop) => stops.push(stop),
        ['--cpu-prof', '--cpu-prof-dir', dir],
      );
      const answer = await checkAnswer(name, target.url, key);
      log(`${name}: ${seconds} s of load under --cpu-prof…`);
      const load = await runLoad(name, {
        url: target.url,
        key,
        connections: 50,
        durationSeconds: seconds,
        expectBody: answer.body,
      });
      await target.stop();
      const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
      if (!file) throw new Error(`${name}: no .cpuprofile written`);
      const { total, areas, functions } = summarize(
        JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile,
      );
      const perRequest = total / load.requests;
      console.log(
        `\n${name}: ${Math.round(load.reqPerSec)} req/s under the profiler, ${load.requests} requests, CPU ${(total / 1e6).toFixed(1)} s busy = ${perRequest.toFixed(0)} µs per request`,
      );
      console.log('\n  self time by area                          share   µs/request');
      for (const [area, micros] of areas) {
        console.log(
          `  ${area.padEnd(40)} ${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / load.requests).toFixed(1).padStart(8)}`,
        );
      }
      console.log('\n  self time by function                                        share');
      for (const [fn, micros] of functions) {
        console.log(
          `  ${fn.slice(0, 60).padEnd(60)} ${((100 * micros) / total).toFixed(1).padStart(5)} %`,
        );
      }
    }
  } finally {
    if (keep) log(`profiles kept in ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
