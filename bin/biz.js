#!/usr/bin/env node
'use strict';
// CommonJS on purpose (bin/package.json): node starts a CommonJS file without its ES module loader, so `biz --version`
// and a cron entry with nothing to do (dist/cron-idle.cjs, from src/cron-idle.ts) cost barely more than a bare node.
// Everything else loads the bundled CLI.
// Deprecation warnings from dependencies (jsforce's url.parse() on Node 24) are for their authors, not our users.
process.noDeprecation = true;
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else if (!((argv[0] === 'market' || argv[0] === 'lead') && require('../dist/cron-idle.cjs').idleCronTick(argv, process.env, process.cwd()))) {
  import('../dist/cli.js');
}
