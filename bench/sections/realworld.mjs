/**
 * Section "realworld": recall and false alarms of the ESLint plugin (`configs.all`) on real
 * application code, scored against a hand-written answer key (bench/realworld-code/: corpus.json
 * pins each repository to a commit, answers.json says what a careful reviewer flags and which
 * near-misses must stay quiet, score.mjs materialises the files from local git mirrors and scores).
 *
 *   node bench/run.mjs --only realworld
 */
import { textTable } from '../lib/table.mjs';
import { runRealworld } from '../realworld-code/score.mjs';

async function run(ctx) {
  const r = await runRealworld();
  ctx.log(`${r.repos} repositories, ${r.files} files linted (${r.missing.length} missing from the mirrors, ${r.fatal.length} parse errors)`);
  const pct = (x) => (x === null ? '-' : `${Math.round(x * 100)}%`);
  const rows = Object.entries(r.families).map(([rule, f]) => [rule, `${f.found}/${f.expected}`, pct(f.recall), `${f.alarms}/${f.quiet}`, String(f.unexpected)]);
  const t = r.total;
  rows.push(['total', `${t.found}/${t.expected}`, pct(t.recall), `${t.alarms}/${t.quiet}`, String(t.unexpected)]);
  ctx.log(textTable(['rule', 'found', 'recall', 'near-misses flagged', 'unexpected'], rows));
  if (r.missing.length) ctx.log(`missing: ${r.missing.slice(0, 5).join(', ')}${r.missing.length > 5 ? ', ...' : ''}`);
  return {
    repos: r.repos,
    files: r.files,
    missing: r.missing.length,
    total: t,
    families: r.families,
    misses: r.misses.map((m) => `${m.repo}:${m.path}:${m.line ?? m.lines.join('-')} ${m.rule}`),
    alarms: r.alarms.map((a) => `${a.repo}:${a.path}:${a.line ?? a.lines.join('-')} ${a.rule}`),
    unexpected: r.unexpected.map((u) => `${u.repo}:${u.path}:${u.line} ${u.rule}`),
  };
}

export default { name: 'realworld', order: 90, run };
