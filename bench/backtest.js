/**
 * Backtest benchmark (issue 14: "5,000 learners x 200 events in under 10 s on 2 cores").
 * Generates learners and their mtt histories from a seed, writes them as a folder of
 * simulate input files and loads them into a `waymark db` server (its own process, as a
 * deployment's database is), then times `waymark policy backtest
 * examples/acme-mtt-two-misses.json --against mtt --json` end to end as a child process
 * (start-up included) over each, and `waymark --version` beside them for the start-up
 * alone. Asserts nothing; prints wall time and events/s per run.
 *
 *   npm run build && node bench/backtest.js [--learners N] [--events N] [--seed S] [--runs N]
 *
 * The data: bench/generate.js's mix of learner facts (sessions, submissions, contacts,
 * progress, visits, absences, concerns, ...), plus stage 1 entered for about 1 learner in
 * 10 and a support contract decided for half of those. In the database every learner has
 * their case as the bot would have saved it, run to the end of their last event's day, so
 * both sources replay the same histories to the same instant and must agree.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDay, londonDay, londonMidnight } from '../dist/rules/calendar/index.js';
import { foldLog } from '../dist/rules/engine/fold-log.js';
import { builtinPack } from '../dist/rules/packs/index.js';
import { openStore } from '../dist/store/open-store.js';
import { generateEvents, generateLearner } from './generate.js';
import { mulberry32 } from './prng.js';
import { perSecond, printTable, writeSummary } from './report.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RESULTS = fileURLToPath(new URL('./results/backtest.json', import.meta.url));
const CANDIDATE = 'examples/acme-mtt-two-misses.json';
const DAY_MS = 86_400_000;

const options = { learners: 5_000, events: 200, seed: 20260901, runs: 3 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, '');
  if (!(key in options) || !Number.isInteger(Number(argv[i + 1]))) throw new Error(`usage: node bench/backtest.js [--learners N] [--events N] [--seed S] [--runs N]`);
  options[key] = Number(argv[i + 1]);
}

const mtt = builtinPack('mtt');

/** Learners and events in the engine's form, with a few stage steps the generator leaves out. */
function generateData() {
  const rng = mulberry32(options.seed);
  const learners = [];
  let total = 0;
  for (let i = 0; i < options.learners; i++) {
    const learner = generateLearner(rng, i);
    const events = generateEvents(rng, learner, options.events);
    if (rng.chance(0.1) && events.length > 4) {
      const at = events[Math.floor(events.length / 2)].at + 60_000;
      events.push({ type: 'stage.entered', at, stage: 'stage-1' });
      if (rng.chance(0.5)) events.push({ type: 'decision', at: at + 7 * DAY_MS, outcome: 'support-contract' });
      events.sort((a, b) => a.at - b.at);
    }
    learners.push({ learner, events });
    total += events.length;
  }
  return { learners, total };
}

/** The simulate input form of an event: an id, and `at` as ISO text. */
const inputEvent = (e, i) => ({ ...e, id: `e${i}`, at: new Date(e.at).toISOString() });
const learnerJson = (l) => ({ id: l.id, programme: l.programme, nation: l.nation, startDate: formatDay(l.startDay) });
const endOfLastDay = (learner, events) => londonMidnight((events.length > 0 ? londonDay(events[events.length - 1].at) : learner.startDay) + 1) - 1;

function writeInputFolder(data) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'waymark-backtest-'));
  for (const { learner, events } of data.learners) {
    writeFileSync(path.join(dir, `${learner.id}.json`), JSON.stringify({ learner: learnerJson(learner), events: events.map(inputEvent) }));
  }
  return dir;
}

/** `waymark db` on a free port, in its own process; resolves to its URI. */
function startDatabase() {
  const child = spawn(process.execPath, ['bin/waymark.js', 'db', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve({ child, uri: line.trim() });
    });
    child.on('exit', (code) => reject(new Error(`waymark db exited with ${code}`)));
  });
}

/** Learners, their logs and their cases, written as the store writes them (indexes built first). */
async function loadDatabase(uri, data) {
  const opened = await openStore({ uri });
  const db = opened.connection.db;
  const recordedAt = new Date('2027-06-01T00:00:00Z');
  const updatedAt = recordedAt;
  let learners = [];
  let events = [];
  let cases = [];
  const flush = async (force) => {
    if (force || events.length >= 20_000) {
      if (learners.length > 0) await db.collection('learners').insertMany(learners, { ordered: false });
      if (events.length > 0) await db.collection('events').insertMany(events, { ordered: false });
      if (cases.length > 0) await db.collection('cases').insertMany(cases, { ordered: false });
      learners = [];
      events = [];
      cases = [];
    }
  };
  for (const { learner, events: es } of data.learners) {
    learners.push({ _id: learner.id, name: `Learner ${learner.id}`, ...learnerJson(learner), policy: 'mtt' });
    delete learners[learners.length - 1].id;
    const log = es.map((event, i) => ({ key: `e${i}`, event }));
    for (const [i, e] of es.entries()) {
      events.push({ learnerId: learner.id, key: `e${i}`, event: inputEvent(e, i), at: new Date(e.at), actor: { kind: 'feed', id: 'bench' }, policy: 'mtt', packVersion: mtt.version, recordedAt });
    }
    const folded = foldLog(mtt, learner, log, endOfLastDay(learner, es));
    cases.push({ _id: learner.id, policy: 'mtt', packVersion: mtt.version, state: folded.state, version: 1, nextWakeUpAt: null, outbox: [], updatedAt });
    await flush(false);
  }
  await flush(true);
  await opened.close();
}

/** Runs the CLI once; wall time from spawn to exit, start-up included. */
function waymark(args, env = {}) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['bin/waymark.js', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (code !== 0) return reject(new Error(`waymark ${args[0]} exited with ${code}: ${err}`));
      resolve({ seconds, out });
    });
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log('Waymark backtest benchmark');
console.log(`  ${options.learners} learners, about ${options.events} events each (75%-125%), seed ${options.seed}; candidate ${CANDIDATE} against mtt`);
console.log(`  node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}); each run is a fresh \`waymark\` process, start-up included`);

let t = process.hrtime.bigint();
const data = generateData();
const folder = writeInputFolder(data);
console.log(`  generated ${data.total} events and wrote ${options.learners} input files in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);
t = process.hrtime.bigint();
const database = await startDatabase();
try {
  await loadDatabase(database.uri, data);
  console.log(`  loaded them into \`waymark db\` (its own process) in ${(Number(process.hrtime.bigint() - t) / 1e9).toFixed(1)} s`);

  const runs = { input: [], database: [] };
  const startUp = [];
  const reports = {};
  const backtest = ['policy', 'backtest', CANDIDATE, '--against', 'mtt', '--json'];
  for (let r = 0; r < options.runs; r++) {
    startUp.push((await waymark(['--version'])).seconds);
    for (const [name, args, env] of [
      ['input', [...backtest, '--input', folder], { MONGODB_URI: '' }],
      ['database', backtest, { MONGODB_URI: database.uri }],
    ]) {
      const { seconds, out } = await waymark(args, env);
      runs[name].push(seconds);
      reports[name] = JSON.parse(out);
    }
  }
  const rows = Object.entries(runs).map(([name, times]) => [
    name === 'input' ? '--input DIR' : 'MONGODB_URI',
    reports[name].learners,
    reports[name].changed,
    times.map((s) => s.toFixed(2)).join(' / '),
    median(times),
    perSecond(data.total, median(times)),
  ]);
  console.log('');
  printTable(['source', 'learners', 'changed', 'runs (s)', 'median s', 'events/s'], rows);
  const same = JSON.stringify(reports.input.differences) === JSON.stringify(reports.database.differences);
  console.log('');
  console.log(`  of which CLI start-up (\`waymark --version\`, same runs): ${startUp.map((s) => s.toFixed(2)).join(' / ')} s`);
  console.log(`  both sources list the same differences: ${same ? 'yes' : 'NO'}`);
  for (const [name, times] of Object.entries(runs)) console.log(`  ${name}: target under 10 s: ${median(times) < 10 ? 'met' : 'NOT met'} (median ${median(times).toFixed(2)} s)`);
  writeSummary(RESULTS, { options, events: data.total, runs, startUp, changed: reports.input.changed, sameDifferences: same });
} finally {
  database.child.kill('SIGTERM');
  rmSync(folder, { recursive: true, force: true });
}
