/**
 * `npm run bench:in-process`: Keygate's full path against keygate-bare with both in one
 * process (bench/targets/in-process.ts), so that what differs between two processes of
 * the same build — measured 8 % to 30 % apart, steadily for the life of each process (see
 * bench/README.md) — is the same for both. Each round starts a new process, warms every app,
 * then loads them in turn for BENCH_IN_PROCESS_SECONDS each (default 5), in the order A B C
 * C B A (reversed every other round), and compares their mean req/s. A second keygate-bare
 * in the same process is the control: keygate-bare-2 ÷ keygate-bare is what this method
 * cannot tell from noise. Pinned like the HTTP stage of `npm run bench`.
 * BENCH_IN_PROCESS_ROUNDS (default 5).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { httpPinning, pin } from './lib/cpu-pinning.js';
import { median, runLoad } from './lib/load.js';
import { checkAnswer } from './lib/query.js';
import { seedDatabase } from './lib/seed.js';
import { startTarget } from './lib/target-process.js';

const rounds = Number(process.env.BENCH_IN_PROCESS_ROUNDS ?? 5);
const seconds = Number(process.env.BENCH_IN_PROCESS_SECONDS ?? 5);
const APPS = ['keygate', 'keygate-bare', 'keygate-bare-2'] as const;
type App = (typeof APPS)[number];
const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-in-process-'));
  const dbPath = join(dir, 'bench.sqlite');
  try {
    log('seeding an ENTERPRISE project with 10 customers, 10 invoices and a SECRET key…');
    const { key } = await seedDatabase(dbPath);
    const pinning = httpPinning();
    if (pinning !== null && !pin(process.pid, pinning.load)) {
      throw new Error('taskset could not pin the bench');
    }
    const ratios = { keygate: [] as number[], control: [] as number[] };
    for (let round = 1; round <= rounds; round++) {
      const target = await startTarget(
        'in-process',
        'in-process.ts',
        { dbPath, key, config: {} },
        () => {},
      );
      try {
        if (pinning !== null && !pin(target.pid, pinning.targets)) {
          throw new Error(`taskset could not pin the target to CPU ${pinning.targets}`);
        }
        const bodies = new Map<App, string>();
        const load = async (app: App, durationSeconds: number) => {
          const url = target.urls[app] as string;
          let body = bodies.get(app);
          if (body === undefined) {
            body = (await checkAnswer(app, url, key)).body;
            bodies.set(app, body);
          }
          const result = await runLoad(`${app} round ${round}`, {
            url,
            key,
            connections: 50,
            durationSeconds,
            expectBody: body,
          });
          return result.reqPerSec;
        };
        for (const app of APPS) await load(app, 3);
        const order = round % 2 === 1 ? [...APPS] : [...APPS].reverse();
        const sums = new Map<App, number>(APPS.map((a) => [a, 0]));
        for (const app of [...order, ...[...order].reverse()]) {
          sums.set(app, (sums.get(app) ?? 0) + (await load(app, seconds)));
        }
        const mean = (app: App) => (sums.get(app) ?? 0) / 2;
        const bare = mean('keygate-bare');
        ratios.keygate.push(mean('keygate') / bare);
        ratios.control.push(mean('keygate-bare-2') / bare);
        log(
          `round ${round}/${rounds}  keygate ${mean('keygate').toFixed(0)}  keygate-bare ${bare.toFixed(0)}` +
            `  keygate-bare-2 ${mean('keygate-bare-2').toFixed(0)} req/s  →  keygate ${(mean('keygate') / bare).toFixed(3)}×` +
            `, control ${(mean('keygate-bare-2') / bare).toFixed(3)}×`,
        );
      } finally {
        await target.stop();
      }
    }
    const show = (xs: number[]) => xs.map((x) => x.toFixed(3)).join(' ');
    console.log(
      `keygate ÷ keygate-bare, one process: median ${median(ratios.keygate).toFixed(3)}× (rounds: ${show(ratios.keygate)})`,
    );
    console.log(
      `control keygate-bare-2 ÷ keygate-bare: median ${median(ratios.control).toFixed(3)}× (rounds: ${show(ratios.control)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
