/**
 * Where `waymark policy backtest` finds learners and their histories: a folder of
 * `simulate` input files, or the database. Each source reads and checks the learners,
 * backtests them one at a time (nothing is kept but the differences), and says how many
 * it replayed, or every problem it found. Neither writes anything.
 *
 * Large runs are shared with worker threads when the code is built (the threads run
 * dist/cli/backtest-worker.js): one per spare core for a folder, beside the main thread;
 * one per core for the database, each with its own connection and a large young heap
 * generation (decoding a million logged events makes short-lived garbage).
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LearnerDifference } from '../rules/backtest/difference.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { openStore } from '../store/open-store.js';
import { backtestFiles, FILES_PER_CLAIM, inFileOrder, type FilesDone, type FilesJob } from './backtest-files.js';
import { backtestStored, type StoreDone } from './backtest-store.js';
import type { WorkerData } from './backtest-worker.js';
import { failed, ok, type Outcome } from './io.js';

/** What a source did: how many learners it replayed, and those whose outcome would change. */
export interface Backtested {
  readonly replayed: number;
  readonly differences: LearnerDifference[];
}

/** A folder is shared with worker threads only when it has at least this many files. */
const FILES_FOR_THREADS = 8 * FILES_PER_CLAIM;
/** At most this many worker threads (each costs its start-up). */
const MAX_WORKERS = 4;
/** The young generation of a worker's heap (V8's default is a few MiB): fewer, cheaper collections. */
const YOUNG_GENERATION_MB = 192;

/**
 * Every `*.json` file in `dir`, one learner each, checked as `simulate` checks its input
 * (problems as `<file>: <path>: <message>`, in file order); the learners of `only` when
 * given. Each runs to the end of the day of its last event (or its start date), as
 * `simulate` does by default.
 */
export async function fromInputFolder(dir: string, only: ReadonlySet<string> | undefined, candidate: Pack, against: Pack): Promise<Outcome<Backtested>> {
  const listed = await jsonFiles(dir);
  if (!listed.ok) return listed;
  const job: FilesJob = { paths: listed.value, candidate, against, only: only === undefined ? undefined : [...only] };
  const counter = new SharedArrayBuffer(4);
  const next = new Int32Array(counter);
  const threads = job.paths.length >= FILES_FOR_THREADS ? Math.min(availableParallelism() - 1, MAX_WORKERS) : 0;
  const workers = startWorkers<FilesDone>(Array.from({ length: threads }, () => ({ files: job, counter })));
  try {
    const parts = await Promise.all([backtestFiles(job, () => Atomics.add(next, 0, FILES_PER_CLAIM)), ...workers.map((w) => w.done)]);
    return inFileOrder(dir, job, parts);
  } finally {
    for (const { worker } of workers) void worker.terminate();
  }
}

async function jsonFiles(dir: string): Promise<Outcome<string[]>> {
  const kind = await stat(dir).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => 'missing',
  );
  if (kind === 'missing') return failed(`--input: cannot read "${dir}": no such folder`);
  if (kind === 'file') return failed(`--input: "${dir}" is a file; give a folder of simulate input files, one learner each`);
  const names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  if (names.length === 0) return failed(`--input: no .json files in "${dir}"`);
  return ok(names.map((name) => join(dir, name)));
}

/**
 * The learners in the database (`uri`) whose policy is the pack in force; those of `only`
 * when given, each of which must exist and run under it. Each runs as far as their stored
 * case has been run, or to their last event if that is later: the bot's own view of them.
 */
export async function fromStore(uri: string, only: ReadonlySet<string> | undefined, candidate: Pack, against: Pack): Promise<Outcome<Backtested>> {
  const opened = await openStore({ uri });
  try {
    if (only !== undefined) {
      const problems: string[] = [];
      for (const id of only) {
        const record = await opened.store.getLearner(id);
        if (record === null) problems.push(`--learner ${id}: no learner "${id}" in the database`);
        else if (record.policy !== against.id) problems.push(`--learner ${id}: runs under policy "${record.policy}", not "${against.id}"; give --against ${record.policy} to backtest them`);
      }
      if (problems.length > 0) return failed(...problems);
    }
    const ids = only === undefined ? undefined : [...only];
    // A few named learners are read here; the whole policy is shared between threads.
    const threads = ids === undefined ? Math.min(availableParallelism(), MAX_WORKERS) : 0;
    const workers = startWorkers<StoreDone>(Array.from({ length: threads }, (_, index) => ({ store: { uri, candidate, against, only: ids, share: { index, of: threads } } })));
    try {
      const parts = workers.length > 0 ? await Promise.all(workers.map((w) => w.done)) : [await backtestStored(opened.store, { candidate, against, only: ids, share: { index: 0, of: 1 } })];
      return ok({ replayed: parts.reduce((sum, part) => sum + part.replayed, 0), differences: parts.flatMap((part) => part.differences) });
    } finally {
      for (const { worker } of workers) void worker.terminate();
    }
  } finally {
    await opened.close();
  }
}

/** One worker thread per job, when the built worker script is there; none otherwise. */
function startWorkers<T>(jobs: readonly WorkerData[]): { worker: Worker; done: Promise<T> }[] {
  const script = new URL('./backtest-worker.js', import.meta.url);
  if (jobs.length === 0 || !existsSync(fileURLToPath(script))) return [];
  return jobs.map((workerData) => {
    const worker = new Worker(script, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const done = new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`a backtest worker thread stopped (exit code ${code}) before it was done`)));
    });
    return { worker, done };
  });
}
