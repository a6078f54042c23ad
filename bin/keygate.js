#!/usr/bin/env node
// Runs Keygate compiled to one JavaScript file (bin/build.js; rebuilt whenever a source
// changes). Where it cannot be built (say, a read-only node_modules without a build made at
// install), the TypeScript sources run through tsx's loader instead: the same code, slower to
// start and about 40 MB larger.
import { compiled } from './build.js';

let entry;
try {
  entry = await compiled();
} catch (error) {
  process.stderr.write(
    `keygate: running the sources through tsx (no compiled build: ${error instanceof Error ? error.message : error})\n`,
  );
}
if (entry === undefined) {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
} else {
  const { pathToFileURL } = await import('node:url');
  await import(pathToFileURL(entry).href);
}
