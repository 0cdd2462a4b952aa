/**
 * `waymark import learners|staff|events <file.csv> [--dry-run]`: loads a CSV export into
 * the database in MONGODB_URI. Every row is validated first; if any is bad, each problem
 * is printed as `<file>:<line>: <column>: <message>` and nothing is written.
 */
import { parseArgs } from 'node:util';
import { recordBatch } from '../cases/record-batch.js';
import { issueText, readTable, type ImportIssue, type Row, type TableSpec } from '../import/csv-table.js';
import { EVENT_COLUMNS, validateEvents, type EventRow } from '../import/events.js';
import { coachesNotInDirectory, LEARNER_COLUMNS, validateLearners } from '../import/learners.js';
import { STAFF_COLUMNS, validateStaff } from '../import/staff.js';
import type { Validated } from '../import/validated.js';
import { loadPackRegistry, type PackRegistry } from '../pack-files/pack-registry.js';
import { packSourcesFrom } from '../server/config.js';
import type { Store } from '../store/store.js';
import { openStore } from '../store/open-store.js';
import { packsInForce } from '../server/policy-versions.js';
import type { LearnerRecord, StaffRecord } from '../store/records.js';
import { readText } from './files.js';
import { badInput, EXIT_OK, writeLines, type CliIo } from './io.js';

export const IMPORT_USAGE = 'usage: waymark import learners|staff|events <file.csv> [--dry-run] [--announce]   (uses MONGODB_URI)';

export const IMPORT_HELP = `${IMPORT_USAGE}

  learners <file.csv>   create or replace learners (columns: docs/import.md)
  staff <file.csv>      create or replace staff members
  events <file.csv>     record events, as the data feed does; a resent event is a duplicate
  --dry-run             validate only; needs no database
  --announce            events: say everything they set off, as for live events; without
                        it they are a history, recorded quietly: what is still current
                        (a learner at risk now, a step or task waiting) is said once

Every row is validated before anything is written. A bad row is reported as
<file>:<line>: <column>: <message> (line 1 is the header) and nothing is written.
Events are written per learner, in the file's order: an event the policy refuses (or for
an unknown learner) is reported by line and left out, and every other row, before it or
after it, is stored, as the data feed does. Fix the row and import the file again: the
rows already stored are duplicates. A learner whose coach is not in the staff directory
is imported, with a warning naming the line.
Exit codes: 0 success, 2 bad input (nothing written), 1 some events refused.
`;

type Kind = 'learners' | 'staff' | 'events';

interface Importer<T> {
  readonly spec: TableSpec;
  validate(rows: readonly Row[]): Validated<T>;
  write(store: Store, rows: Validated<T>['values'], io: CliIo, file: string, announce: boolean): Promise<number>;
}

const KINDS: readonly string[] = ['learners', 'staff', 'events'] satisfies Kind[];

/** Learners may name any loaded pack (WAYMARK_POLICY, WAYMARK_PACKS), and events are folded under it. */
const learners = (packs: PackRegistry): Importer<LearnerRecord> => ({
  spec: LEARNER_COLUMNS,
  validate: (rows) => validateLearners(rows, { policies: [...packs.packs.keys()], defaultPolicy: packs.defaultPolicy }),
  write: async (store, rows, io, file) => {
    writeLines(io.stderr, (await coachesNotInDirectory(rows, async (id) => (await store.getStaff(id)) !== null)).map((i) => issueText(file, i)));
    return putAll(rows, (l) => store.putLearner(l), io);
  },
});
const STAFF: Importer<StaffRecord> = { spec: STAFF_COLUMNS, validate: validateStaff, write: (store, rows, io) => putAll(rows, (s) => store.putStaff(s), io) };
const events = (packs: PackRegistry): Importer<EventRow> => ({
  spec: EVENT_COLUMNS,
  validate: validateEvents,
  write: (store, rows, io, file, announce) => recordAll(store, packs, rows, io, file, announce),
});

/** Exit code when some events were refused at write time (earlier rows are already stored). */
const EXIT_SOME_REFUSED = 1;

export async function importCommand(args: string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (args[0] === '--help' || args[0] === 'help') {
    io.stdout.write(IMPORT_HELP);
    return EXIT_OK;
  }
  let values: { 'dry-run'?: boolean | undefined; announce?: boolean | undefined };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, announce: { type: 'boolean' } }, strict: true, allowPositionals: true }));
  } catch (error) {
    return badInput(io, [`waymark import: ${(error as Error).message}`, IMPORT_USAGE]);
  }
  const [kind, file, ...extra] = positionals;
  if (kind === undefined) return badInput(io, ['waymark import: what to import? learners, staff or events', IMPORT_USAGE]);
  if (!KINDS.includes(kind)) return badInput(io, [`waymark import: unknown kind ${JSON.stringify(kind)}; expected learners, staff or events`, IMPORT_USAGE]);
  if (file === undefined) return badInput(io, [`waymark import ${kind}: which file? give the path to a .csv file`, IMPORT_USAGE]);
  if (extra.length > 0) return badInput(io, [`waymark import: unexpected argument ${JSON.stringify(extra[0])}`, IMPORT_USAGE]);
  const dryRun = values['dry-run'] === true;
  const announce = values.announce === true;
  if (announce && kind !== 'events') return badInput(io, [`waymark import ${kind}: --announce is for events only`, IMPORT_USAGE]);
  const uri = env.MONGODB_URI;
  if (!dryRun && !uri) {
    return badInput(io, [`waymark import ${kind}: MONGODB_URI is not set; point it at the database to import into (e.g. the URI \`waymark db\` prints), or use --dry-run to validate only`]);
  }
  const target = dryRun ? undefined : uri;
  const packs = await loadPackRegistry(packSourcesFrom(env));
  if (!packs.ok) return badInput(io, [...packs.lines, `waymark import ${kind}: fix the policy packs above first`]);
  switch (kind as Kind) {
    case 'learners':
      return run(learners(packs.value), kind, file, target, io, announce);
    case 'staff':
      return run(STAFF, kind, file, target, io, announce);
    case 'events':
      return run(events(packs.value), kind, file, target, io, announce);
  }

}

async function run<T>(importer: Importer<T>, kind: string, file: string, uri: string | undefined, io: CliIo, announce: boolean): Promise<number> {
  const read = await readText(file);
  if (!read.ok) return badInput(io, [`waymark import ${kind}: cannot read "${file}": ${read.reason}`]);
  const table = readTable(read.text, importer.spec);
  if (!table.ok) return reject(io, file, table.issues);
  const validated = importer.validate(table.rows);
  if (validated.issues.length > 0) return reject(io, file, validated.issues);
  if (uri === undefined) {
    writeLines(io.stdout, [`${validated.values.length} ${kind} would be imported`]);
    return EXIT_OK;
  }
  const opened = await openStore({ uri });
  try {
    return await importer.write(opened.store, validated.values, io, file, announce);
  } finally {
    await opened.close();
  }
}

function reject(io: CliIo, file: string, issues: readonly ImportIssue[]): number {
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  return badInput(io, [...issues.map((i) => issueText(file, i)), `${file}: ${count}; nothing was imported`]);
}

async function putAll<T>(rows: Validated<T>['values'], put: (value: T) => Promise<'created' | 'updated'>, io: CliIo): Promise<number> {
  let created = 0;
  let updated = 0;
  for (const { value } of rows) {
    if ((await put(value)) === 'created') created++;
    else updated++;
  }
  writeLines(io.stdout, [`${created} created, ${updated} updated`]);
  return EXIT_OK;
}

async function recordAll(store: Store, packs: PackRegistry, rows: Validated<EventRow>['values'], io: CliIo, file: string, announce: boolean): Promise<number> {
  const behind = await packsInForce(store, [...packs.packs.values()]);
  if (behind.length > 0) return badInput(io, [...behind, `${file}: nothing was imported`]);
  const ctx = { store, packFor: packs.packFor, now: () => new Date() };
  const actor = { kind: 'feed', id: 'csv-import' } as const;
  const counts = { stored: 0, duplicate: 0, rejected: 0 };
  const items = rows.map(({ value }) => ({ learnerId: value.learnerId, event: value.event }));
  const { results } = await recordBatch(ctx, items, { actor, history: !announce });
  results.forEach((result, i) => {
    counts[result.status]++;
    if (result.status === 'rejected') writeLines(io.stderr, [`${file}:${rows[i]!.line}: ${result.error}`]);
  });
  writeLines(io.stdout, [`${counts.stored} stored, ${counts.duplicate} duplicate, ${counts.rejected} rejected`]);
  return counts.rejected > 0 ? EXIT_SOME_REFUSED : EXIT_OK;
}
