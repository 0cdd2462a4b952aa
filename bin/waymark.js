#!/usr/bin/env node
// The `waymark` command. The TypeScript sources are compiled to dist/ by `npm install`
// (the `prepare` script), so this stays a plain Node entry point.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
