/**
 * What `waymark import` says and does beyond one bad cell: a refused event leaves the
 * other rows (after it as well as before) stored, as the data feed does; a learner whose
 * coach is not in the staff directory is imported with a warning; problems with the file
 * as a whole name a column; yes/no cells say which words they take; a contact's outcome
 * may be written no-answer or no_answer, and is logged as no_answer.
 */
import { importCommand } from '../../src/cli/import.js';
import { parseChatCommand } from '../../src/bots/chat-command.js';
import { commandSchema } from '../../src/cases/commands.js';
import { parseEvent } from '../../src/rules/events/parse-input.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { runCommand, tempDir, writeFile } from './run-cli.js';

let server: EmbeddedMongo;
let opened: OpenStore;
const dir = tempDir();
beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  await opened.store.putStaff({ id: 'known@mtt.org', name: 'Known Coach', roles: ['coach'] });
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

function run(args: string[]) {
  return runCommand(importCommand, args, { MONGODB_URI: server.uri, WAYMARK_POLICY: 'mtt' });
}

test('a learner whose coach is not in the staff directory is imported, with a warning naming the line', async () => {
  const file = writeFile(dir, 'learners.csv', 'id,name,programme,nation,startDate,coach\nR1,Ria,apprenticeship,england,2026-09-01,known@mtt.org\nR2,Rob,apprenticeship,england,2026-09-01,Typo@MTT.org\nR3,Rue,apprenticeship,england,2026-09-01,\n');
  expect(await run(['learners', file])).toEqual({
    code: 0,
    stdout: '3 created, 0 updated\n',
    stderr: `${file}:3: coach: warning: "typo@mtt.org" is not in the staff directory; the learner is imported, but no coach hears about them until \`waymark import staff\` adds that address\n`,
  });
  expect((await opened.store.getLearner('R2'))?.coach).toBe('typo@mtt.org');
});

test('an event the policy refuses is left out, and the rows after it are stored as well as those before', async () => {
  // mtt's stage 2 follows an unsuccessful stage 1: entering it first is refused.
  const file = writeFile(
    dir,
    'events.csv',
    'id,learnerId,type,at,notice,channel,outcome,stage\n' +
      'a1,R1,session.missed,2026-09-08,false,,,\n' +
      'a2,R1,stage.entered,2026-09-09,,,,stage-2\n' +
      'a3,R1,contact,2026-09-10,,phone,no-answer,\n' +
      'a4,NOBODY,session.missed,2026-09-10,,,,\n' +
      'a5,R3,contact,2026-09-11,,email,no_answer,\n',
  );
  const result = await run(['events', file]);
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('3 stored, 0 duplicate, 2 rejected\n');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(new RegExp(`^${file}:3: event: `));
  expect(lines[1]).toBe(`${file}:5: learnerId: no learner "NOBODY"`);
  expect((await opened.store.eventsOf('R1')).map((e) => e.key)).toEqual(['a1', 'a3']);
  // Both spellings of the outcome are logged in the contract's word.
  expect((await opened.store.eventsOf('R1'))[1]!.event).toMatchObject({ type: 'contact', outcome: 'no_answer' });
  expect((await opened.store.eventsOf('R3'))[0]!.event).toMatchObject({ type: 'contact', outcome: 'no_answer' });
  // Importing the file again after the fix: the stored rows are duplicates.
  expect((await run(['events', file])).stdout).toBe('0 stored, 3 duplicate, 2 rejected\n');
});

describe('problems with the file as a whole name a column', () => {
  test.each([
    ['a required column missing from the header', 'id,learnerId,type\ne1,R1,activity\n', '1: at: is a required column; add it to the header line'],
    ['a row with too few cells', 'id,learnerId,type,at\ne1,R1,activity\n', '2: at: is missing: the row has 3 cells, the header 4'],
    ['a row with too many cells', 'id,learnerId,type,at\ne1,R1,activity,2026-09-08,x\n', '2: column 5: is past the last column: the row has 5 cells, the header 4 (a cell holding a comma must be in double quotes)'],
    ['a quote left open', 'id,learnerId,type,at\ne1,R1,"activity,2026-09-08\n', '2: type: not valid CSV: '],
    ['an empty file', '', '1: header: the file is empty; expected a header line naming the columns (id, learnerId, type, at, '],
  ])('%s', async (_, csv, problem) => {
    const file = writeFile(dir, 'file-level.csv', csv);
    const result = await run(['events', file, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n')[0]).toContain(`${file}:${problem}`);
    expect(result.stderr.split('\n')).toHaveLength(3);
  });
});

test('a yes/no cell says which words it takes; a date that does not exist says so', async () => {
  const file = writeFile(dir, 'wording.csv', 'id,learnerId,type,at,notice\nw1,R1,session.missed,2026-09-08,maybe\nw2,R1,session.missed,2026-02-30,YES\nw3,R1,session.missed,2026-09-09,No\n');
  expect((await run(['events', file, '--dry-run'])).stderr.split('\n')).toEqual([
    `${file}:2: notice: must be true or false (yes and no are accepted too), not "maybe"`,
    `${file}:3: at: is not a real date: 2026-02-30 does not exist: February 2026 has 28 days`,
    `${file}: 2 problems; nothing was imported`,
    '',
  ]);
});

test('the data feed and chat take no-answer and no_answer alike; a JSON yes/no field says true or false', () => {
  for (const outcome of ['no-answer', 'no_answer']) {
    expect(parseEvent({ type: 'contact', at: '2026-09-09', channel: 'phone', outcome }, 'event')).toMatchObject({ ok: true, value: { outcome: 'no_answer' } });
    expect(commandSchema.safeParse({ kind: 'log-contact', actor: 'a@b.org', key: 'k', learnerId: 'L1', channel: 'phone', outcome })).toMatchObject({ success: true, data: { outcome: 'no_answer' } });
    expect(parseChatCommand(`log L1 phone ${outcome}`)).toMatchObject({ ok: true, command: { outcome: 'no_answer' } });
  }
  expect(parseEvent({ type: 'contact', at: '2026-09-09', channel: 'phone', outcome: 'no answer' }, 'event')).toMatchObject({ ok: false });
  expect(parseEvent({ type: 'session.missed', at: '2026-09-09', notice: 'yes' }, 'event')).toEqual({ ok: false, issues: [{ path: 'event.notice', message: 'must be true or false' }] });
});
