// Writes the process's peak resident set size (KB) to $PROMPTLINT_RSS_FILE on exit: the fallback
// when /usr/bin/time is not installed.
'use strict';
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  if (process.env.PROMPTLINT_RSS_FILE) writeFileSync(process.env.PROMPTLINT_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
