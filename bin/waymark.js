#!/usr/bin/env node
// The `waymark` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script), so this stays a plain Node entry point.
import { main } from '../dist/cli/main.js';

// Output piped into a reader that stops early (`waymark policy explain mtt | head`): the
// reader has all it wanted, so stop quietly, as Unix tools do, rather than with a stack trace.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
process.exitCode = code;
// `waymark run` returns once the bot has stopped (or its shutdown ran out of time): a timer
// still pending by then (a platform client's retry, a driver's back-off) must not keep the
// process alive, so it leaves now rather than when the last timer fires.
if (process.argv[2] === 'run') process.exit(code);
