/**
 * Backtesting a folder in several threads: each claims batches of files from a shared
 * counter, and what they found is put back in file order, so the outcome is the same
 * whichever thread did which file.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { backtestFiles, FILES_PER_CLAIM, inFileOrder, type FilesDone, type FilesJob } from '../../src/cli/backtest-files.js';
import { loadPolicy } from '../../src/cli/policy-source.js';
import { builtinPack } from '../../src/rules/packs/index.js';
import { tempDir, writeFile } from './run-cli.js';

const missed = (at: string) => ({ type: 'session.missed', at });
const input = (id: string, events: unknown[]) => ({ learner: { id, programme: 'apprenticeship', nation: 'england', startDate: '2026-09-01' }, events });

/** 120 learners: every third misses 2 sessions in a row (changed under acme-mtt); three files are bad. */
function folder(): { dir: string; paths: string[] } {
  const dir = tempDir();
  for (let i = 0; i < 120; i++) {
    const events = i % 3 === 0 ? [{ type: 'activity', at: '2026-09-07' }, missed('2026-09-08'), missed('2026-09-15')] : [{ type: 'activity', at: '2026-09-07' }];
    writeFile(dir, `f${String(i).padStart(3, '0')}.json`, input(`L${i}`, events));
  }
  writeFile(dir, 'f003.json', '{');
  writeFile(dir, 'f090.json', input('L10', []));
  writeFile(dir, 'f110.json', input('L110', [{ type: 'contact', at: '2026-09-08', channel: 'pigeon', outcome: 'reached' }]));
  return { dir, paths: readdirSync(dir).sort().map((name) => join(dir, name)) };
}

/** Claims the batches whose number is in `batches`, in that order. */
function claiming(batches: number[]): () => number {
  const queue = [...batches];
  return () => (queue.shift() ?? 1_000) * FILES_PER_CLAIM;
}

test('two threads taking turns find what one thread finds, in file order', async () => {
  const { dir, paths } = folder();
  const candidate = await loadPolicy('examples/acme-mtt-two-misses.json', 'candidate');
  if (!candidate.ok) throw new Error(candidate.lines.join('\n'));
  const job: FilesJob = { paths, candidate: candidate.value, against: builtinPack('mtt')!, only: undefined };

  const alone = inFileOrder(dir, job, [await backtestFiles(job, claiming([0, 1, 2, 3, 4]))]);
  // The second thread's files come first in what they found, and the first's are not contiguous.
  const parts: FilesDone[] = [await backtestFiles(job, claiming([0, 2, 4])), await backtestFiles(job, claiming([1, 3]))];
  expect(parts.map((p) => p.files.length)).toEqual([70, 50]);
  const shared = inFileOrder(dir, job, [parts[1]!, parts[0]!]);
  expect(shared).toEqual({
    ok: false,
    lines: [
      `${paths[3]}: not valid JSON: Expected property name or '}' in JSON at position 1`,
      `${paths[90]}: learner.id: "L10" is also the learner of ${paths[10]}; give each learner one file`,
      `${paths[110]}: events[0].channel: must be one of "phone", "email", "meeting", "visit", "message", "letter"`,
    ],
  });
  expect(shared).toEqual(alone);

  const valid = { ...job, paths: paths.filter((_, i) => ![3, 90, 110].includes(i)) };
  const byOne = inFileOrder(dir, valid, [await backtestFiles(valid, claiming([0, 1, 2, 3, 4]))]);
  const byTwo = inFileOrder(dir, valid, [await backtestFiles(valid, claiming([1, 3])), await backtestFiles(valid, claiming([0, 2, 4]))]);
  if (!byOne.ok || !byTwo.ok) throw new Error('valid files refused');
  expect(byTwo.value.replayed).toBe(117);
  const ids = (r: typeof byOne) => (r.ok ? r.value.differences.map((d) => d.learnerId).sort() : []);
  expect(ids(byTwo)).toEqual(ids(byOne));
  expect(ids(byOne)).toHaveLength(38); // every third of 120, less f003 and f090, which were replaced
});
