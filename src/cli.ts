// `biz ... | head` closes the pipe early: that is the reader's choice, not an error worth a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

// bin/biz.js answers `--version` and idle cron ticks itself; everything else comes here.
void import('./parse-argv').then(({ parseArgv }) => parseArgv(process.argv));
