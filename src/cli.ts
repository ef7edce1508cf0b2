declare const BIZ_VERSION: string | undefined;

// `biz ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// `biz --version` answers before anything else is loaded: this file imports nothing statically.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  process.stdout.write(`${typeof BIZ_VERSION === 'undefined' ? '0.0.0-dev' : BIZ_VERSION}\n`);
} else if (argv[0] === 'market' || argv[0] === 'lead') {
  // A cron entry with nothing to do exits here, before the CLI loads (src/cron-idle.ts).
  void import('./cron-idle').then(async ({ idleCronTick }) => {
    if (!idleCronTick(argv, process.env, process.cwd())) (await import('./parse-argv')).parseArgv(process.argv);
  });
} else {
  void import('./parse-argv').then(({ parseArgv }) => parseArgv(process.argv));
}
