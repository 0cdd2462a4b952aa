/**
 * `waymark import learners|staff|events <file.csv>`: every row validated first, each bad
 * row named by line and column, nothing written while any row is bad.
 */
import { Readable, Writable } from 'node:stream';
import { importCommand } from '../../src/cli/import.js';
import { startEmbeddedMongo, type EmbeddedMongo } from '../../src/store/embedded-mongo/index.js';
import { openStore, type OpenStore } from '../../src/store/open-store.js';
import { runCli, tempDir, writeFile } from './run-cli.js';

let server: EmbeddedMongo;
let opened: OpenStore;
let env: NodeJS.ProcessEnv;
const dir = tempDir();
beforeAll(async () => {
  server = await startEmbeddedMongo({ port: 0 });
  opened = await openStore({ uri: server.uri });
  env = { MONGODB_URI: server.uri };
  // The learners' coach is in the directory (one who is not is imported with a warning: import-rows.test.ts).
  await opened.store.putStaff({ id: 'coach@example.ac.uk', name: 'Coach', roles: ['coach'] });
});
afterAll(async () => {
  await opened.close();
  await server.close();
});

async function run(args: string[], environment: NodeJS.ProcessEnv = env) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await importCommand(args, { stdin: Readable.from([]), stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) }, environment);
  return { code, stdout, stderr };
}

const LEARNERS = `id,name,programme,nation,startDate,plannedEndDate,coach,employer,policy
IL1,Ada Lovelace,apprenticeship,england,2026-09-01,2027-09-01,coach@example.ac.uk,Acme Ltd,mtt
IL2,Alan Turing,apprenticeship,wales,2026-09-01,,,,
IL3,Grace Hopper,traineeship,scotland,2026-10-05,,,,
`;

test('a good learners file creates, and imported again updates', async () => {
  const file = writeFile(dir, 'learners.csv', LEARNERS);
  expect(await run(['learners', file])).toEqual({ code: 0, stdout: '3 created, 0 updated\n', stderr: '' });
  expect(await opened.store.getLearner('IL1')).toEqual({
    id: 'IL1',
    name: 'Ada Lovelace',
    programme: 'apprenticeship',
    nation: 'england',
    startDate: '2026-09-01',
    plannedEndDate: '2027-09-01',
    coach: 'coach@example.ac.uk',
    employer: 'Acme Ltd',
    policy: 'mtt',
  });
  const il2 = await opened.store.getLearner('IL2');
  expect(il2).toMatchObject({ id: 'IL2', policy: 'atl' });
  expect(il2?.coach).toBeUndefined();
  const changed = writeFile(dir, 'learners2.csv', LEARNERS.replace('Alan Turing', 'A. M. Turing') + 'IL4,Katherine Johnson,apprenticeship,northern-ireland,2026-09-01,,,,\n');
  expect(await run(['learners', changed])).toEqual({ code: 0, stdout: '1 created, 3 updated\n', stderr: '' });
  expect((await opened.store.getLearner('IL2'))?.name).toBe('A. M. Turing');
});

test('every bad row is reported by line and column, and nothing is written', async () => {
  const file = writeFile(
    dir,
    'bad-learners.csv',
    `id,name,programme,nation,startDate
BL1,Good Row,apprenticeship,england,2026-09-01

BL2,Bad Date,apprenticeship,england,2026-02-30
BL3,Bad Nation,apprenticeship,france,2026-09-01
BL1,Again,apprenticeship,england,2026-09-01
`,
  );
  const result = await run(['learners', file]);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toEqual([
    `${file}:4: startDate: is not a real date: 2026-02-30 does not exist: February 2026 has 28 days`,
    `${file}:5: nation: must be one of "england", "wales", "scotland", "northern-ireland"`,
    `${file}:6: id: learner id "BL1" is also on line 2; each may appear once`,
    `${file}: 3 problems; nothing was imported`,
    '',
  ]);
  expect(await opened.store.getLearner('BL1')).toBeNull();
});

test('bad policy, missing cells and unknown columns are named too', async () => {
  const policy = writeFile(dir, 'policy.csv', 'id,name,programme,nation,startDate,policy\nP1,,apprenticeship,england,2026-09-01,nope\n');
  const result = await run(['learners', policy]);
  expect(result.stderr).toContain(`${policy}:2: name: is required (string)`);
  expect(result.stderr).toContain(`${policy}:2: policy: must name a loaded policy pack: one of makers, creative-alliance, bpn, mtt, atl`);
  const unknown = writeFile(dir, 'unknown.csv', 'id,name,programme,nation,startDate,favourite_colour\n');
  expect((await run(['learners', unknown])).stderr).toContain(`${unknown}:1: favourite_colour: unknown column; expected id, name,`);
});

test('--dry-run validates and counts but writes nothing, and needs no database', async () => {
  const file = writeFile(dir, 'dry.csv', 'id,name,programme,nation,startDate\nDR1,Dry Run,apprenticeship,england,2026-09-01\nDR2,Dry Run 2,traineeship,wales,2026-09-01\n');
  expect(await run(['learners', file, '--dry-run'], {})).toEqual({ code: 0, stdout: '2 learners would be imported\n', stderr: '' });
  expect(await run(['learners', '--dry-run', file])).toEqual({ code: 0, stdout: '2 learners would be imported\n', stderr: '' });
  expect(await opened.store.getLearner('DR1')).toBeNull();
});

test('e-portfolio export headers are accepted, in any case', async () => {
  const file = writeFile(
    dir,
    'export.csv',
    'ULN,First_Name,Last_Name,Programme,Nation,START_DATE,planned_end_date,coach_email,employer_name\n' +
      '1234567890,Mary,Jackson,Apprenticeship,England,2026-09-01,2027-09-01,Coach@Example.ac.uk,"Langley, Ltd"\n',
  );
  expect(await run(['learners', file])).toEqual({ code: 0, stdout: '1 created, 0 updated\n', stderr: '' });
  expect(await opened.store.getLearner('1234567890')).toEqual({
    id: '1234567890',
    name: 'Mary Jackson',
    programme: 'apprenticeship',
    nation: 'england',
    startDate: '2026-09-01',
    plannedEndDate: '2027-09-01',
    coach: 'coach@example.ac.uk',
    employer: 'Langley, Ltd',
    policy: 'atl',
  });
});

test('staff: e-mail lower-cased, roles and covers split on ;', async () => {
  const file = writeFile(
    dir,
    'staff.csv',
    'email,name,roles,slackUserId,teamsUserId,covers,manager\n' +
      'Jo.Coach@Example.ac.uk,Jo Coach,coach; quality-manager,U123,,Sam@example.ac.uk;kim@example.ac.uk,Boss@example.ac.uk\n' +
      'sam@example.ac.uk,Sam,coach,,,,\n',
  );
  expect(await run(['staff', file])).toEqual({ code: 0, stdout: '2 created, 0 updated\n', stderr: '' });
  expect(await opened.store.getStaff('jo.coach@example.ac.uk')).toEqual({
    id: 'jo.coach@example.ac.uk',
    name: 'Jo Coach',
    roles: ['coach', 'quality-manager'],
    slackUserId: 'U123',
    covers: ['sam@example.ac.uk', 'kim@example.ac.uk'],
    manager: 'boss@example.ac.uk',
  });
  const bad = writeFile(dir, 'bad-staff.csv', 'email,name,roles\nnot-an-email,X,coach\ny@example.ac.uk,Y,Quality Manager\n');
  const result = await run(['staff', bad]);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`${bad}:2: email: must be an e-mail address`);
  expect(result.stderr).toContain(`${bad}:3: roles: must be a kebab-case role id`);
  expect(await opened.store.getStaff('y@example.ac.uk')).toBeNull();
});

test('events: stored through the case service; a resend is all duplicate', async () => {
  const learners = writeFile(dir, 'ev-learners.csv', 'id,name,programme,nation,startDate,policy\nEV1,Event Learner,apprenticeship,england,2026-09-01,mtt\n');
  expect((await run(['learners', learners])).code).toBe(0);
  const file = writeFile(
    dir,
    'events.csv',
    'id,learnerId,type,at,notice,actual,planned,channel,outcome\n' +
      'e1,EV1,session.missed,2026-09-08,false,,,,\n' +
      'e2,EV1,contact,2026-09-09T10:30:00Z,,,,phone,no_answer\n' +
      'e3,EV1,progress,2026-09-10,,40,50,,\n',
  );
  expect(await run(['events', file, '--dry-run'], {})).toEqual({ code: 0, stdout: '3 events would be imported\n', stderr: '' });
  expect(await run(['events', file])).toEqual({ code: 0, stdout: '3 stored, 0 duplicate, 0 rejected\n', stderr: '' });
  const logged = await opened.store.findEvent('EV1', 'e3');
  expect(logged?.event).toEqual({ type: 'progress', at: '2026-09-10', actual: 40, planned: 50 });
  expect(logged?.actor).toEqual({ kind: 'feed', id: 'csv-import' });
  expect((await opened.store.findEvent('EV1', 'e1'))?.event).toEqual({ type: 'session.missed', at: '2026-09-08', notice: false });
  expect(await run(['events', file])).toEqual({ code: 0, stdout: '0 stored, 3 duplicate, 0 rejected\n', stderr: '' });
});

test('a bad event row is named by line and column, and nothing is written', async () => {
  const file = writeFile(
    dir,
    'bad-events.csv',
    'id,learnerId,type,at,channel,outcome\n' +
      'b1,EV1,session.attended,2026-09-15,,\n' +
      'b2,EV1,session.teleported,2026-09-15,,\n' +
      'b3,EV1,contact,2026-09-16,carrier-pigeon,reached\n' +
      ',EV1,session.attended,2026-09-17,,\n' +
      'b5,EV1,session.attended,2026-09-18,phone,\n' +
      'b6,EV1,case.assigned,2026-09-18,,\n',
  );
  const result = await run(['events', file]);
  expect(result.code).toBe(2);
  const lines = result.stderr.split('\n');
  expect(lines[0]).toMatch(new RegExp(`^${file}:3: type: unknown event type "session.teleported"`));
  expect(lines.slice(1)).toEqual([
    `${file}:4: channel: must be one of "phone", "email", "meeting", "visit", "message", "letter"`,
    `${file}:5: id: is required (the idempotency key: a resent row is recognised by it)`,
    `${file}:6: channel: is not used by a session.attended event; leave it empty`,
    `${file}:7: type: "case.assigned" is a staff action: it is recorded when a person takes it in Waymark, not sent by a feed`,
    `${file}: 5 problems; nothing was imported`,
    '',
  ]);
  expect(await opened.store.findEvent('EV1', 'b1')).toBeNull();
});

test('an event refused at write time (unknown learner) is reported by line; exit 1', async () => {
  const file = writeFile(dir, 'refused.csv', 'id,learnerId,type,at\nr1,EV1,session.attended,2026-09-20\nr2,NOBODY,session.attended,2026-09-20\n');
  expect(await run(['events', file])).toEqual({
    code: 1,
    stdout: '1 stored, 0 duplicate, 1 rejected\n',
    stderr: `${file}:3: learnerId: no learner "NOBODY"\n`,
  });
  expect(await opened.store.findEvent('EV1', 'r1')).not.toBeNull();
});

test('without MONGODB_URI, or with bad arguments, it says what is wrong and exits 2', async () => {
  const file = writeFile(dir, 'nouri.csv', LEARNERS);
  expect(await run(['learners', file], {})).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('MONGODB_URI is not set') });
  expect(await run(['pets', file], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown kind "pets"') });
  expect(await run(['learners'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining('which file?') });
  expect(await run(['learners', file, '--nope'], {})).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--nope'") });
  expect(await run(['learners', `${dir}/missing.csv`])).toMatchObject({ code: 2, stderr: expect.stringContaining('no such file') });
  expect((await runCli(['help'])).stdout).toContain('import learners|staff|events <file.csv> [--dry-run]');
  expect((await runCli(['help', 'import'])).stdout).toContain('every other row, before it or\nafter it, is stored');
});
