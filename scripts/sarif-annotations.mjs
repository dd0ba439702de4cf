#!/usr/bin/env node
// The GitHub Action's second output from its one lint run: reads the SARIF log promptlint wrote and
// prints each result as a workflow command (`::error file=...,line=...::message`), the same lines
// `promptlint --format github` prints, so the action lints once and gets both. Paths are the SARIF
// URIs (relative to the repository root, as GitHub wants them). Escaped as GitHub's toolkit does.
// Usage: node scripts/sarif-annotations.mjs promptlint.sarif
import { readFileSync } from 'node:fs';

const escapeData = (s) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

const file = process.argv[2];
if (!file) {
  console.error('usage: sarif-annotations.mjs FILE.sarif');
  process.exit(2);
}
let log;
try {
  log = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  console.error(`sarif-annotations: cannot read ${file}: ${error.message}`);
  process.exit(2);
}
const out = [];
for (const run of log.runs ?? []) {
  for (const result of run.results ?? []) {
    const location = result.locations?.[0]?.physicalLocation;
    const region = location?.region ?? {};
    const uri = location?.artifactLocation?.uri;
    const props = [
      ...(uri ? [`file=${escapeProperty(decodeURIComponent(uri))}`] : []),
      ...(region.startLine ? [`line=${region.startLine}`] : []),
      ...(region.endLine ? [`endLine=${region.endLine}`] : []),
      ...(region.startColumn ? [`col=${region.startColumn}`] : []),
      ...(region.endColumn ? [`endColumn=${region.endColumn}`] : []),
      `title=${escapeProperty(`promptlint(${result.ruleId ?? 'parse-error'})`)}`,
    ].join(',');
    out.push(`::${result.level === 'error' ? 'error' : 'warning'} ${props}::${escapeData(result.message?.text ?? '')}`);
  }
}
if (out.length) process.stdout.write(`${out.join('\n')}\n`);
