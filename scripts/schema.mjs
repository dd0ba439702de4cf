#!/usr/bin/env node
// Writes packages/cli/schema/promptlint.schema.json (the configuration's JSON Schema) from the rule
// metadata; `node scripts/schema.mjs --check` exits 1 when the committed file has drifted (a rule or
// an option added without regenerating it). Needs the packages built (npm run build).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
const { rules } = await import(join(root, 'packages/core/dist/index.js'));
const { configSchema } = await import(join(root, 'packages/cli/dist/config-schema.js'));

const file = join(root, 'packages/cli/schema/promptlint.schema.json');
const next = `${JSON.stringify(configSchema(rules), null, 2)}\n`;
let current = '';
try {
  current = readFileSync(file, 'utf8');
} catch {
  // missing: written below, or reported by --check
}
if (current !== next) {
  if (check) {
    console.error('schema: packages/cli/schema/promptlint.schema.json is out of date with the rule metadata (run: node scripts/schema.mjs)');
    process.exit(1);
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, next);
  console.log(`schema: wrote packages/cli/schema/promptlint.schema.json (${rules.length} rules)`);
} else if (!check) console.log('schema: up to date');
