/**
 * Command-line start-up (run by `npm run bench`): `waymark --version` and `waymark simulate`
 * on examples/mtt-missed-sessions.json, each as a fresh process, measured alternately with
 * a bare `node -e 0` in the same run, so a busy machine slows all three alike. Prints the
 * median wall time of each and its ratio to bare node, against the targets (3x and 5x).
 * Asserts nothing. `CLI_START_RUNS=N` changes the number of rounds (default 15).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { printTable, writeSummary } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.CLI_START_RUNS ?? 15);
const RESULTS = fileURLToPath(new URL('./results/cli-start.json', import.meta.url));

const COMMANDS = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: 'waymark --version', args: ['bin/waymark.js', '--version'], target: 3 },
  { name: 'waymark simulate (mtt example)', args: ['bin/waymark.js', 'simulate', '--policy', 'mtt', '--input', 'examples/mtt-missed-sessions.json'], target: 5 },
];

function seconds(args) {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0) throw new Error(`${args.join(' ')} exited ${run.status}: ${run.stderr}`);
  return elapsed;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

console.log(`Waymark command-line start-up: ${RUNS} rounds, each command once per round, alternately`);
for (const c of COMMANDS) seconds(c.args); // warm the file cache
const times = COMMANDS.map(() => []);
for (let round = 0; round < RUNS; round++) COMMANDS.forEach((c, i) => times[i].push(seconds(c.args)));

const base = median(times[0]);
const rows = COMMANDS.map((c, i) => {
  const ratio = median(times[i]) / base;
  return { command: c.name, medianMs: median(times[i]) * 1000, ratio, target: c.target ?? null, met: c.target === undefined ? null : ratio <= c.target };
});
printTable(
  ['command', 'median ms', 'x node -e 0', 'target'],
  rows.map((r) => [r.command, r.medianMs, r.ratio, r.target === null ? '' : `<= ${r.target}x ${r.met ? 'met' : 'NOT met'}`]),
);
writeSummary(RESULTS, { date: new Date().toISOString(), runs: RUNS, rows });
console.log(rows.slice(1).map((r) => `cli-start: ${r.command} ${r.ratio.toFixed(2)}x node -e 0`).join('\n'));
