/**
 * A worker thread of the keys stage's bulk load (keys-store.ts): makes key secrets with
 * Keygate's own generateKey, and hands back their digests and hints in batches — and the
 * secret itself only for the keys the bench will present. Making a key (base62 of 32 random
 * bytes, CRC32, SHA-256) costs more than inserting its row, so it runs beside the inserts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { hashKey } from '../../src/keys/hash-key.js';
import { generateKey, keyHint } from '../../src/keys/key-format.js';

export interface GenerateJob {
  /** Keys to make: indexes `from` to `to - 1`. */
  from: number;
  to: number;
  batch: number;
  /** Indexes whose secrets are kept. */
  keep: number[];
}

export interface GeneratedBatch {
  from: number;
  digests: string[];
  hints: string[];
  kept: [index: number, secret: string][];
}

const job = workerData as GenerateJob;
const keep = new Set(job.keep);
for (let start = job.from; start < job.to; start += job.batch) {
  const end = Math.min(job.to, start + job.batch);
  const out: GeneratedBatch = { from: start, digests: [], hints: [], kept: [] };
  for (let i = start; i < end; i++) {
    const secret = generateKey('SECRET', 'LIVE');
    out.digests.push(hashKey(secret));
    out.hints.push(keyHint(secret));
    if (keep.has(i)) out.kept.push([i, secret]);
  }
  parentPort?.postMessage(out);
}
