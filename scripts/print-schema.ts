// Prints the SDL to schema/schema.graphql; with --check, fails when the checked-in file drifts.
import { readFileSync, writeFileSync } from 'node:fs';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { schema } from '../src/schema/index.js';

const path = new URL('../schema/schema.graphql', import.meta.url);
const printed = `${printSchemaWithDirectives(schema)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current !== printed) {
    console.error('schema/schema.graphql is out of date: run `npm run schema:print` and commit it');
    process.exit(1);
  }
  console.log('schema/schema.graphql is up to date');
} else {
  writeFileSync(path, printed);
  console.log('wrote schema/schema.graphql');
}
