/**
 * Backtesting a folder's `simulate` input files, the part each thread runs: claim a batch
 * of files, read and check each as `simulate` does, and backtest the learners it may.
 * Threads share one counter of the next file to claim, so they finish together whatever
 * their start-up took. What is said about each file carries its index, so the caller can
 * put the threads' findings back in file order.
 */
import { londonDay, londonMidnight } from '../rules/calendar/index.js';
import { backtestLearner, type LearnerDifference } from '../rules/backtest/difference.js';
import { inTimeOrder } from '../rules/engine/engine.js';
import { parseSimulationInput } from '../rules/events/parse-input.js';
import { issueLine } from '../rules/issues.js';
import type { Pack } from '../rules/pack/pack-schema.js';
import { parseJson, readText, type ReadResult } from './files.js';
import { failed, ok, type Outcome } from './io.js';

/** What one thread is given: the files, the packs, and the learners wanted (all when undefined). */
export interface FilesJob {
  readonly paths: readonly string[];
  readonly candidate: Pack;
  readonly against: Pack;
  readonly only: readonly string[] | undefined;
}

/** What became of one file: its learner (when it names one validly), or what is wrong with it. */
export interface FileOutcome {
  readonly index: number;
  readonly learnerId?: string;
  readonly problems: string[];
}

/** Built up as the files are done. */
export interface FilesDone {
  files: FileOutcome[];
  differences: LearnerDifference[];
  replayed: number;
}

/** Files claimed at a time: enough to keep reads in flight, few enough to share the tail. */
export const FILES_PER_CLAIM = 25;

/** Claims the next batch of files; returns its first index (past the end when none is left). */
export type Claim = () => number;

/**
 * Every learner of a file is replayed when the file is valid and the learner wanted; a
 * learner named by two files is replayed twice here, and the caller refuses the folder.
 */
export async function backtestFiles(job: FilesJob, claim: Claim): Promise<FilesDone> {
  const only = job.only === undefined ? undefined : new Set(job.only);
  const done: FilesDone = { files: [], differences: [], replayed: 0 };
  const read = (from: number) => Promise.all(job.paths.slice(from, from + FILES_PER_CLAIM).map(readText));
  let from = claim();
  let reading = from < job.paths.length ? read(from) : undefined;
  while (reading !== undefined) {
    const texts = await reading;
    // The next batch is read while this one is replayed.
    const next = claim();
    reading = next < job.paths.length ? read(next) : undefined;
    texts.forEach((text, i) => backtestFile(job, only, from + i, text, done));
    from = next;
  }
  return done;
}

function backtestFile(job: FilesJob, only: ReadonlySet<string> | undefined, index: number, read: ReadResult, done: FilesDone): void {
  const path = job.paths[index]!;
  if (!read.ok) return void done.files.push({ index, problems: [`--input: cannot read "${path}": ${read.reason}`] });
  const json = parseJson(read.text, path);
  if (!json.ok) return void done.files.push({ index, problems: [...json.lines] });
  const input = parseSimulationInput(json.value);
  if (!input.ok) return void done.files.push({ index, problems: input.issues.map((issue) => `${path}: ${issueLine(issue)}`) });
  const { learner, events } = input.value;
  done.files.push({ index, learnerId: learner.id, problems: [] });
  if (only !== undefined && !only.has(learner.id)) return;
  // Repeated event ids are dropped and the rest put in time order, as simulate does; refusals are named by index.
  const log = inTimeOrder(events).map((i) => ({ key: `events[${i}]`, event: events[i]! }));
  const last = log[log.length - 1];
  const day = last === undefined ? learner.startDay : londonDay(last.event.at);
  const difference = backtestLearner(job.candidate, job.against, learner, log, londonMidnight(day + 1) - 1);
  if (difference !== null) done.differences.push(difference);
  done.replayed++;
}

/** The threads' findings in file order: each file's problems, a learner named twice, then --learner ids no file has. */
export function inFileOrder(dir: string, job: FilesJob, parts: readonly FilesDone[]): Outcome<{ replayed: number; differences: LearnerDifference[] }> {
  const files = parts.flatMap((part) => part.files).sort((a, b) => a.index - b.index);
  const problems: string[] = [];
  const fileOf = new Map<string, string>();
  for (const file of files) {
    problems.push(...file.problems);
    if (file.learnerId === undefined) continue;
    const path = job.paths[file.index]!;
    const first = fileOf.get(file.learnerId);
    if (first !== undefined) problems.push(`${path}: learner.id: "${file.learnerId}" is also the learner of ${first}; give each learner one file`);
    else fileOf.set(file.learnerId, path);
  }
  for (const id of job.only ?? []) if (!fileOf.has(id)) problems.push(`--learner ${id}: no file in "${dir}" is this learner's`);
  if (problems.length > 0) return failed(...problems);
  return ok({ replayed: parts.reduce((sum, part) => sum + part.replayed, 0), differences: parts.flatMap((part) => part.differences) });
}
